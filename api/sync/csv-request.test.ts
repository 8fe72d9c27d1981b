/** POST /sync/{dataset} with a CSV body, as `mogul import` sends it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';

for (const driver of drivers()) {
  describe(`/sync with a CSV body (${driver})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    const post = async (path: string, body: string) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${server.key}:`).toString('base64')}`, 'content-type': 'text/csv; charset=utf-8' },
        body,
      });
      return { status: response.status, json: (await response.json()) as any };
    };
    const customers = async () =>
      (await server.call('GET', '/sync/results')).json.customers.map((c: { external_id: string }) => c.external_id).sort();

    beforeAll(async () => {
      database = await testDatabase(driver);
      server = await startTestServer(database.db, { today: '2024-02-29' });
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await database?.drop();
    });

    it("stores good rows and names bad ones by the file's row numbers (first_row)", async () => {
      const body = 'Name,External ID,Lead created at\r\nAcme,acme,2024-01-05\r\n,,\r\nBeta,beta,not a date\r\n"Gamma\nLtd",gamma,\r\n';
      const answer = await post('/sync/customers?first_row=40', body);
      expect(answer.status).toBe(200);
      expect(answer.json.accepted).toBe(2);
      expect(answer.json.errors).toEqual([
        expect.objectContaining({ row: 42, column: 'Lead created at', value: 'not a date' }),
      ]);
      expect(await customers()).toEqual(['acme', 'gamma']);
    });

    it('dry_run and source come in the query string', async () => {
      const dry = await post('/sync/customers?dry_run=true', 'Name,External ID\nDry,dry\n');
      expect(dry.json).toMatchObject({ accepted: 1, dry_run: true, errors: [] });
      expect(await customers()).not.toContain('dry');
      await post('/sync/customers?source=Billing%20sheet', 'Name,External ID\nOther,other\n');
      const sources = (await server.call('GET', '/v1/data_sources')).json.data_sources.map((d: { name: string }) => d.name);
      expect(sources).toContain('Billing sheet');
    });

    it('bad parameters and broken CSV are 400s with a message; too many rows a 413', async () => {
      for (const path of ['/sync/customers?first_row=1', '/sync/customers?first_row=x', '/sync/customers?dry_run=yes', '/sync/customers?source=a%00b']) {
        const answer = await post(path, 'Name,External ID\nA,a\n');
        expect(answer.status, path).toBe(400);
        expect(typeof answer.json.message).toBe('string');
      }
      const broken = await post('/sync/customers', 'Name,External ID\n"Unclosed,a\nB,b\n');
      expect(broken.status).toBe(400);
      expect(broken.json.message).toMatch(/^CSV body, row \d+: /);
      const many = await post('/sync/customers', `Name,External ID\n${Array.from({ length: 5_001 }, (_, i) => `C${i},c${i}`).join('\n')}\n`);
      expect(many.status).toBe(413);
      expect(many.json.message).toMatch(/5,000 rows and 5 MB/);
    });
  });
}
