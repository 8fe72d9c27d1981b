/**
 * Test fixtures for the billing endpoints: customers and plans stored through /sync (so these
 * tests do not depend on the customers and plans endpoints), their prefixed IDs read back.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { customers as customerTable, dataSources, plans } from '../db/schema.ts';
import type { TestServer } from '../testing/server.test-util.ts';

export interface Fixture {
  ds: string;
  customers: Record<string, string>;
  plans: Record<string, string>;
}

export const PLANS = [
  { Name: 'Gold', 'Interval count': 1, 'Interval unit': 'month', 'Plan ID': 'gold' },
  { Name: 'Silver annual', 'Interval count': 1, 'Interval unit': 'year', 'Plan ID': 'silver' },
];

export async function seed(
  server: TestServer,
  db: Database,
  accountId: string,
  customers: { id: string; name?: string; country?: string }[],
  key = server.key,
): Promise<Fixture> {
  const rows = customers.map((c) => ({ Name: c.name ?? `Customer ${c.id}`, 'External ID': c.id, Country: c.country ?? '' }));
  for (const [dataset, body] of [['customers', rows], ['plans', PLANS]] as const) {
    const answer = await server.call('POST', `/sync/${dataset}`, { rows: body }, key);
    if (answer.status !== 200 || answer.json.errors.length > 0) throw new Error(`seed ${dataset}: ${JSON.stringify(answer.json)}`);
  }
  return db.read(async (tx) => {
    const ds = await tx.db.select({ id: dataSources.id }).from(dataSources).where(eq(dataSources.accountId, accountId));
    const cs = await tx.db.select({ id: customerTable.id, externalId: customerTable.externalId }).from(customerTable)
      .where(eq(customerTable.accountId, accountId));
    const ps = await tx.db.select({ id: plans.id, externalId: plans.externalId }).from(plans).where(eq(plans.accountId, accountId));
    return {
      ds: `ds_${ds[0].id}`,
      customers: Object.fromEntries(cs.map((c) => [c.externalId, `cus_${c.id}`])),
      plans: Object.fromEntries(ps.map((p) => [p.externalId, `pl_${p.id}`])),
    };
  });
}

/** A monthly subscription invoice as the Ruby client sends it. */
export function monthlyInvoice(externalId: string, plan: string, opts: { start?: string; end?: string; amount?: number; sub?: string; currency?: string } = {}) {
  const start = opts.start ?? '2016-01-01 12:00:00 UTC';
  return {
    external_id: externalId,
    date: start,
    currency: opts.currency ?? 'USD',
    due_date: start,
    line_items: [
      {
        type: 'subscription',
        subscription_external_id: opts.sub ?? `sub-${externalId}`,
        plan_uuid: plan,
        service_period_start: start,
        service_period_end: opts.end ?? '2016-02-01 12:00:00 UTC',
        amount_in_cents: opts.amount ?? 1000,
        quantity: 1,
      },
    ],
    transactions: [{ date: start, type: 'payment', result: 'successful' }],
  };
}
