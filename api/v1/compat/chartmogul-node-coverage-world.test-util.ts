/**
 * The account the coverage scenarios run against, made through chartmogul-node itself (only
 * methods that were there before issue 12, so the seed does not depend on what is being built):
 * data sources, plans, customers with invoices (line items and transactions, each with an
 * external ID so it can be disabled), contacts, a merge to undo, subscription events.
 *
 * Each scenario that changes or deletes something gets objects of its own (the `roles`
 * below), so scenarios do not depend on each other's order or success. Today is 2024-06-15.
 */
import { ChartMogul } from './chartmogul-node-coverage-inventory.test-util.ts';

export const TODAY = '2024-06-15';

type Config = unknown;

/**
 * cust-a's invoices (a-NN), line items (li-a-NN) and transactions (tr-a-NN) each scenario
 * reads or changes: one number per scenario, so a scenario finds its object as the seed left it.
 */
export const ROLES = {
  invoice: {
    retrieve: '01', modify: '02', update: '03', disable: '04', enable: '05', disableByExternalId: '06',
    enableByExternalId: '07', destroy: '08', destroyByExternalId: '09', updateStatus: '10',
  },
  /** Line items and transactions share invoices 11 … 21 (one line and one payment each). */
  item: {
    create: '11', retrieve: '11', modify: '12', all: '13', update: '13', destroy: '14', destroyByExternalId: '15',
    disable: '16', enable: '17', disableByExternalId: '18', enableByExternalId: '19', disableByParams: '20', enableByParams: '21',
  },
} as const;

export interface World {
  config: Config;
  ds: string;
  /** A data source kept for DataSource.destroy. */
  dsThrowaway: string;
  /** The data source of the subscription events (events and invoices do not share one). */
  dsEvents: string;
  /** A data source for the JSON (bulk) import. */
  dsBulk: string;
  plans: Record<'basic' | 'pro' | 'modify' | 'destroy', string>;
  /** Customer UUIDs by their external IDs (`cust-a`, …). */
  customers: Record<string, string>;
  /** Invoice UUIDs by external ID (`a-01`, …). */
  invoices: Record<string, string>;
  /** Line item UUIDs by external ID (`li-a-01`, …). */
  lineItems: Record<string, string>;
  /** Transaction UUIDs by external ID (`tr-a-01`, …). */
  transactions: Record<string, string>;
  /** Subscription UUIDs by external ID. */
  subscriptions: Record<string, string>;
  /** Contact UUIDs by external ID. */
  contacts: Record<string, string>;
  /** Subscription event IDs by external ID. */
  events: Record<string, number>;
}

/** A month's date: `month(2023, 4)` is 2023-04-01. */
function month(year: number, m: number): string {
  const d = new Date(Date.UTC(year, m - 1, 1));
  return d.toISOString().slice(0, 10);
}

interface Line { ext: string; sub: string; plan: string; start: string; end: string; amount: number }

function invoice(ext: string, line: Line, tr: string) {
  return {
    external_id: ext, date: `${line.start} 00:00:00`, due_date: `${line.start} 00:00:00`, currency: 'USD',
    line_items: [{
      type: 'subscription', external_id: line.ext, subscription_external_id: line.sub, plan_uuid: line.plan,
      service_period_start: `${line.start} 00:00:00`, service_period_end: `${line.end} 00:00:00`, amount_in_cents: line.amount, quantity: 1,
    }],
    transactions: [{ external_id: tr, date: `${line.start} 00:00:00`, type: 'payment', result: 'successful' }],
  };
}

/** Monthly invoices of one subscription: `{prefix}-01`, … with lines `li-{prefix}-01` and transactions `tr-{prefix}-01`. */
function monthly(prefix: string, sub: string, plan: string, from: [number, number], count: number, amount: number, offset = 0) {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1 + offset).padStart(2, '0');
    const start = month(from[0], from[1] + i);
    const end = month(from[0], from[1] + i + 1);
    return invoice(`${prefix}-${n}`, { ext: `li-${prefix}-${n}`, sub, plan, start, end, amount }, `tr-${prefix}-${n}`);
  });
}

export async function seedWorld(config: Config): Promise<World> {
  const w: World = {
    config, ds: '', dsThrowaway: '', dsEvents: '', dsBulk: '',
    plans: { basic: '', pro: '', modify: '', destroy: '' },
    customers: {}, invoices: {}, lineItems: {}, transactions: {}, subscriptions: {}, contacts: {}, events: {},
  };
  w.ds = (await ChartMogul.DataSource.create(config, { name: 'Coverage billing' })).uuid;
  w.dsThrowaway = (await ChartMogul.DataSource.create(config, { name: 'Coverage throwaway' })).uuid;
  w.dsEvents = (await ChartMogul.DataSource.create(config, { name: 'Coverage events' })).uuid;
  w.dsBulk = (await ChartMogul.DataSource.create(config, { name: 'Coverage bulk import' })).uuid;

  for (const [key, name, unit] of [['basic', 'Basic', 'month'], ['pro', 'Pro', 'month'], ['modify', 'To rename', 'month'], ['destroy', 'To delete', 'year']] as const) {
    const plan = await ChartMogul.Plan.create(config, { data_source_uuid: w.ds, name, interval_count: 1, interval_unit: unit, external_id: `plan-${key}` });
    w.plans[key] = plan.uuid;
  }
  await ChartMogul.Plan.create(config, { data_source_uuid: w.dsEvents, name: 'Events Gold', interval_count: 1, interval_unit: 'month', external_id: 'ev-gold' });

  // cust-a: the customer most scenarios read; m-from/m-into: Customer.merge; u-from/u-into:
  // merged below, for Customer.unmerge; del: Customer.destroy; k1..k4: connect/disconnect;
  // s: subscription cancel and cancellation dates; da1/da2: Invoice.destroyAll and destroy_all.
  const people = ['a', 'm-from', 'm-into', 'u-from', 'u-into', 'del', 'k1', 'k2', 'k3', 'k4', 's', 'da1', 'da2'];
  for (const id of people) {
    const c = await ChartMogul.Customer.create(config, {
      data_source_uuid: w.ds, external_id: `cust-${id}`, name: `Customer ${id.toUpperCase()}`, email: `${id}@example.com`,
      company: `Company ${id}`, country: 'US', city: 'Boston',
    });
    w.customers[`cust-${id}`] = c.uuid;
  }
  const e = await ChartMogul.Customer.create(config, { data_source_uuid: w.dsEvents, external_id: 'cust-e', name: 'Customer E', email: 'e@example.com' });
  w.customers['cust-e'] = e.uuid;

  // cust-a: 21 monthly invoices of sub-a, 2022-10 … 2024-06 (a-01 … a-21), each with one line
  // (li-a-NN) and one payment (tr-a-NN); ROLES says which scenario changes which.
  const imported: { invoices: any[] }[] = [];
  const add = async (customer: string, invoices: unknown[]) => {
    imported.push(await ChartMogul.Invoice.create(config, w.customers[customer], { invoices }));
  };
  await add('cust-a', monthly('a', 'sub-a', w.plans.basic, [2022, 10], 21, 5000));
  for (const k of ['k1', 'k2', 'k3', 'k4']) {
    // Basic in January and February on one subscription, Pro from March on another.
    await add(`cust-${k}`, [
      ...monthly(k, `sub-${k}-old`, w.plans.basic, [2024, 1], 2, 5000),
      ...monthly(k, `sub-${k}-new`, w.plans.pro, [2024, 3], 3, 8000, 2),
    ]);
  }
  await add('cust-s', [
    ...monthly('s', 'sub-s-cancel', w.plans.basic, [2024, 1], 5, 5000),
    ...monthly('sm', 'sub-s-modify', w.plans.pro, [2024, 1], 5, 8000),
  ]);
  await add('cust-da1', monthly('da1', 'sub-da1', w.plans.basic, [2024, 1], 2, 5000));
  await add('cust-da2', monthly('da2', 'sub-da2', w.plans.basic, [2024, 1], 2, 5000));
  await add('cust-u-from', monthly('uf', 'sub-uf', w.plans.basic, [2024, 1], 2, 5000));
  for (const answer of imported) {
    for (const inv of answer.invoices) {
      w.invoices[inv.external_id] = inv.uuid;
      for (const li of inv.line_items) {
        w.lineItems[li.external_id] = li.uuid;
        w.subscriptions[li.subscription_external_id] = li.subscription_uuid;
      }
      for (const tr of inv.transactions) w.transactions[tr.external_id] = tr.uuid;
    }
  }

  for (const ext of ['con-read', 'con-into', 'con-from', 'con-del']) {
    const contact = await ChartMogul.Contact.create(config, {
      customer_uuid: w.customers['cust-a'], data_source_uuid: w.ds, external_id: ext, first_name: 'Ada', last_name: ext,
      email: `${ext}@example.com`, title: 'CFO', phone: '+1 555 0100',
    });
    w.contacts[ext] = contact.uuid;
  }

  await ChartMogul.Customer.merge(config, { from: { customer_uuid: w.customers['cust-u-from'] }, into: { customer_uuid: w.customers['cust-u-into'] } });

  // One started subscription per event scenario (list, update, delete, disable, enable).
  for (const [n, ext] of ['ev-list', 'ev-update', 'ev-delete', 'ev-disable', 'ev-enable'].entries()) {
    const event = await ChartMogul.SubscriptionEvent.create(config, {
      subscription_event: {
        data_source_uuid: w.dsEvents, customer_external_id: 'cust-e', subscription_external_id: `sub-e-${n + 1}`,
        plan_external_id: 'ev-gold', event_type: 'subscription_start', event_date: '2024-02-01', effective_date: '2024-02-01',
        currency: 'USD', amount_in_cents: 3000, quantity: 1, external_id: ext,
      },
    });
    w.events[ext] = event.id;
  }
  return w;
}
