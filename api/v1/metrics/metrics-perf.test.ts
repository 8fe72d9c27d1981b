/**
 * /v1/metrics/all stays fast on a large account: 30,000 customers with their stored series
 * inputs and movements (written straight into the derived tables, as a recompute leaves
 * them): repeated and new queries answer whole, their times printed. Times are not asserted
 * (a test must not fail on a busy machine); `npm run bench` measures /v1/metrics/all beside
 * its peers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, parseDateOnly, type CustomerState } from '../../../shared/index.ts';
import { seriesInputsRow } from '../../../shared/engine/series-inputs.ts';
import type { Database } from '../../db/client.ts';
import { insertUnnest } from '../../store/unnest.ts';
import { drivers, testDatabase, type TestDatabase } from '../../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../../testing/server.test-util.ts';

const CUSTOMERS = 30_000;
const TODAY = '2026-10-31';
const FIRST = parseDateOnly('2022-01-01')!;
const SPAN_DAYS = (parseDateOnly(TODAY)! - FIRST) / DAY_MS;

/** A deterministic pseudo-random sequence. */
function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

async function fillAccount(db: Database, accountId: string, today: string): Promise<void> {
  const next = random(42);
  await db.transaction(async (tx) => {
    const [ds] = await tx.query<{ id: string }>("INSERT INTO data_sources (account_id, name) VALUES ($1, 'Big') RETURNING id", [accountId]);
    for (let from = 0; from < CUSTOMERS; from += 5_000) {
      const n = Math.min(5_000, CUSTOMERS - from);
      const ids: string[] = [];
      const rows = await tx.query<{ id: string; external_id: string }>(
        `INSERT INTO customers (account_id, data_source_id, external_id, name, country)
         SELECT $1, $2, 'c' || g, 'Customer ' || g, (ARRAY['US','DE','FR','GB'])[1 + g % 4]
           FROM generate_series($3::int, $4::int) g RETURNING id, external_id`,
        [accountId, ds.id, from, from + n - 1],
      );
      const inputs: string[] = [];
      const mov = { customer: [] as string[], externalId: [] as string[], sub: [] as string[], at: [] as string[], type: [] as string[], amount: [] as number[], after: [] as number[] };
      for (const r of rows) {
        ids.push(r.id);
        let t = FIRST + Math.floor(next() * SPAN_DAYS) * DAY_MS;
        let mrr = 0;
        const states: CustomerState[] = [];
        const changes = 1 + Math.floor(next() * 8);
        for (let k = 0; k < changes && t <= parseDateOnly(today)!; k++) {
          const before = mrr;
          const churn = k > 0 && next() < 0.15;
          mrr = churn ? 0 : Math.max(1_000, mrr + Math.round((next() - 0.3) * 10_000));
          const type = before === 0 ? (k === 0 ? 'new_biz' : 'reactivation') : mrr === 0 ? 'churn' : mrr > before ? 'expansion' : 'contraction';
          states.push({ t, mrr, counted: mrr > 0, subscriptions: mrr > 0 ? 1 : 0, quantity: mrr > 0 ? 1 : 0 });
          mov.customer.push(r.id); mov.externalId.push(r.external_id); mov.sub.push(`${r.external_id}-s`); mov.at.push(new Date(t).toISOString());
          mov.type.push(type); mov.amount.push(mrr - before); mov.after.push(mrr);
          t += (30 + Math.floor(next() * 200)) * DAY_MS;
        }
        const cash = states.map((s) => ({ t: s.t, customerId: r.id, kind: 'payment' as const, amount: s.mrr, nonRecurring: 0 }));
        inputs.push(JSON.stringify(seriesInputsRow({ states, fx: [], cash })));
      }
      await insertUnnest(tx, 'customer_metrics', [{ name: 'account_id', type: 'uuid', value: accountId }], [
        { name: 'customer_id', type: 'uuid', values: ids },
        { name: 'status', type: 'text', values: ids.map(() => 'Active') },
        { name: 'mrr', type: 'bigint', values: ids.map(() => 0) },
        { name: 'net_payments', type: 'bigint', values: ids.map(() => 0) },
        { name: 'subscriptions', type: 'integer', values: ids.map(() => 1) },
        { name: 'quantity', type: 'integer', values: ids.map(() => 1) },
        { name: 'inputs', type: 'jsonb', values: inputs },
      ]);
      await insertUnnest(tx, 'movements', [
        { name: 'account_id', type: 'uuid', value: accountId }, { name: 'data_source_id', type: 'uuid', value: ds.id },
      ], [
        { name: 'customer_id', type: 'uuid', values: mov.customer },
        { name: 'customer_external_id', type: 'text', values: mov.externalId },
        { name: 'subscription_external_id', type: 'text', values: mov.sub },
        { name: 'at', type: 'timestamptz', values: mov.at },
        { name: 'type', type: 'text', values: mov.type },
        { name: 'amount', type: 'bigint', values: mov.amount },
        { name: 'customer_mrr_after', type: 'bigint', values: mov.after },
      ]);
    }
    // Derived data is as of today: reads need no recompute.
    await tx.query('UPDATE accounts SET computed_day = $2::date, data_version = data_version + 1 WHERE id = $1', [accountId, today]);
  });
}

for (const driver of drivers()) {
  describe(`/v1/metrics/all at ${CUSTOMERS.toLocaleString('en-US')} customers (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: TODAY, rateLimitPerSecond: 10_000 });
      await fillAccount(database.db, server.accountId, TODAY);
    }, 240_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    const p = (times: number[], q: number) => [...times].sort((a, b) => a - b)[Math.ceil(times.length * q) - 1];
    async function timeCalls(paths: string[]): Promise<number[]> {
      const times: number[] = [];
      for (const path of paths) {
        const t0 = performance.now();
        const r = await server.call('GET', path);
        times.push(performance.now() - t0);
        expect(r.status).toBe(200);
      }
      return times;
    }
    const path = `/v1/metrics/all?start-date=2023-11-01&end-date=${TODAY}&interval=month`;

    it('answers a dashboard\'s repeated query (timed and printed)', async () => {
      const first = await server.call('GET', path); // loads the account's inputs into the cache
      expect(first.status).toBe(200);
      expect(first.json.entries).toHaveLength(36);
      expect(first.json.summary['current-customers']).toBeGreaterThan(1_000);
      const times = await timeCalls(Array.from({ length: 50 }, () => path));
      console.log(`${driver}: repeated /v1/metrics/all p50 ${p(times, 0.5).toFixed(1)} ms, p95 ${p(times, 0.95).toFixed(1)} ms`);
    }, 120_000);

    it('answers new queries, one series build each (timed and printed)', async () => {
      const days = Array.from({ length: 30 }, (_, i) => `/v1/metrics/all?start-date=2023-10-${String(i + 1).padStart(2, '0')}&end-date=${TODAY}${i % 3 === 0 ? '&geo=US,DE' : ''}`);
      const times = await timeCalls(days);
      console.log(`${driver}: new /v1/metrics/all queries p50 ${p(times, 0.5).toFixed(1)} ms, p95 ${p(times, 0.95).toFixed(1)} ms`);
    }, 120_000);
  });
}
