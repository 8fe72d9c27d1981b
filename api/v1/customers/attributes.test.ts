/** Customer tags and custom attributes over a real server on every driver, as recorded. */
import { describe, expect, it } from 'vitest';
import { drivers } from '../../testing/databases.test-util.ts';
import { createCustomer, createDataSource, ok, useServer } from '../accounts-fixtures.test-util.ts';

for (const driver of drivers()) {
  describe(`/v1/customers/…/attributes (${driver})`, () => {
    const h = useServer(driver);

    it('adds and removes tags', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Tags');
      const c = await createCustomer(server, ds, 'tagged', { attributes: { tags: ['managed'] } });
      const path = `/v1/customers/${c.uuid}/attributes/tags`;
      expect(await ok(server, 'POST', path, { tags: ['test-tag', 'managed', 'important'] }, 200)).toEqual({ tags: ['managed', 'test-tag', 'important'] });
      expect(await ok(server, 'DELETE', path, { tags: ['test-tag'] }, 200)).toEqual({ tags: ['managed', 'important'] });
      expect(await ok(server, 'GET', `/v1/customers/${c.uuid}/attributes`, undefined, 200)).toEqual({ tags: ['managed', 'important'], stripe: {}, custom: {} });
      for (const body of [{}, { tags: 'x' }, { tags: [''] }, { tags: [3] }]) {
        const r = await server.call('POST', path, body);
        expect(r.status, JSON.stringify(body)).toBe(422);
        expect(Object.keys(r.json.errors)).toEqual(['tags']);
      }
    });

    it('adds typed custom attributes, updates them keeping their types, removes them', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Custom');
      const c = await createCustomer(server, ds, 'custom');
      const path = `/v1/customers/${c.uuid}/attributes/custom`;
      const added = await ok(server, 'POST', path, {
        custom: [
          { type: 'String', key: 'StringKey', value: 'String Value' },
          { type: 'Integer', key: 'integer_key', value: 1234 },
          { type: 'Timestamp', key: 'timestamp_key', value: '2016-01-31 00:00:00 UTC' },
          { type: 'Boolean', key: 'boolean_key', value: true },
          { type: 'Decimal', key: 'decimal_key', value: 1.5, source: 'integration' },
        ],
      }, 200);
      expect(added).toEqual({ custom: { StringKey: 'String Value', integer_key: 1234, timestamp_key: '2016-01-31T00:00:00.000Z', boolean_key: true, decimal_key: 1.5 } });

      const updated = await ok(server, 'PUT', path, {
        custom: { StringKey: 'Another String Value', integer_key: 5678, timestamp_key: '2016-02-01 00:00:00 UTC', boolean_key: false },
      }, 200);
      expect(updated.custom).toEqual({ StringKey: 'Another String Value', integer_key: 5678, timestamp_key: '2016-02-01T00:00:00.000Z', boolean_key: false, decimal_key: 1.5 });

      for (const [method, body] of [
        ['POST', { custom: [{ type: 'Integer', key: 'n', value: 1.5 }] }],
        ['POST', { custom: [{ type: 'Colour', key: 'n', value: 'red' }] }],
        ['POST', { custom: [{ type: 'String', key: 'bad key!', value: 'x' }] }],
        ['POST', { custom: { key: 'x' } }],
        ['PUT', { custom: { boolean_key: 'perhaps' } }],
        ['PUT', { custom: { timestamp_key: 'someday' } }],
        ['PUT', { custom: { unknown_key: 1 } }],
        ['DELETE', { custom: 'StringKey' }],
      ] as const) {
        const r = await server.call(method, path, body);
        expect(r.status, `${method} ${JSON.stringify(body)}`).toBe(422);
        expect(Object.keys(r.json.errors)).toEqual(['custom']);
      }

      const removed = await server.call('DELETE', path, { custom: ['StringKey', 'integer_key', 'timestamp_key', 'boolean_key'] });
      expect(removed.status).toBe(204);
      expect((await ok(server, 'GET', `/v1/customers/${c.uuid}/attributes`, undefined, 200)).custom).toEqual({ decimal_key: 1.5 });
      expect((await ok(server, 'GET', `/v1/customers/${c.uuid}`, undefined, 200)).attributes.custom).toEqual({ decimal_key: 1.5 });
    });

    it('adds tags and custom attributes by email, answering the customers as entries', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'By email');
      await createCustomer(server, ds, 'e1', { email: 'customer@example.com' });
      await createCustomer(server, ds, 'e2', { email: 'Customer@Example.com' });
      await createCustomer(server, ds, 'e3', { email: 'someone@example.com' });
      const tagged = await ok(server, 'POST', '/v1/customers/attributes/tags', { email: 'customer@example.com', tags: ['important', 'Prio1'] }, 200);
      expect(Object.keys(tagged)).toEqual(['entries']);
      expect(tagged.entries.map((c: any) => [c.external_id, c.attributes.tags])).toEqual([['e1', ['important', 'Prio1']], ['e2', ['important', 'Prio1']]]);
      const custom = await ok(server, 'POST', '/v1/customers/attributes/custom', {
        email: 'customer@example.com', custom: [{ type: 'String', key: 'channel', value: 'Facebook' }, { type: 'Integer', key: 'age', value: 8 }],
      }, 200);
      expect(custom.entries.map((c: any) => c.attributes.custom)).toEqual([{ channel: 'Facebook', age: 8 }, { channel: 'Facebook', age: 8 }]);
      const untouched = await ok(server, 'GET', '/v1/customers?external_id=e3', undefined, 200);
      expect(untouched.entries[0].attributes).toMatchObject({ tags: [], custom: {} });
      const noEmail = await server.call('POST', '/v1/customers/attributes/tags', { tags: ['x'] });
      expect(noEmail.status).toBe(422);
      expect(Object.keys(noEmail.json.errors)).toEqual(['email']);
    });
  });
}
