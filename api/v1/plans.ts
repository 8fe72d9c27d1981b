/**
 * /v1/plans: create, list (filters data_source_uuid, external_id, system), retrieve, update
 * (PATCH, 202 with the plan, as recorded) and delete. Fields are validated by the shared plans
 * template parser. A plan made without external_id gets its own UUID as external ID, as
 * ChartMogul does. Changing a plan's interval recomputes the customers whose subscriptions
 * use it; a plan that billing data still uses cannot be deleted (422).
 *
 * Plan objects carry exactly the six recorded keys: the Python client refuses unknown ones.
 */
import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { PlanRecord } from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import type { Env } from '../http/auth.ts';
import { notFound, validationFailed } from '../http/errors.ts';
import { affectedCustomers } from '../sync/affected.ts';
import { countRows, pageSql } from '../store/pages.ts';
import { withPageNumbers, pageAnswer, pageOf } from './conventions/pages.ts';
import { account } from './conventions/account.ts';
import { PREFIX, prefixed, uuidOf } from './conventions/ids.ts';
import { writeThenRecompute } from '../ingest/write.ts';
import { insertRecordRow, updateRecordRow } from '../store/record-write.ts';
import { parseTemplateRow } from '../ingest/template-rows.ts';
import type { Body } from './conventions/body.ts';
import { readBody } from '../http/json-body.ts';
import { bodyDataSource, checkSameDataSource } from './conventions/lookup.ts';
import { Where } from '../store/where.ts';

interface PlanRow {
  id: string;
  data_source_id: string;
  external_id: string;
  name: string;
  interval_count: number;
  interval_unit: string;
}

const SELECT = `SELECT p.id, p.data_source_id, p.external_id, p.name, p.interval_count, p.interval_unit
  FROM plans p JOIN data_sources d ON d.id = p.data_source_id`;

function planJson(row: PlanRow): Record<string, unknown> {
  return {
    external_id: row.external_id,
    name: row.name,
    interval_count: Number(row.interval_count),
    interval_unit: row.interval_unit,
    data_source_uuid: prefixed(PREFIX.dataSource, row.data_source_id),
    uuid: prefixed(PREFIX.plan, row.id),
  };
}

async function readPlan(tx: Tx, accountId: string, id: string): Promise<PlanRow | undefined> {
  return (await tx.query<PlanRow>(`${SELECT} WHERE p.account_id = $1 AND p.id = $2`, [accountId, id]))[0];
}

async function requirePlan(tx: Tx, accountId: string, value: string | undefined): Promise<PlanRow> {
  const id = uuidOf(PREFIX.plan, value);
  const row = id ? await readPlan(tx, accountId, id) : undefined;
  if (!row) throw notFound('plan', 'plan_uuid');
  return row;
}

/** The plans template record of a body's fields; `current` is the stored plan of an update. */
function planRecord(body: Body, externalId: string, current?: PlanRow): PlanRecord {
  const value = (field: keyof PlanRow) => (field in body ? body[field] : current?.[field]);
  return parseTemplateRow('plans', [
    { header: 'Name', field: 'name', value: value('name') },
    { header: 'Interval count', field: 'interval_count', value: value('interval_count') },
    { header: 'Interval unit', field: 'interval_unit', value: value('interval_unit') },
    { header: 'Plan ID', field: 'external_id', value: externalId },
  ]);
}

const USERS = ['line_items', 'manual_subscriptions', 'subscription_events'];

async function inUse(tx: Tx, plan: PlanRow): Promise<boolean> {
  const rows = await tx.query(
    USERS.map((t) => `SELECT 1 FROM ${t} WHERE data_source_id = $1 AND plan_external_id = $2`).join(' UNION ALL ') + ' LIMIT 1',
    [plan.data_source_id, plan.external_id],
  );
  return rows.length > 0;
}

function listFilters(c: Context<Env>): Where {
  const where = new Where([]).add('p.account_id = $?', account(c).id);
  const q = (name: string) => c.req.query(name);
  const ds = q('data_source_uuid');
  if (ds !== undefined) {
    const id = uuidOf(PREFIX.dataSource, ds);
    if (id) where.add('p.data_source_id = $?', id);
    else where.none();
  }
  if (q('external_id') !== undefined) where.add('p.external_id = $?', q('external_id'));
  if (q('system') !== undefined) where.add('d.system = $?', q('system'));
  return where;
}

export function registerPlans(app: Hono<Env>, ctx: AppContext): void {
  app.post('/v1/plans', async (c) => {
    const acc = account(c);
    const body = await readBody(c);
    const id = randomUUID();
    const given = body.external_id;
    const record = planRecord(body, given === undefined || given === null || given === '' ? id : (given as string));
    const row = await writeThenRecompute(ctx, acc.id, async (tx) => {
      const dataSourceId = await bodyDataSource(tx, acc.id, body.data_source_uuid);
      if (!await insertRecordRow(tx, 'plans', { accountId: acc.id, dataSourceId }, record, { id })) {
        throw validationFailed({ external_id: `A plan with external_id '${record.externalId}' already exists in this data source` });
      }
      return { result: (await readPlan(tx, acc.id, id))! };
    });
    return c.json(planJson(row), 201);
  });

  app.get('/v1/plans', async (c) => {
    const page = pageOf(c);
    const where = listFilters(c);
    const [rows, total] = await ctx.db.read(async (tx) => [
      await tx.query<PlanRow>(`${SELECT} WHERE ${where} ORDER BY p.created_at, p.id ${pageSql(page)}`, where.params),
      await countRows(tx, `FROM plans p JOIN data_sources d ON d.id = p.data_source_id WHERE ${where}`, where.params),
    ] as const);
    return c.json(withPageNumbers(pageAnswer('plans', rows.map(planJson), page), page, total));
  });

  app.get('/v1/plans/:uuid', async (c) => {
    const row = await ctx.db.read((tx) => requirePlan(tx, account(c).id, c.req.param('uuid')));
    return c.json(planJson(row));
  });

  app.patch('/v1/plans/:uuid', async (c) => {
    const acc = account(c);
    const body = await readBody(c);
    const row = await writeThenRecompute(ctx, acc.id, async (tx) => {
      const plan = await requirePlan(tx, acc.id, c.req.param('uuid'));
      checkSameDataSource(body.data_source_uuid, plan.data_source_id, "A plan's data source cannot be changed");
      if (body.external_id !== undefined && body.external_id !== plan.external_id) {
        throw validationFailed({ external_id: "A plan's external_id cannot be changed: invoices and subscriptions refer to it" });
      }
      const record = planRecord(body, plan.external_id, plan);
      await updateRecordRow(tx, 'plans', acc.id, plan.id, record);
      const intervalChanged = record.intervalCount !== Number(plan.interval_count) || record.intervalUnit !== plan.interval_unit;
      const customers = intervalChanged ? await affectedCustomers(tx, 'plans', [record], plan.data_source_id) : [];
      return {
        result: (await readPlan(tx, acc.id, plan.id))!,
        recompute: [{ dataSourceId: plan.data_source_id, customers: customers === 'all' ? [] : customers }],
      };
    });
    return c.json(planJson(row), 202);
  });

  app.delete('/v1/plans/:uuid', async (c) => {
    const acc = account(c);
    await writeThenRecompute(ctx, acc.id, async (tx) => {
      const plan = await requirePlan(tx, acc.id, c.req.param('uuid'));
      if (await inUse(tx, plan)) {
        throw validationFailed({ plan: `Plan '${plan.external_id}' is used by invoices or subscriptions; delete those first` });
      }
      await tx.query('DELETE FROM plans WHERE id = $1', [plan.id]);
      return { result: null };
    });
    return c.body(null, 204);
  });
}
