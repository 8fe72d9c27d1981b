/**
 * Concurrent /sync requests writing overlapping rows in different orders: every request
 * succeeds, no transaction even had to run again after a deadlock (writes lock rows in one
 * order; the retry of db/retry.ts is only the second line), and the database ends exactly as
 * sending the same batches one by one leaves it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retriedSoFar } from '../db/retry.ts';
import { accountSnapshot, rowCounts } from '../testing/account-snapshot.test-util.ts';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';
import { monthlyInvoice, seed } from '../v1/billing-fixtures.test-util.ts';
import { overlappingBatches, type Batch } from './overlapping-batches.test-util.ts';

const SEED = 9_2;
const READS_PER_ROUND = 2;

interface Failure {
  dataset: string;
  status: number;
  body: unknown;
}

async function send(server: TestServer, key: string, batch: Batch): Promise<Failure | null> {
  const answer = await server.call('POST', `/sync/${batch.dataset}`, { rows: batch.rows }, key);
  const ok = answer.status === 200 && answer.json.accepted === batch.rows.length && answer.json.errors.length === 0;
  return ok ? null : { dataset: batch.dataset, status: answer.status, body: answer.json };
}

/** The rows starting from position `by`, then the ones before it. */
const rotated = <T>(rows: T[], by: number) => [...rows.slice(by % rows.length), ...rows.slice(0, by % rows.length)];

async function allResults(server: TestServer, key: string) {
  const answer = await server.call('GET', '/sync/results?per_page=20000', undefined, key);
  expect(answer.status).toBe(200);
  expect(answer.json.has_more).toBe(false);
  return answer.json;
}

for (const driver of drivers()) {
  describe(`concurrent /sync (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    const faults: unknown[] = [];
    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, {
        today: '2024-05-15', rateLimitPerSecond: 100_000, logError: (e) => faults.push(e),
      });
    });
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it('20 overlapping batches at once, in shuffled orders, over 7 rounds: no error, and what one by one leaves', async () => {
      const plan = overlappingBatches(SEED);
      const sequential = await server.newAccount('Test');
      const failures: Failure[] = [];
      let requests = 0;
      const retriedBefore = retriedSoFar();
      for (const round of plan.rounds) {
        const reads = Array.from({ length: READS_PER_ROUND }, () => server.call('GET', '/sync/results?per_page=1'));
        const answers = await Promise.all(round.map((batch) => send(server, server.key, batch)));
        requests += round.length;
        failures.push(...answers.filter((f): f is Failure => f !== null));
        for (const read of await Promise.all(reads)) {
          requests++;
          if (read.status !== 200) failures.push({ dataset: 'GET /sync/results', status: read.status, body: read.json });
        }
      }
      const retried = retriedSoFar() - retriedBefore;
      for (const round of plan.rounds) {
        for (const batch of round) expect(await send(server, sequential.key, batch)).toBeNull();
      }
      expect({ requests, failures: failures.length, faults: faults.map(String).slice(0, 5), retried })
        .toEqual({ requests: plan.rounds.length * (20 + READS_PER_ROUND), failures: 0, faults: [], retried: 0 });

      expect(await allResults(server, server.key)).toEqual(await allResults(server, sequential.key));
      const concurrent = await accountSnapshot(database.db, server.accountId);
      expect(rowCounts(concurrent)).toMatchObject({ ...plan.counts, dirty_customers: 0, data_sources: 1 });
      expect(concurrent).toEqual(await accountSnapshot(database.db, sequential.id));
    }, 180_000);

    it('/v1 invoice imports for the same customers at once, beside /sync batches of their rows: no error, each stored once', async () => {
      const account = await server.newAccount('Test');
      const customers = ['v1-a', 'v1-b', 'v1-c'];
      const fx = await seed(server, database.db, account.id, customers.map((id) => ({ id })), account.key);
      const customerRows = (version: number) => customers.map((id, i) => ({ row: i + 2, Name: `Customer ${id} v${version}`, 'External ID': id }));
      const invoiceRows = (version: number) => customers.flatMap((id, i) => [0, 1].map((k) => ({
        row: 2 * i + k + 2, 'Customer external ID': id, 'Invoice external ID': `sync-${id}-${k}`,
        'Invoiced date': `2016-0${k + 1}-01`, 'Due Date': `2016-0${k + 1}-${10 + version}`, Currency: 'USD',
      })));
      const retriedBefore = retriedSoFar();
      const failures: unknown[] = [];
      for (let round = 0; round < 3; round++) {
        const imports = Array.from({ length: 10 }, (_, i) => {
          const customer = customers[i % customers.length];
          const body = {
            invoices: [0, 1].map((k) => ({
              ...monthlyInvoice(`v1-${round}-${i}-${k}`, fx.plans.gold, { start: `2016-0${k + 3}-01 00:00:00 UTC`, end: `2016-0${k + 4}-01 00:00:00 UTC` }),
              data_source_uuid: fx.ds, customer_external_id: customer,
            })),
          };
          return server.call('POST', `/v1/import/customers/${fx.customers[customer]}/invoices`, body, account.key)
            .then((r) => (r.status === 201 ? null : { status: r.status, body: r.json }));
        });
        const syncs = Array.from({ length: 10 }, (_, i) =>
          send(server, account.key, i % 2 === 0
            ? { dataset: 'customers', rows: customerRows(round).reverse().slice(i % 3) }
            : { dataset: 'invoices', rows: rotated(invoiceRows(round), i) }));
        failures.push(...(await Promise.all([...imports, ...syncs])).filter((f) => f !== null));
      }
      expect({ failures, faults: faults.map(String).slice(0, 5), retried: retriedSoFar() - retriedBefore })
        .toEqual({ failures: [], faults: [], retried: 0 });
      const stored = await database.db.read((tx) => tx.query<{ external_id: string; lines: number }>(
        `SELECT i.external_id, (SELECT count(*)::int FROM line_items l
                                 WHERE l.data_source_id = i.data_source_id AND l.invoice_external_id = i.external_id) AS lines
           FROM invoices i WHERE i.account_id = $1 AND i.external_id LIKE 'v1-%'`,
        [account.id],
      ));
      expect(stored).toHaveLength(3 * 10 * 2);
      expect(stored.every((i) => i.lines === 1)).toBe(true);
    }, 120_000);
  });
}
