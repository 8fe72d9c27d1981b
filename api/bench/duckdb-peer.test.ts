import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tierSpec } from '../../shared/generator/index.ts';
import { DATASET_FILES, TEMPLATE_HEADERS, type DatasetName } from '../../shared/templates/datasets.ts';
import { toCsv } from '../generate/csv-write.ts';
import { readTemplateRows } from '../generate/csv.test-util.ts';
import { writeCompany } from '../generate/write-company.ts';
import { runDuckDbPeer, type PeerMonth } from './duckdb-peer.ts';
import { writeMonthAlignedSubset } from './subset.ts';

const tmp = mkdtempSync(join(tmpdir(), 'mogul-peer-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a dataset from rows given as {header: value}; other columns stay empty. */
function writeDataset(dir: string, dataset: DatasetName, rows: Record<string, string>[], headers = TEMPLATE_HEADERS[dataset]) {
  for (const r of rows) for (const k of Object.keys(r)) if (!headers.includes(k)) throw new Error(`${dataset}: ${k}`);
  writeFileSync(join(dir, DATASET_FILES[dataset]), toCsv(headers, rows.map((r) => headers.map((h) => r[h] ?? ''))));
}

const line = (invoice: string, sub: string, amount: number, plan: string, start: string, end: string, extra: Record<string, string> = {}) => ({
  'Invoice external ID': invoice, 'Subscription external ID': sub, Type: 'Subscription', 'Amount in cents': String(amount),
  Plan: plan, 'Service period start': start, 'Service period end': end, Quantity: '1', Proration: 'FALSE', ...extra,
});

const movementsSum = (m: PeerMonth) => m.new_biz + m.expansion + m.contraction + m.churn + m.reactivation;

describe('runDuckDbPeer', () => {
  it('computes monthly MRR and movements of a small hand-made subset', async () => {
    const dir = join(tmp, 'hand');
    mkdirSync(dir);
    writeDataset(dir, 'plans', [
      { Name: 'Monthly', 'Interval count': '1', 'Interval unit': 'month', 'Plan ID': 'm' },
      { Name: 'Yearly', 'Interval count': '1', 'Interval unit': 'year', 'Plan ID': 'y' },
      { Name: 'Twelve months', 'Interval count': '12', 'Interval unit': 'month', 'Plan ID': 'm12' },
    ]);
    // Column order is free: the peer maps columns by header name.
    const invoiceHeaders = ['Currency', 'Invoice external ID', 'Invoiced date', 'Customer external ID', 'Due Date'];
    const invoice = (customer: string, id: string, date: string) => ({
      'Customer external ID': customer, 'Invoice external ID': id, 'Invoiced date': date, Currency: 'USD',
    });
    writeDataset(dir, 'invoices', [
      invoice('cal_a', 'A1', '2024-01-01'), invoice('cal_a', 'A2', '2024-02-01'), invoice('cal_a', 'A3', '2024-03-01'),
      invoice('cal_a', 'A4', '2024-04-01'), invoice('cal_a', 'A6', '2024-06-01'),
      invoice('cal_b', 'B1', '2024-02-01'), invoice('cal_c', 'C1', '2023-12-01'),
    ], invoiceHeaders);
    writeDataset(dir, 'line_items', [
      line('A1', 'a1', 10_000, 'm', '2024-01-01', '2024-02-01', { Description: 'Monthly, with "quotes"' }),
      line('A2', 'a1', 10_000, 'm', '2024-02-01', '2024-03-01'),
      line('A3', 'a1', 15_000, 'm', '2024-03-01', '2024-04-01'), // expansion +5,000
      line('A4', 'a1', 12_000, 'm', '2024-04-01', '2024-05-01', { 'Tax amount': '2000' }), // 10,000 net: contraction
      line('A6', 'a2', 8_000, 'm', '2024-06-01', '2024-07-01'), // back after churning in May: reactivation
      line('B1', 'b1', 990, 'y', '2024-02-01', '2025-02-01'), // 82.5 a month: half away from zero gives 83
      line('C1', 'c1', 1_000, 'm12', '2023-12-01', '2024-12-01'), // 83.33 a month: 83, new before the start
      { 'Invoice external ID': 'C1', Type: 'OneTime', 'Amount in cents': '50000', Proration: 'FALSE' }, // not MRR
    ]);
    writeDataset(dir, 'cancellations', [
      { 'Customer external ID': 'cal_a', 'Subscription external ID': 'a1', 'Cancelled at': '2024-05-01' },
      { 'Customer external ID': 'cal_c', 'Subscription external ID': 'c1', 'Cancelled at': '2024-04-15T10:00:00Z' },
    ]);

    const { months, loadMs, queryMs } = await runDuckDbPeer(dir, { start: '2024-01-01', end: '2024-06-30' });
    const zero = { new_biz: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 };
    expect(months).toEqual([
      { ...zero, month: '2024-01', mrr: 10_083, new_biz: 10_000 },
      { ...zero, month: '2024-02', mrr: 10_166, new_biz: 83 },
      { ...zero, month: '2024-03', mrr: 15_166, expansion: 5_000 },
      { ...zero, month: '2024-04', mrr: 10_083, contraction: -5_000, churn: -83 },
      { ...zero, month: '2024-05', mrr: 83, churn: -10_000 },
      { ...zero, month: '2024-06', mrr: 8_083, reactivation: 8_000 },
    ]);
    expect(loadMs).toBeGreaterThan(0);
    expect(queryMs).toBeGreaterThan(0);
  });

  it('keeps mrr[m] = mrr[m-1] + movements of m on a generated S-tier subset', async () => {
    const src = join(tmp, 'S');
    const subset = join(tmp, 'S-cal');
    await writeCompany(src, { tier: 'S', seed: 11 });
    await writeMonthAlignedSubset(src, subset);
    const spec = tierSpec('S');
    const { months } = await runDuckDbPeer(subset, { start: spec.startDate, end: spec.endDate });

    expect(months).toHaveLength(spec.months);
    expect(months[0].mrr).toBe(movementsSum(months[0])); // nobody before the first month
    const broken = months.filter((m, i) => i > 0 && m.mrr !== months[i - 1].mrr + movementsSum(m)).map((m) => m.month);
    expect(broken).toEqual([]);
    for (const m of months) {
      expect(m.new_biz).toBeGreaterThanOrEqual(0);
      expect(m.expansion).toBeGreaterThanOrEqual(0);
      expect(m.reactivation).toBeGreaterThanOrEqual(0);
      expect(m.contraction).toBeLessThanOrEqual(0);
      expect(m.churn).toBeLessThanOrEqual(0);
    }
    const total = (k: keyof Omit<PeerMonth, 'month' | 'mrr'>) => months.reduce((s, m) => s + m[k], 0);
    for (const k of ['new_biz', 'expansion', 'contraction', 'churn', 'reactivation'] as const) expect(total(k)).not.toBe(0);

    // The last month's MRR, recomputed directly from the subset's rows.
    const rows = (d: DatasetName) => readTemplateRows(subset, d);
    const planMonths = new Map(rows('plans').map((p) => [p['Plan ID'], Number(p['Interval count']) * (p['Interval unit'] === 'year' ? 12 : 1)]));
    const cancelled = new Map(rows('cancellations').map((c) => [c['Subscription external ID'], c['Cancelled at'].slice(0, 10)]));
    const lastMonth = `${spec.endDate.slice(0, 7)}-01`;
    let expected = 0;
    for (const l of rows('line_items')) {
      if (l.Type !== 'Subscription' || !(l['Service period start'] <= lastMonth && lastMonth < l['Service period end'])) continue;
      const c = cancelled.get(l['Subscription external ID']);
      if (c !== undefined && c.slice(0, 7) <= lastMonth.slice(0, 7)) continue;
      const base = Number(l['Amount in cents']) - Number(l['Tax amount'] || 0);
      const months = planMonths.get(l.Plan)!;
      expected += Math.sign(base) * Math.floor((2 * Math.abs(base) + months) / (2 * months));
    }
    expect(months[months.length - 1].mrr).toBe(expected);
  });
});
