/**
 * examples/acme-analytics is generated (tier XS, seed 1); it must show the lifecycle the README
 * walks through and stay byte-identical to what the generator makes now.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTemplateRows } from './csv.test-util.ts';
import { writeCompany } from './write-company.ts';

const EXAMPLE_DIR = join(import.meta.dirname, '../../examples/acme-analytics');
/** Keep in step with examples/README.md. */
const EXAMPLE = { tier: 'XS', seed: 1 } as const;

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

describe('examples/acme-analytics', () => {
  it('shows an upgrade, a proration, a churn and a reactivation', () => {
    const f = exampleFeatures(EXAMPLE_DIR);
    expect(f.upgrades.length).toBeGreaterThan(0);
    expect(f.prorations.length).toBeGreaterThan(0);
    expect(f.churns.length).toBeGreaterThan(0);
    expect(f.reactivations.length).toBeGreaterThan(0);
  });

  it('is exactly what the generator writes (regenerate: see examples/README.md)', async () => {
    await writeCompany(tmp, EXAMPLE);
    const committed = readdirSync(EXAMPLE_DIR).sort();
    expect(committed).toEqual(readdirSync(tmp).sort());
    for (const file of committed) {
      expect(readFileSync(join(EXAMPLE_DIR, file), 'utf8'), file).toBe(readFileSync(join(tmp, file), 'utf8'));
    }
  });
});
