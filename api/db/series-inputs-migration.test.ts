// Migration 0006 turns the positional series inputs stored before it into the engine's
// SeriesInputsRow, value for value, so stored figures read the same after it without a recompute.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, test } from 'vitest';
import { seriesInputsOf, type SeriesInputsRow } from '../../shared/engine/series-inputs.ts';
import { MIGRATIONS_DIR } from '../paths.ts';

const statements = (file: string) => readFileSync(join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint');

test('0006 converts stored tuples into named columns', async () => {
  const db = new PGlite();
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
  const [before, after] = [files.filter((f) => f < '0006'), files.filter((f) => f >= '0006')];
  expect(after[0]).toBe('0006_series_inputs_named_columns.sql');
  for (const file of before) for (const s of statements(file)) await db.exec(s);
  const old = {
    states: [[1704067200000, 1000, 1, 1, 2], [1706745600000, 0, 0, 0, 0]],
    fx: [[1705000000000, -12, 'sub-1']],
    cash: [[1704067200000, 'p', 1000, 250], [1704153600000, 'r', -300, 0], [1704240000000, 'f', 0, 0]],
  };
  const insert = `INSERT INTO customer_metrics (customer_id, account_id, status, mrr, net_payments, subscriptions, quantity, inputs)
                  VALUES ($1, $2, 'Cancelled', 0, 700, 0, 0, $3)`;
  await db.query(insert, ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000009', JSON.stringify(old)]);
  await db.query(insert, ['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000009', JSON.stringify({ states: [], fx: [], cash: [] })]);
  for (const file of after) for (const s of statements(file)) await db.exec(s);

  const rows = (await db.query<{ inputs: SeriesInputsRow }>('SELECT inputs FROM customer_metrics ORDER BY customer_id')).rows;
  expect(rows[0].inputs).toEqual({
    states: { at: [1704067200000, 1706745600000], mrr: [1000, 0], counted: [true, false], subscriptions: [1, 0], quantity: [2, 0] },
    fx: { at: [1705000000000], subscription_external_id: ['sub-1'], amount: [-12] },
    cash: { at: [1704067200000, 1704153600000, 1704240000000], kind: ['payment', 'refund', 'failed'], amount: [1000, -300, 0], non_recurring: [250, 0, 0] },
  });
  expect(seriesInputsOf(rows[0].inputs, 'c').states[0]).toEqual({ t: 1704067200000, mrr: 1000, counted: true, subscriptions: 1, quantity: 2 });
  expect(rows[1].inputs).toEqual({
    states: { at: [], mrr: [], counted: [], subscriptions: [], quantity: [] },
    fx: { at: [], subscription_external_id: [], amount: [] },
    cash: { at: [], kind: [], amount: [], non_recurring: [] },
  });
  await db.close();
});
