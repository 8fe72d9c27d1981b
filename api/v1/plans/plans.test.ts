/** /v1/plans over a real server on every driver: shapes as recorded, pagination, 404/422, recompute. */
import { describe, expect, it } from 'vitest';
import { drivers } from '../../testing/databases.test-util.ts';
import { allPages, createCustomer, createDataSource, ok, subscribe, syncCustomers, useServer } from '../accounts-fixtures.test-util.ts';

const PLAN_KEYS = ['data_source_uuid', 'external_id', 'interval_count', 'interval_unit', 'name', 'uuid'];

for (const driver of drivers()) {
  describe(`/v1/plans (${driver})`, () => {
    const h = useServer(driver);

    it('creates, retrieves, updates (202) and deletes as recorded', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Plans');
      const created = await ok(server, 'POST', '/v1/plans', { name: 'Another Test Plan', interval_count: 1, interval_unit: 'month', data_source_uuid: ds }, 201);
      expect(Object.keys(created).sort()).toEqual(PLAN_KEYS);
      // Without external_id the plan's own UUID is its external ID, as ChartMogul does.
      expect(created.uuid).toBe(`pl_${created.external_id}`);
      expect(created).toMatchObject({ name: 'Another Test Plan', interval_count: 1, interval_unit: 'month', data_source_uuid: ds });
      expect(await ok(server, 'GET', `/v1/plans/${created.uuid}`, undefined, 200)).toEqual(created);

      const patched = await ok(server, 'PATCH', `/v1/plans/${created.uuid}`, { name: 'Another Test Plan 123', interval_count: 2 }, 202);
      expect(patched).toEqual({ ...created, name: 'Another Test Plan 123', interval_count: 2 });
      // The instance method sends every field back, unchanged ones included.
      await ok(server, 'PATCH', `/v1/plans/${created.uuid}`, { ...patched, uuid: undefined }, 202);

      const named = await ok(server, 'POST', '/v1/plans', { name: 'Test Plan', interval_count: 7, interval_unit: 'days', data_source_uuid: ds, external_id: 'test_pl' }, 201);
      expect(named).toMatchObject({ external_id: 'test_pl', interval_unit: 'day', interval_count: 7 });

      expect((await server.call('DELETE', `/v1/plans/${created.uuid}`)).status).toBe(204);
      expect((await server.call('GET', `/v1/plans/${created.uuid}`)).status).toBe(404);
    });

    it('answers 422 naming the field, with the messages /sync gives for the same values', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Plans 422');
      const base = { name: 'P', interval_count: 1, interval_unit: 'month', data_source_uuid: ds, external_id: 'p422' };
      const week = await server.call('POST', '/v1/plans', { ...base, interval_unit: 'week' });
      expect(week.status).toBe(422);
      const sync = await server.call('POST', '/sync/plans', { rows: [{ Name: 'P', 'Interval count': 1, 'Interval unit': 'week', 'Plan ID': 'x' }], dry_run: true });
      expect(week.json).toEqual({ errors: { interval_unit: sync.json.errors[0].message } });
      expect(week.json.errors.interval_unit).toContain("got 'week'");

      const cases: [Record<string, unknown>, string][] = [
        [{ ...base, name: undefined }, 'name'],
        [{ ...base, interval_count: 0 }, 'interval_count'],
        [{ ...base, interval_count: 'many' }, 'interval_count'],
        [{ ...base, interval_unit: undefined }, 'interval_unit'],
        [{ ...base, data_source_uuid: undefined }, 'data_source_uuid'],
        [{ ...base, data_source_uuid: 'ds_00000000-0000-0000-0000-000000000000' }, 'data_source_uuid'],
        [{ ...base, name: ['x'] }, 'name'],
      ];
      for (const [body, field] of cases) {
        const r = await server.call('POST', '/v1/plans', body);
        expect(r.status, JSON.stringify(body)).toBe(422);
        expect(Object.keys(r.json.errors)).toEqual([field]);
      }
      await ok(server, 'POST', '/v1/plans', base, 201);
      const twice = await server.call('POST', '/v1/plans', base);
      expect(twice.status).toBe(422);
      expect(Object.keys(twice.json.errors)).toEqual(['external_id']);
      const plan = (await ok(server, 'GET', `/v1/plans?external_id=p422`, undefined, 200)).plans[0];
      for (const [body, field] of [[{ interval_unit: 'fortnight' }, 'interval_unit'], [{ external_id: 'renamed' }, 'external_id'], [{ name: '' }, 'name']] as const) {
        const r = await server.call('PATCH', `/v1/plans/${plan.uuid}`, body);
        expect(r.status).toBe(422);
        expect(Object.keys(r.json.errors)).toEqual([field]);
      }
      expect((await server.call('PATCH', `/v1/plans/${plan.uuid}`, '{oops')).status).toBe(400);
    });

    it('pages with per_page and cursor, and filters', async () => {
      const { server } = h;
      const a = await createDataSource(server, 'Pages A');
      const b = await createDataSource(server, 'Pages B');
      for (let i = 0; i < 5; i++) await ok(server, 'POST', '/v1/plans', { name: `A${i}`, interval_count: 1, interval_unit: 'month', data_source_uuid: a, external_id: `a${i}` }, 201);
      await ok(server, 'POST', '/v1/plans', { name: 'B0', interval_count: 1, interval_unit: 'year', data_source_uuid: b, external_id: 'a0' }, 201);

      const first = await ok(server, 'GET', `/v1/plans?per_page=2&data_source_uuid=${a}`, undefined, 200);
      expect(first.plans).toHaveLength(2);
      expect(first.has_more).toBe(true);
      const walked = await allPages(server, `/v1/plans?per_page=2&data_source_uuid=${a}`, server.key, 'plans');
      expect(walked.map((p) => p.external_id)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
      walked.forEach((p) => expect(Object.keys(p).sort()).toEqual(PLAN_KEYS));

      const byExternal = await ok(server, 'GET', '/v1/plans?external_id=a0', undefined, 200);
      expect(byExternal.plans.map((p: any) => p.data_source_uuid).sort()).toEqual([a, b].sort());
      expect((await ok(server, 'GET', '/v1/plans?system=Stripe', undefined, 200)).plans).toEqual([]);
      expect((await ok(server, 'GET', '/v1/plans?data_source_uuid=nonsense', undefined, 200)).plans).toEqual([]);
      const last = await ok(server, 'GET', `/v1/plans?per_page=200&data_source_uuid=${b}`, undefined, 200);
      expect(last).toMatchObject({ has_more: false, cursor: null });
    });

    it("answers 404 for unknown plans and for other accounts' plans, by ID and by external ID", async () => {
      const { server, otherKey } = h;
      const theirDs = await createDataSource(server, 'Their plans', otherKey);
      const theirs = await ok(server, 'POST', '/v1/plans', { name: 'Secret', interval_count: 1, interval_unit: 'month', data_source_uuid: theirDs, external_id: 'secret' }, 201, otherKey);
      for (const id of [theirs.uuid, 'pl_00000000-0000-0000-0000-000000000000', 'nonsense']) {
        for (const [method, body] of [['GET', undefined], ['PATCH', { name: 'Mine now' }], ['DELETE', undefined]] as const) {
          const r = await server.call(method, `/v1/plans/${id}`, body);
          expect(r.status, `${method} ${id}`).toBe(404);
        }
      }
      expect((await ok(server, 'GET', '/v1/plans?external_id=secret', undefined, 200)).plans).toEqual([]);
      expect((await ok(server, 'GET', `/v1/plans?data_source_uuid=${theirDs}`, undefined, 200)).plans).toEqual([]);
      // Creating in their data source is refused too.
      const r = await server.call('POST', '/v1/plans', { name: 'X', interval_count: 1, interval_unit: 'month', data_source_uuid: theirDs });
      expect(r.status).toBe(422);
      expect(Object.keys(r.json.errors)).toEqual(['data_source_uuid']);
      expect(await ok(server, 'GET', `/v1/plans/${theirs.uuid}`, undefined, 200, otherKey)).toEqual(theirs);
    });

    it('a plan interval change recomputes the MRR of customers on it; a plan in use is not deleted', async () => {
      const { server } = h;
      const ds = await createDataSource(server, 'Recompute');
      await createCustomer(server, ds, 'rc-1');
      await subscribe(server, 'Recompute', 'rc-1', { plan: 'rc-plan', amount: 1200 });
      expect((await syncCustomers(server))['rc-1'].mrr).toBe(1200);
      const plan = (await ok(server, 'GET', `/v1/plans?external_id=rc-plan&data_source_uuid=${ds}`, undefined, 200)).plans[0];

      await ok(server, 'PATCH', `/v1/plans/${plan.uuid}`, { interval_count: 12 }, 202);
      expect((await syncCustomers(server))['rc-1'].mrr).toBe(100);
      const customer = (await ok(server, 'GET', '/v1/customers?external_id=rc-1', undefined, 200)).entries[0];
      expect(customer.mrr).toBe(100);

      const del = await server.call('DELETE', `/v1/plans/${plan.uuid}`);
      expect(del.status).toBe(422);
      expect(Object.keys(del.json.errors)).toEqual(['plan']);
      expect((await syncCustomers(server))['rc-1'].mrr).toBe(100);
    });
  });
}
