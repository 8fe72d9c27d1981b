import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../cli/api-client.ts';
import { GOLDEN_DIR } from '../cli/golden-dir.ts';
import { importFolder } from '../cli/import-command.ts';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';
import { deleteCustomerData, deleteDataSource } from './delete.ts';

const count = (database: TestDatabase, table: string, accountId: string) =>
  database.db.read(async (tx) => Number((await tx.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE account_id = $1`, [accountId]))[0].n));

for (const driver of drivers()) {
  describe(`deleting stored data (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2024-03-31' });
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it("a customer's rows go, other customers' stay", async () => {
      await importFolder(join(GOLDEN_DIR, '15-churn-rates'), apiClient(server.url, server.key));
      const [ds] = await database.db.read((tx) => tx.query<{ id: string }>('SELECT id FROM data_sources WHERE account_id = $1', [server.accountId]));
      await database.db.transaction((tx) => deleteCustomerData(tx, server.accountId, ds.id, 'D'));
      expect(await count(database, 'invoices', server.accountId)).toBe(6); // A 3, B 2, C 1
      expect(await count(database, 'line_items', server.accountId)).toBe(6);
      expect(await count(database, 'cancellations', server.accountId)).toBe(2); // d1's is gone
    });

    it("deleting or merging a customer through /v1 takes its derived rows with it, and no one else's", async () => {
      const derived = async (customerId: string) => {
        let n = 0;
        for (const table of ['movements', 'subscriptions', 'customer_metrics', 'customer_ledgers']) {
          n += Number((await database.db.read((tx) => tx.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE customer_id = $1`, [customerId])))[0].n);
        }
        return n;
      };
      const account = await server.newAccount();
      await importFolder(join(GOLDEN_DIR, '15-churn-rates'), apiClient(server.url, account.key));
      const listed = (await server.call('GET', '/v1/customers', undefined, account.key)).json.entries as { uuid: string; external_id: string }[];
      const ids = Object.fromEntries(listed.map((c) => [c.external_id, c.uuid.replace(/^cus_/, '')]));
      for (const c of ['A', 'B', 'C']) expect(await derived(ids[c]), c).toBeGreaterThan(0);
      expect((await server.call('DELETE', `/v1/customers/cus_${ids.A}`, undefined, account.key)).status).toBe(204);
      expect(await derived(ids.A)).toBe(0);
      const merge = await server.call('POST', '/v1/customers/merges', { from: { customer_uuid: `cus_${ids.B}` }, into: { customer_uuid: `cus_${ids.C}` } }, account.key);
      expect(merge.status).toBe(202);
      await server.call('GET', '/v1/customers', undefined, account.key);
      expect(await derived(ids.B)).toBe(0);
      expect(await derived(ids.C)).toBeGreaterThan(0);
    });

    it('a data source goes with all its rows, derived ones too; another account is untouched', async () => {
      const other = await server.newAccount();
      await importFolder(join(GOLDEN_DIR, '15-churn-rates'), apiClient(server.url, other.key));
      await server.call('GET', '/sync/results'); // derived rows of this account exist before the deletion
      await server.call('GET', '/sync/results', undefined, other.key);
      const [ds] = await database.db.read((tx) => tx.query<{ id: string }>('SELECT id FROM data_sources WHERE account_id = $1', [server.accountId]));
      expect(await count(database, 'movements', server.accountId)).toBeGreaterThan(0);
      expect(await database.db.transaction((tx) => deleteDataSource(tx, server.accountId, ds.id))).toBe(true);
      for (const table of ['customers', 'plans', 'invoices', 'line_items', 'cancellations', 'movements', 'subscriptions', 'customer_metrics', 'customer_ledgers']) {
        expect(await count(database, table, server.accountId), table).toBe(0);
        expect(await count(database, table, other.id), table).toBeGreaterThan(0);
      }
      expect(await database.db.transaction((tx) => deleteDataSource(tx, other.id, ds.id))).toBe(false);
    });
  });
}
