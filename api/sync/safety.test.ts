/**
 * /sync under misuse: other accounts' data stays invisible, oversize requests get 413,
 * bursts get 429 with Retry-After, malformed input gets 400 (never 500), and sending the
 * same rows three times leaves the database and the results exactly as after the first.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../cli/api-client.ts';
import { GOLDEN_DIR } from '../cli/golden-dir.ts';
import { importFolder } from '../cli/import-command.ts';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';

const LIFECYCLE = join(GOLDEN_DIR, '06-lifecycle');

/** Every stored table's rows (minus timestamps of the write itself), for before/after equality. */
async function snapshot(database: TestDatabase, accountId: string) {
  const tables = [
    'customers', 'plans', 'invoices', 'line_items', 'transactions', 'cancellations', 'subscription_events',
    'manual_subscriptions', 'contacts', 'subscriptions', 'movements', 'customer_metrics',
  ];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const rows = await database.db.read((tx) => tx.query<Record<string, unknown>>(`SELECT * FROM ${t} WHERE account_id = $1`, [accountId]));
    out[t] = rows
      .map((r) => {
        const { created_at: _c, id: _i, customer_id: _cid, data_source_id: _d, ...rest } = r;
        return JSON.stringify(rest);
      })
      .sort();
  }
  return out;
}

for (const driver of drivers()) {
  describe(`/sync safety (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2024-02-29', rateLimitPerSecond: 1_000 });
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it('re-syncing the same rows three times changes nothing after the first', async () => {
      const client = apiClient(server.url, server.key);
      await importFolder(LIFECYCLE, client);
      const results = (await server.call('GET', '/sync/results')).json; // reading recomputes what /sync marked
      const first = await snapshot(database, server.accountId);
      for (let i = 0; i < 2; i++) await importFolder(LIFECYCLE, client);
      expect((await server.call('GET', '/sync/results')).json).toEqual(results);
      expect(await snapshot(database, server.accountId)).toEqual(first);
      expect(first.line_items).toHaveLength(4);
    });

    it('another account sees none of it and cannot write into it', async () => {
      const other = await server.newAccount('Other');
      const theirs = (await server.call('GET', '/sync/results', undefined, other.key)).json;
      expect(theirs.customers).toEqual([]);
      expect(theirs.movements).toEqual([]);
      // The same external IDs in another account are that account's own rows.
      const answer = await server.call('POST', '/sync/invoices', {
        rows: [{ 'Customer external ID': 'syn', 'Invoice external ID': 'I1', 'Invoiced date': '2023-01-01', Currency: 'USD' }],
      }, other.key);
      expect(answer.status).toBe(200);
      expect(answer.json.accepted).toBe(0);
      expect(answer.json.errors[0]).toMatchObject({ row: 2, column: 'Customer external ID' });
      expect((await server.call('GET', '/sync/results')).json.customers[0].mrr).toBe(15000);
    });

    it('rejects bad rows with the caller row numbers and keeps the good ones', async () => {
      const answer = await server.call('POST', '/sync/plans', {
        rows: [
          { row: 10, Name: 'Good', 'Interval count': 1, 'Interval unit': 'month', 'Plan ID': 'good' },
          { row: 11, Name: 'Bad', 'Interval count': 0, 'Interval unit': 'fortnight', 'Plan ID': 'bad' },
        ],
      });
      expect(answer.status).toBe(200);
      expect(answer.json.accepted).toBe(1);
      expect(answer.json.errors).toEqual([
        { row: 11, column: 'Interval count', value: '0', message: "Interval count must be a whole number of 1 or more; got '0'" },
        { row: 11, column: 'Interval unit', value: 'fortnight', message: "Interval unit must be day, month or year; got 'fortnight'" },
      ]);
    });

    it('dry_run reports without storing', async () => {
      const answer = await server.call('POST', '/sync/customers', {
        dry_run: true, rows: [{ Name: 'Dry', 'External ID': 'dry' }, { Name: '', 'External ID': 'x' }],
      });
      expect(answer.json).toMatchObject({ accepted: 1, dry_run: true });
      expect(answer.json.errors).toHaveLength(1);
      const customers = (await server.call('GET', '/sync/results')).json.customers.map((c: { external_id: string }) => c.external_id);
      expect(customers).not.toContain('dry');
    });

    it('malformed input is a 400 with a message, never a 500', async () => {
      const cases: [string, unknown][] = [
        ['/sync/customers', '{"rows": ['],
        ['/sync/customers', '[1, 2]'],
        ['/sync/customers', { rows: 'nope' }],
        ['/sync/customers', { rows: [42] }],
        ['/sync/customers', { rows: [{ row: -3, Name: 'x' }] }],
        ['/sync/customers', { rows: [], dry_run: 'yes' }],
        ['/sync/unicorns', { rows: [] }],
        ['/sync/results?per_page=0', undefined],
        ['/sync/results?cursor=garbage', undefined],
      ];
      for (const [path, body] of cases) {
        const answer = await server.call(body === undefined ? 'GET' : 'POST', path, body);
        expect(answer.status, `${path} ${JSON.stringify(body)}`).toBe(400);
        expect(typeof answer.json.message).toBe('string');
      }
      // Values of the wrong type are row errors, not failures of the request.
      const typed = await server.call('POST', '/sync/customers', { rows: [{ Name: { nested: true }, 'External ID': ['a'] }] });
      expect(typed.status).toBe(200);
      expect(typed.json.accepted).toBe(0);
    });

    it('more than 5,000 rows or 5 MB is a 413 that says the limit', async () => {
      const rows = Array.from({ length: 5_001 }, (_, i) => ({ Name: `C${i}`, 'External ID': `c${i}` }));
      const many = await server.call('POST', '/sync/customers', { rows });
      expect(many.status).toBe(413);
      expect(many.json.message).toMatch(/5,000 rows and 5 MB/);
      const big = await server.call('POST', '/sync/customers', { rows: [{ Name: 'x'.repeat(6 * 1024 * 1024), 'External ID': 'big' }] });
      expect(big.status).toBe(413);
      expect(big.json.message).toMatch(/5 MB/);
    });

    it('requests without a valid key get 401', async () => {
      const answer = await server.call('GET', '/sync/results', undefined, 'not-a-key');
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ code: 401, message: 'No valid API key provided', param: null });
    });
  });
}

describe('rate limit', () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await testDatabase('pglite');
    server = await startTestServer(database.db, { rateLimitPerSecond: 5 });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('answers 429 with Retry-After once a key spends its requests, per key', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => server.call('GET', '/v1/ping')));
    const limited = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(5);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const other = await server.newAccount();
    expect((await server.call('GET', '/v1/ping', undefined, other.key)).status).toBe(200);
  });
});
