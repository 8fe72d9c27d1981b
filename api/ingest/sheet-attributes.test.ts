/**
 * Customers' Tags and `Attribute: <Key>` columns through /sync and `mogul import`, on a real
 * server over PGlite: stored as the customer's tags and typed custom attributes, shown by
 * /v1 as ChartMogul shows them; a re-sync replaces what the sheet's columns hold and keeps what
 * it has no column for.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_SPECS, parseTable } from '../../shared/index.ts';
import { apiClient } from '../cli/api-client.ts';
import { importFolder } from '../cli/import-command.ts';
import { testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';
import { attributeColumns } from './sheet-attributes.ts';

async function sync(server: TestServer, rows: Record<string, unknown>[], source = 'Sheet') {
  const r = await server.call('POST', '/sync/customers', { rows, source });
  expect(r.status).toBe(200);
  expect(r.json.errors, JSON.stringify(r.json.errors)).toEqual([]);
}

async function uuidOf(server: TestServer, externalId: string): Promise<string> {
  return (await server.call('GET', `/v1/customers?external_id=${externalId}`)).json.entries[0].uuid;
}

async function attributesOf(server: TestServer, externalId: string) {
  const r = await server.call('GET', `/v1/customers/${await uuidOf(server, externalId)}/attributes`);
  expect(r.status).toBe(200);
  return r.json;
}

describe('attribute columns of a header row', () => {
  it('finds the keys the table parser reads: first spelling of a key, none empty, no __proto__', () => {
    const headers = ['Name', 'External ID', ' tags ', 'Attribute: Seats', 'attribute :  Annual  revenue ', 'ATTRIBUTE: seats', 'Attribute:', 'Attribute: __proto__', 'Attributes'];
    expect(attributeColumns(headers)).toEqual({ tags: true, keys: ['Seats', 'Annual revenue'] });
    const row = headers.map((h) => (h === 'Name' ? 'A' : h === 'External ID' ? 'a' : 'x'));
    const parsed = parseTable(DATASET_SPECS.customers, { headers, rows: [row] });
    expect(Object.keys(parsed.records[0].attributes)).toEqual(['Seats', 'Annual revenue']);
    expect(attributeColumns(['Name', 'External ID', 'Email'])).toBeNull();
    expect(attributeColumns(['Name', 'External ID', 'Attribute: Plan tier'])).toEqual({ tags: false, keys: ['Plan tier'] });
  });
});

describe('tags and custom attributes through /sync (pglite)', () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await testDatabase('pglite');
    server = await startTestServer(database.db, { rateLimitPerSecond: 1_000_000 });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('stores tags and attributes typed across the column; a blank cell leaves the attribute absent', async () => {
    await sync(server, [
      { Name: 'One', 'External ID': 'c1', Tags: 'vip, beta,vip', 'Attribute: Seats': '50', 'Attribute: Renewal': '2024-05-01', 'Attribute: Trial': 'TRUE', 'Attribute: Industry': '12' },
      { Name: 'Two', 'External ID': 'c2', Tags: '', 'Attribute: Seats': '2.5', 'Attribute: Renewal': '2024-06-15T10:30:00Z', 'Attribute: Trial': 'false', 'Attribute: Industry': 'Retail' },
      { Name: 'Three', 'External ID': 'c3', Tags: 'beta', 'Attribute: Seats': '', 'Attribute: Renewal': '', 'Attribute: Trial': '', 'Attribute: Industry': '' },
    ]);
    expect(await attributesOf(server, 'c1')).toEqual({
      tags: ['vip', 'beta'], stripe: {}, custom: { Seats: 50, Renewal: '2024-05-01T00:00:00.000Z', Trial: true, Industry: '12' },
    });
    expect(await attributesOf(server, 'c2')).toEqual({
      tags: [], stripe: {}, custom: { Seats: 2.5, Renewal: '2024-06-15T10:30:00.000Z', Trial: false, Industry: 'Retail' },
    });
    expect(await attributesOf(server, 'c3')).toEqual({ tags: ['beta'], stripe: {}, custom: {} });
    // The customer object carries them too, as ChartMogul's does.
    const customer = (await server.call('GET', `/v1/customers/${await uuidOf(server, 'c1')}`)).json;
    expect(customer.attributes).toEqual({ tags: ['vip', 'beta'], stripe: {}, clearbit: {}, custom: { Seats: 50, Renewal: '2024-05-01T00:00:00.000Z', Trial: true, Industry: '12' } });
    // Stored with ChartMogul's types: a later PUT keeps each one's type.
    const put = await server.call('PUT', `/v1/customers/${await uuidOf(server, 'c1')}/attributes/custom`, { custom: { Seats: '51', Renewal: '2024-07-01', Trial: 'false' } });
    expect(put.json).toEqual({ custom: { Seats: 51, Renewal: '2024-07-01T00:00:00.000Z', Trial: false, Industry: '12' } });
  });

  it("a re-sync replaces the sheet's columns and keeps what /v1 added; a column the sheet lacks is left alone", async () => {
    await sync(server, [{ Name: 'Four', 'External ID': 'c4', Tags: 'a,b', 'Attribute: Seats': '5', 'Attribute: Plan tier': 'gold' }]);
    const uuid = await uuidOf(server, 'c4');
    await server.call('POST', `/v1/customers/${uuid}/attributes/tags`, { tags: ['from-api'] });
    await server.call('POST', `/v1/customers/${uuid}/attributes/custom`, { custom: [{ type: 'String', key: 'channel', value: 'Facebook' }, { type: 'Integer', key: 'seats', value: 7 }] });
    expect(await attributesOf(server, 'c4')).toEqual({
      tags: ['a', 'b', 'from-api'], stripe: {}, custom: { Seats: 5, 'Plan tier': 'gold', channel: 'Facebook', seats: 7 },
    });

    // The row again, changed: the sheet's tags replace the list, its columns replace their keys whatever their case
    // (/v1's 'seats' too), a blank cell removes one (Plan tier); /v1's channel, which no column names, stays.
    await sync(server, [{ Name: 'Four', 'External ID': 'c4', Tags: 'b', 'Attribute: Seats': '6', 'Attribute: Plan tier': '' }]);
    expect(await attributesOf(server, 'c4')).toEqual({ tags: ['b'], stripe: {}, custom: { channel: 'Facebook', Seats: 6 } });

    // A batch without a Tags column keeps the tags; one without an attribute's column keeps it.
    await sync(server, [{ Name: 'Four', 'External ID': 'c4', 'Attribute: Region': 'EMEA' }]);
    expect(await attributesOf(server, 'c4')).toEqual({ tags: ['b'], stripe: {}, custom: { channel: 'Facebook', Seats: 6, Region: 'EMEA' } });
    await sync(server, [{ Name: 'Four again', 'External ID': 'c4' }]);
    expect(await attributesOf(server, 'c4')).toEqual({ tags: ['b'], stripe: {}, custom: { channel: 'Facebook', Seats: 6, Region: 'EMEA' } });
  });

  it('a dry run stores nothing; a rejected row changes nothing', async () => {
    await sync(server, [{ Name: 'Five', 'External ID': 'c5', Tags: 'keep', 'Attribute: Seats': '1' }]);
    const dry = await server.call('POST', '/sync/customers', { rows: [{ Name: 'Five', 'External ID': 'c5', Tags: 'gone', 'Attribute: Seats': '9' }], source: 'Sheet', dry_run: true });
    expect(dry.json).toMatchObject({ accepted: 1, errors: [], dry_run: true });
    const bad = await server.call('POST', '/sync/customers', { rows: [{ Name: '', 'External ID': 'c5', Tags: 'gone', 'Attribute: Seats': '9' }], source: 'Sheet' });
    expect(bad.json.errors.map((e: { column: string }) => e.column)).toEqual(['Name']);
    expect(await attributesOf(server, 'c5')).toEqual({ tags: ['keep'], stripe: {}, custom: { Seats: 1 } });
  });

  it('mogul import of a customers.csv with Tags and Attribute: columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mogul-attributes-'));
    try {
      writeFileSync(join(dir, 'customers.csv'), [
        'Name,External ID,Tags,Attribute: Seats,Attribute: Signed up,Attribute: Industry',
        'Acme,imp-1,"vip,beta",10,2024-01-15,Retail',
        'Globex,imp-2,,,2024-02-01,',
      ].join('\n'));
      const other = await server.newAccount('Import');
      const summary = await importFolder(dir, apiClient(server.url, other.key));
      expect(summary.errors).toEqual([]);
      const read = async (id: string) => {
        const uuid = (await server.call('GET', `/v1/customers?external_id=${id}`, undefined, other.key)).json.entries[0].uuid;
        return (await server.call('GET', `/v1/customers/${uuid}/attributes`, undefined, other.key)).json;
      };
      expect(await read('imp-1')).toEqual({ tags: ['vip', 'beta'], stripe: {}, custom: { Seats: 10, 'Signed up': '2024-01-15T00:00:00.000Z', Industry: 'Retail' } });
      expect(await read('imp-2')).toEqual({ tags: [], stripe: {}, custom: { 'Signed up': '2024-02-01T00:00:00.000Z' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
