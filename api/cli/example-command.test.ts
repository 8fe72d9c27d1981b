/**
 * `mogul example` writes the example company with its data up to today: it must show the
 * lifecycle the README walks through (an upgrade, a proration, a churn, a reactivation) and
 * look like a live business on the day it is made (paying customers paid up, none past due),
 * whatever that day is.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readTemplateRows } from '../generate/csv.test-util.ts';
import { writeCompany } from '../generate/write-company.ts';
import { EXAMPLE, exampleCommand, todayIso } from './example-command.ts';
import { buildFolderReport, parseReportArgs } from './report-command.ts';
import { UsageError } from './usage.ts';

/**
 * The lifecycle features a template folder shows: a plan upgrade, a prorated line, a churn
 * (cancellation) and a reactivation (a customer's subscription starting after another one of
 * theirs was cancelled).
 */

interface ExampleFeatures {
  upgrades: string[];
  prorations: string[];
  churns: string[];
  reactivations: string[];
}

function exampleFeatures(dir: string): ExampleFeatures {
  const months = new Map(
    readTemplateRows(dir, 'plans').map((p) => [p['Plan ID'], Number(p['Interval count']) * (p['Interval unit'] === 'year' ? 12 : 1)]),
  );
  const invoiceCustomer = new Map(readTemplateRows(dir, 'invoices').map((i) => [i['Invoice external ID'], i['Customer external ID']]));
  const lines = readTemplateRows(dir, 'line_items').filter((l) => l.Type === 'Subscription');
  const cancellations = readTemplateRows(dir, 'cancellations');

  const bySub = new Map<string, Record<string, string>[]>();
  for (const l of lines) bySub.set(l['Subscription external ID'], [...(bySub.get(l['Subscription external ID']) ?? []), l]);
  const monthly = (l: Record<string, string>) => (Number(l['Amount in cents']) - Number(l['Tax amount'] || 0)) / months.get(l.Plan)!;

  const upgrades: string[] = [];
  for (const [sub, subLines] of bySub) {
    const regular = subLines.filter((l) => l.Proration !== 'TRUE').sort((a, b) => a['Service period start'].localeCompare(b['Service period start']));
    const renewalUpgrade = regular.some((l, i) => i > 0 && l.Plan !== regular[i - 1].Plan && monthly(l) > monthly(regular[i - 1]));
    const proratedUpgrade = subLines.some((l) => l.Proration === 'TRUE' && Number(l['Amount in cents']) > 0 && regular.some((r) => r.Plan !== l.Plan && r['Service period start'] < l['Service period start']));
    if (renewalUpgrade || proratedUpgrade) upgrades.push(sub);
  }

  const cancelledAt = new Map(cancellations.map((c) => [c['Subscription external ID'], c['Cancelled at']]));
  const subsOf = new Map<string, Set<string>>();
  const firstStart = new Map<string, string>();
  for (const l of lines) {
    const customer = invoiceCustomer.get(l['Invoice external ID'])!;
    const sub = l['Subscription external ID'];
    subsOf.set(customer, (subsOf.get(customer) ?? new Set()).add(sub));
    const start = l['Service period start'];
    if (!firstStart.has(sub) || start < firstStart.get(sub)!) firstStart.set(sub, start);
  }
  const reactivations: string[] = [];
  for (const [customer, subs] of subsOf) {
    const ends = [...subs].map((s) => cancelledAt.get(s)?.slice(0, 10)).filter((d): d is string => d !== undefined);
    if ([...subs].some((s) => ends.some((end) => firstStart.get(s)! > end))) reactivations.push(customer);
  }

  return {
    upgrades,
    prorations: lines.filter((l) => l.Proration === 'TRUE').map((l) => l['External ID']),
    churns: cancellations.map((c) => c['Subscription external ID']),
    reactivations,
  };
}

const tmp = mkdtempSync(join(tmpdir(), 'mogul-example-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `mogul example <dir> [args]` with its output captured. */
async function runExample(dir: string, args: string[] = []): Promise<string> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    expect(await exampleCommand([dir, ...args])).toBe(0);
    return log.mock.calls.map((c) => c.join(' ')).join('\n');
  } finally {
    log.mockRestore();
  }
}

function statusesAsOf(dir: string, day: string): Record<string, number> {
  const { report } = buildFolderReport(parseReportArgs([dir, '--as-of', day], 0));
  const counts: Record<string, number> = {};
  for (const c of report.customers) counts[c.status] = (counts[c.status] ?? 0) + 1;
  return counts;
}

describe('mogul example', () => {
  it('writes the company with its data up to today and says where', async () => {
    const dir = join(tmp, 'today');
    const out = await runExample(dir);
    expect(out).toContain(`billing data up to ${todayIso()}`);
    expect(out).toContain(`npx mogul report ${dir}`);
    const invoiceDays = readTemplateRows(dir, 'invoices').map((i) => i['Invoiced date']).sort();
    expect(invoiceDays.at(-1)! <= todayIso()).toBe(true);
    // Billing goes on up to today: the last invoice is less than a month old.
    expect(Date.parse(todayIso()) - Date.parse(invoiceDays.at(-1)!)).toBeLessThan(31 * 86_400_000);
  });

  // The example used to be a folder written once: a month later, 21 of its 24 customers were past due.
  for (const day of [todayIso(), '2026-12-07', '2027-03-01', '2028-02-29']) {
    it(`looks like a live business on ${day}: every paying customer active, none past due`, async () => {
      const dir = join(tmp, `live-${day}`);
      await runExample(dir, ['--end', day]);
      const counts = statusesAsOf(dir, day);
      expect(counts['Past due'] ?? 0).toBe(0);
      expect(counts.Active).toBeGreaterThanOrEqual(20);
    });
  }

  it('shows an upgrade, a proration, a churn and a reactivation', async () => {
    const dir = join(tmp, 'features');
    await runExample(dir, ['--end', todayIso()]);
    const f = exampleFeatures(dir);
    expect(f.upgrades.length).toBeGreaterThan(0);
    expect(f.prorations.length).toBeGreaterThan(0);
    expect(f.churns.length).toBeGreaterThan(0);
    expect(f.reactivations.length).toBeGreaterThan(0);
  });

  it('is the generator\'s tier XS, seed 1, ending on the given day', async () => {
    const dir = join(tmp, 'same');
    const generated = join(tmp, 'generated');
    await runExample(dir, ['--end', '2026-12-07']);
    await writeCompany(generated, { ...EXAMPLE, endDate: '2026-12-07' });
    const files = readdirSync(dir).sort();
    expect(files).toEqual(readdirSync(generated).sort());
    for (const file of files) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(readFileSync(join(generated, file), 'utf8'));
  });

  it('refuses a bad end date or a second folder', async () => {
    await expect(exampleCommand([join(tmp, 'bad'), '--end', '2026-13-01'])).rejects.toThrow(UsageError);
    await expect(exampleCommand(['a', 'b'])).rejects.toThrow(/Usage: mogul example/);
  });
});
