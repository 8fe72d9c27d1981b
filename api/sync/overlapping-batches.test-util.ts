/**
 * Seeded /sync batches that overlap: each row of a dataset goes into several batches of that
 * dataset, every batch in its own shuffled order, and a row carries the same content and row
 * number wherever it appears (so the outcome does not depend on which batch writes it last).
 *
 * Rounds, 20 batches each: customers and plans; invoices; line items and transactions; then
 * rounds mixing all five datasets, each a new version of the rows (names, due dates, amounts
 * change), which re-syncs update in place. Parents are stored by the time their children
 * are sent, so no batch depends on the order in which concurrent batches commit.
 */
import { Rng } from '../../shared/generator/random.ts';

export type Row = Record<string, string | number>;
export interface Batch {
  dataset: 'customers' | 'plans' | 'invoices' | 'line_items' | 'transactions';
  rows: Row[];
}

export interface BatchPlan {
  rounds: Batch[][];
  /** Rows of the last version, by dataset (what the database holds at the end). */
  counts: Record<Batch['dataset'], number>;
}

const CUSTOMERS = 40;
const PLANS = 4;
const INVOICES_PER_CUSTOMER = 3;
const MONTHS = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01'];

function datasetRows(version: number): Record<Batch['dataset'], Row[]> {
  const customers: Row[] = [];
  const plans: Row[] = [];
  const invoices: Row[] = [];
  const lines: Row[] = [];
  const transactions: Row[] = [];
  for (let p = 0; p < PLANS; p++) {
    plans.push({ row: p + 2, Name: `Plan ${p} v${version}`, 'Interval count': 1, 'Interval unit': 'month', 'Plan ID': `plan-${p}` });
  }
  for (let c = 0; c < CUSTOMERS; c++) {
    const id = `cus-${String(c).padStart(3, '0')}`;
    customers.push({ row: c + 2, Name: `Customer ${c} v${version}`, Email: `c${c}@example.com`, 'External ID': id });
    for (let k = 0; k < INVOICES_PER_CUSTOMER; k++) {
      const invoice = `inv-${id}-${k}`;
      invoices.push({
        row: invoices.length + 2, 'Customer external ID': id, 'Invoice external ID': invoice,
        'Invoiced date': MONTHS[k], 'Due Date': `2024-0${k + 1}-${String(10 + version).padStart(2, '0')}`, Currency: 'USD',
      });
      lines.push({
        row: lines.length + 2, 'Invoice external ID': invoice, 'External ID': `li-${invoice}`,
        'Subscription external ID': `sub-${id}`, Type: 'Subscription', 'Amount in cents': 1000 * (1 + (c % 5)) + 100 * version,
        Plan: `plan-${c % PLANS}`, 'Service period start': MONTHS[k], 'Service period end': MONTHS[k + 1],
        Quantity: 1 + (c % 3), Proration: 'FALSE',
      });
      // No external ID: stored under a digest of its content, which stays the same across versions.
      lines.push({
        row: lines.length + 2, 'Invoice external ID': invoice, Type: 'OneTime', 'Amount in cents': 500 + c,
        Description: `Setup ${c}/${k}`, Proration: 'FALSE',
      });
      transactions.push({
        row: transactions.length + 2, 'Invoice external ID': invoice, 'External ID': `tr-${invoice}`, Type: 'payment',
        Result: version % 2 === 0 || c % 4 !== 0 ? 'successful' : 'failed', Date: MONTHS[k],
        'Amount in cents': 1000 * (1 + (c % 5)) + 100 * version + 500 + c,
      });
    }
  }
  return { customers, plans, invoices, line_items: lines, transactions };
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** `batches` batches of one dataset's rows, each row in 2 to 4 of them (or all, when fewer), none empty, shuffled. */
function overlapping(rng: Rng, dataset: Batch['dataset'], rows: Row[], batches: number): Batch[] {
  const out: Row[][] = Array.from({ length: batches }, () => []);
  for (const row of rows) {
    const copies = Math.min(batches, rng.int(2, 4));
    const chosen = shuffle(rng, Array.from({ length: batches }, (_, i) => i)).slice(0, copies);
    for (const b of chosen) out[b].push(row);
  }
  for (const batchRows of out) if (batchRows.length === 0) batchRows.push(rng.pick(rows));
  return out.map((batchRows) => ({ dataset, rows: shuffle(rng, batchRows) }));
}

export function overlappingBatches(seed: number, mixedRounds = 4): BatchPlan {
  const rng = new Rng(seed);
  const first = datasetRows(1);
  const rounds: Batch[][] = [
    [...overlapping(rng, 'customers', first.customers, 14), ...overlapping(rng, 'plans', first.plans, 6)],
    overlapping(rng, 'invoices', first.invoices, 20),
    [...overlapping(rng, 'line_items', first.line_items, 12), ...overlapping(rng, 'transactions', first.transactions, 8)],
  ];
  let last = first;
  for (let v = 2; v < 2 + mixedRounds; v++) {
    last = datasetRows(v);
    const datasets = ['customers', 'plans', 'invoices', 'line_items', 'transactions'] as const;
    rounds.push(shuffle(rng, datasets.flatMap((d) => overlapping(rng, d, last[d], 4))));
  }
  const counts = Object.fromEntries(Object.entries(last).map(([d, rows]) => [d, rows.length])) as BatchPlan['counts'];
  return { rounds, counts };
}
