/**
 * A valid request of every route of the app (TEMPLATES) and rows of every /sync dataset
 * (SYNC_ROWS), naming what the database holds through a Picker: what the fuzz test starts
 * from before it breaks things, so that its requests reach past validation into the writes.
 */

/** What the database holds, as clients name it. */
export interface Pool {
  ds: string[];
  cus: string[];
  cusExt: string[];
  email: string[];
  pl: string[];
  plExt: string[];
  inv: string[];
  invExt: string[];
  sub: string[];
  subExt: string[];
  /** The customer's external ID and the data source of each subscription, beside `sub`. */
  subCusExt: string[];
  subDs: string[];
  con: string[];
  se: number[];
  seExt: string[];
}

export type Kind = keyof Pool;

const NO_UUID = '00000000-0000-4000-8000-000000000000';
/** The value of a kind when the database holds none: well-formed, naming nothing. */
const ABSENT: Record<Kind, string | number> = {
  ds: `ds_${NO_UUID}`, cus: `cus_${NO_UUID}`, cusExt: 'nobody', email: 'nobody@example.com', pl: `pl_${NO_UUID}`, plExt: 'no-plan',
  inv: `inv_${NO_UUID}`, invExt: 'no-invoice', sub: `sub_${NO_UUID}`, subExt: 'no-sub', subCusExt: 'nobody', subDs: `ds_${NO_UUID}`,
  con: `con_${NO_UUID}`, se: 1, seExt: 'no-event',
};

const KINDS = Object.keys(ABSENT) as Kind[];

/** Picks from the pool by the request's drawn numbers, in turn. */
export class Picker {
  private next = 0;
  constructor(private readonly pool: Pool, private readonly picks: readonly number[]) {}
  private draw(): number {
    return this.picks[this.next++ % this.picks.length];
  }
  id<K extends Kind>(kind: K): Pool[K][number] {
    const list = this.pool[kind] as Pool[K][number][];
    const n = this.draw();
    // One pick in 16 names nothing that exists, though well-formed.
    if (list.length === 0 || n % 16 === 15) return ABSENT[kind] as Pool[K][number];
    return list[n % list.length];
  }
  /** One subscription's ID, external ID, customer and data source, together. */
  subscription(): { uuid: string; ext: string; cusExt: string; ds: string } {
    const n = this.draw();
    const { sub, subExt, subCusExt, subDs } = this.pool;
    if (sub.length === 0 || n % 16 === 15) return { uuid: `sub_${NO_UUID}`, ext: 'no-sub', cusExt: 'nobody', ds: `ds_${NO_UUID}` };
    const i = n % sub.length;
    return { uuid: sub[i], ext: subExt[i], cusExt: subCusExt[i], ds: subDs[i] };
  }
  any(): string | number {
    return this.id(KINDS[this.draw() % KINDS.length]);
  }
}

export type Template = (p: Picker) => { body?: unknown; query?: Record<string, string> };

const eventBody = (p: Picker, s = p.subscription()) => ({
  subscription_event: {
    data_source_uuid: s.ds, customer_external_id: s.cusExt, subscription_external_id: s.ext,
    plan_external_id: p.id('plExt'), event_date: '2024-03-01T00:00:00Z', effective_date: '2024-03-01T00:00:00Z',
    event_type: 'subscription_start', external_id: `ev-${p.id('seExt')}`, currency: 'USD', amount_in_cents: 1000, quantity: 1,
  },
});
/** A page of a list: the parameters every list reads (the cursor one this API could give out). */
const page = { per_page: '2', cursor: Buffer.from('o1').toString('base64url') };
const metricsQuery = (): Record<string, string> => ({ 'start-date': '2024-01-01', 'end-date': '2024-12-31', interval: 'month' });
const invoiceBody = (p: Picker) => ({
  invoices: [{
    external_id: `fz-${p.id('invExt')}`, date: '2024-04-01 00:00:00 UTC', currency: 'USD', due_date: '2024-04-15',
    line_items: [{
      type: 'subscription', subscription_external_id: p.id('subExt'), plan_uuid: p.id('pl'), service_period_start: '2024-04-01',
      service_period_end: '2024-05-01', amount_in_cents: 5000, quantity: 2, prorated: false, discount_amount_in_cents: 0,
      tax_amount_in_cents: 100, transaction_fees_in_cents: 10, transaction_fees_currency: 'USD', description: 'fuzz',
    }, { type: 'one_time', amount_in_cents: 700, description: 'setup', quantity: 1 }],
    transactions: [{ date: '2024-04-02', type: 'payment', result: 'successful', amount_in_cents: 10_700 }],
  }],
});

/** Template rows of each /sync dataset (they reference the seeded rows, see the fuzz test). */
export const SYNC_ROWS: Record<string, (p: Picker) => Record<string, unknown>> = {
  customers: (p) => ({ Name: 'Fuzzed', 'External ID': p.id('cusExt'), Email: p.id('email'), Country: 'DE', 'Lead created at': '2023-01-01' }),
  contacts: (p) => ({ 'Customer external ID': p.id('cusExt'), 'First name': 'Ada', Email: 'ada@example.com', Note: 'n' }),
  plans: (p) => ({ Name: 'Fuzz plan', 'Interval count': 1, 'Interval unit': 'month', 'Plan ID': p.id('plExt') }),
  invoices: (p) => ({ 'Customer external ID': p.id('cusExt'), 'Invoice external ID': p.id('invExt'), 'Invoiced date': '2024-05-01', Currency: 'USD' }),
  line_items: (p) => ({
    'Invoice external ID': p.id('invExt'), 'Subscription external ID': p.subscription().ext, Type: 'Subscription', 'Amount in cents': 3000,
    Plan: p.id('plExt'), 'Service period start': '2024-05-01', 'Service period end': '2024-06-01', Quantity: 1, Proration: 'FALSE',
  }),
  transactions: (p) => ({ 'Invoice external ID': p.id('invExt'), Type: 'payment', Result: 'successful', Date: '2024-05-02', 'Amount in cents': 3000 }),
  subscription_events: (p, s = p.subscription()) => ({
    'Customer external ID': s.cusExt, 'Subscription external ID': s.ext, 'External ID': `sev-${p.id('seExt')}`,
    'Event Type': 'subscription_updated', Date: '2024-06-01', 'Effective Date': '2024-06-01', 'Plan external ID': p.id('plExt'),
    Currency: 'USD', 'Amount in Cents': 4000, Quantity: 1,
  }),
  cancellations: (p, s = p.subscription()) => ({ 'Customer external ID': s.cusExt, 'Subscription external ID': s.ext, 'Cancelled at': '2024-07-01' }),
  manual_subscriptions: (p) => ({
    'Subscription external ID': `m-${p.id('subExt')}`, 'Customer external ID': p.id('cusExt'), 'Plan external ID': p.id('plExt'),
    Date: '2024-02-01', 'Effective Date': '2024-02-01', 'Event Type': 'subscription_start', Currency: 'USD', 'Amount in cents': 900, Quantity: 1,
  }),
  exchange_rates: () => ({ Date: '2024-03-01', Currency: 'EUR', Rate: '1.08' }),
};

/** A /sync body of two rows of the dataset (customers' when it is none). */
export const syncBody = (p: Picker, dataset: string) => {
  const row = Object.hasOwn(SYNC_ROWS, dataset) ? SYNC_ROWS[dataset] : SYNC_ROWS.customers;
  return { rows: [row(p), row(p)], source: undefined, dry_run: false };
};

/** A valid request of every route, to mutate. */
export const TEMPLATES: Record<string, Template> = {
  'GET /v1/ping': () => ({}),
  'GET /v1/openapi.json': () => ({}),
  'GET /docs': () => ({}),
  'GET /v1/account': () => ({}),
  'PATCH /v1/account': () => ({ body: { settings: { base_currency: 'USD', churn_recognition: 'cancellation', auto_churn: null, sac_window_minutes: 60, transaction_fees: 'ignore' } } }),
  'POST /v1/data_sources': () => ({ body: { name: 'Fuzz source' } }),
  'GET /v1/data_sources': () => ({ query: { name: 'Fuzz source', system: 'Import API', with_processing_status: 'true' } }),
  'GET /v1/data_sources/:ds': () => ({}),
  'DELETE /v1/data_sources/:ds': () => ({}),
  'POST /v1/data_sources/:ds/json_imports': (p) => ({
    body: {
      external_id: `ji-${p.id('invExt')}`,
      customers: [{ external_id: p.id('cusExt'), name: 'Bulk Co', email: p.id('email'), country: 'DE' }],
      plans: [{ external_id: p.id('plExt'), name: 'Bulk plan', interval_count: 1, interval_unit: 'month' }],
      invoices: [{ external_id: `ji-${p.id('invExt')}`, customer_external_id: p.id('cusExt'), date: '2024-05-01 00:00:00', currency: 'USD' }],
      line_items: [{
        invoice_external_id: `ji-${p.id('invExt')}`, type: 'subscription', subscription_external_id: p.id('subExt'), plan_external_id: p.id('plExt'),
        service_period_start: '2024-05-01', service_period_end: '2024-06-01', amount_in_cents: 2500, quantity: 1,
      }],
      transactions: [{ invoice_external_id: `ji-${p.id('invExt')}`, type: 'payment', result: 'successful', date: '2024-05-02' }],
    },
  }),
  'GET /v1/data_sources/:ds/json_imports/:id': () => ({}),
  'POST /v1/customers': (p) => ({
    body: {
      data_source_uuid: p.id('ds'), external_id: `v1-${p.id('cusExt')}`, name: 'Fuzz Co', email: 'fuzz@example.com', company: 'Fuzz',
      country: 'US', state: 'CA', city: 'SF', zip: '94107', lead_created_at: '2023-06-01 00:00:00 UTC', free_trial_started_at: '2023-06-05',
      website_url: 'https://example.com', attributes: { tags: ['a', 'b'], custom: [{ type: 'String', key: 'channel', value: 'web', source: 'fuzz' }] },
    },
  }),
  'GET /v1/customers': (p) => ({
    query: { data_source_uuid: String(p.id('ds')), external_id: String(p.id('cusExt')), status: 'Active', system: 'Import API', ...page },
  }),
  'GET /v1/customers/search': (p) => ({ query: { email: String(p.id('email')), ...page } }),
  'GET /v1/customers/:uuid': () => ({}),
  'PATCH /v1/customers/:uuid': () => ({ body: { name: 'Renamed', email: 'r@example.com', attributes: { tags: ['x'], custom: { channel: 'phone' } } } }),
  'PUT /v1/customers/:uuid': () => ({ body: { company: 'Renamed Co', country: 'FR', lead_created_at: '2023-01-01' } }),
  'DELETE /v1/customers/:uuid': () => ({}),
  'POST /v1/customers/merges': (p) => ({ body: { from: { customer_uuid: p.id('cus') }, into: { customer_uuid: p.id('cus') } } }),
  'POST /v1/customers/unmerges': (p) => ({
    body: { customer_uuid: p.id('cus'), data_source_uuid: p.id('ds'), external_id: p.id('cusExt'), move_to_new_customer: ['notes'] },
  }),
  'POST /v1/customers/attributes/tags': (p) => ({ body: { email: p.id('email'), tags: ['vip'] } }),
  'POST /v1/customers/attributes/custom': (p) => ({ body: { email: p.id('email'), custom: [{ type: 'Integer', key: 'seats', value: 3 }] } }),
  'GET /v1/customers/:uuid/attributes': () => ({}),
  'GET /v1/customers/:uuid/profile': () => ({}),
  'POST /v1/customers/:uuid/attributes/tags': () => ({ body: { tags: ['t1', 't2'] } }),
  'DELETE /v1/customers/:uuid/attributes/tags': () => ({ body: { tags: ['t1'] } }),
  'POST /v1/customers/:uuid/attributes/custom': () => ({
    body: { custom: [{ type: 'Timestamp', key: 'renewal', value: '2024-01-01T00:00:00Z' }, { type: 'Boolean', key: 'ok', value: true }, { type: 'Decimal', key: 'd', value: 1.5 }] },
  }),
  'PUT /v1/customers/:uuid/attributes/custom': () => ({ body: { custom: { renewal: '2025-01-01', ok: 'false', d: 2 } } }),
  'DELETE /v1/customers/:uuid/attributes/custom': () => ({ body: { custom: ['d'] } }),
  'POST /v1/contacts': (p) => ({
    body: {
      customer_uuid: p.id('cus'), first_name: 'Ada', last_name: 'L', position: 1, title: 'CTO',
      email: 'ada@example.com', phone: '+1', linked_in: 'x', twitter: 'y', notes: 'n', external_id: `con-${p.id('cusExt')}`,
      custom: [{ key: 'Toggle', value: true }],
    },
  }),
  'POST /v1/customers/:uuid/contacts': (p) => ({ body: { data_source_uuid: p.id('ds'), first_name: 'Bob', email: 'bob@example.com' } }),
  'GET /v1/contacts': (p) => ({
    query: { customer_uuid: String(p.id('cus')), data_source_uuid: String(p.id('ds')), email: 'ada@example.com', external_id: 'x', ...page },
  }),
  'GET /v1/customers/:uuid/contacts': () => ({ query: page }),
  'GET /v1/contacts/:con': () => ({}),
  'PATCH /v1/contacts/:con': () => ({ body: { first_name: 'Grace', custom: [{ key: 'Toggle', value: false }] } }),
  'DELETE /v1/contacts/:con': () => ({}),
  'POST /v1/contacts/:into/merge/:from': () => ({}),
  'POST /v1/plans': (p) => ({ body: { data_source_uuid: p.id('ds'), name: 'V1 plan', interval_count: 3, interval_unit: 'month', external_id: `v1-${p.id('plExt')}` } }),
  'GET /v1/plans': (p) => ({ query: { data_source_uuid: String(p.id('ds')), external_id: String(p.id('plExt')), system: 'Import API', ...page } }),
  'GET /v1/plans/:uuid': () => ({}),
  'PATCH /v1/plans/:uuid': () => ({ body: { name: 'Patched', interval_count: 1, interval_unit: 'year' } }),
  'DELETE /v1/plans/:uuid': () => ({}),
  'POST /v1/import/customers/:cus/invoices': (p) => ({ body: invoiceBody(p) }),
  'GET /v1/import/customers/:cus/invoices': () => ({ query: page }),
  'GET /v1/invoices': (p) => ({ query: { customer_uuid: String(p.id('cus')), data_source_uuid: String(p.id('ds')), external_id: String(p.id('invExt')), ...page } }),
  'GET /v1/invoices/:inv': () => ({}),
  'DELETE /v1/invoices/:inv': () => ({}),
  'DELETE /v1/data_sources/:ds/customers/:cus/invoices': () => ({}),
  'PUT /v1/data_sources/:ds/invoices/:external_id/status': () => ({ body: { status: 'voided' } }),
  'PATCH /v1/invoices': (p) => ({ query: { data_source_uuid: String(p.id('ds')), external_id: String(p.id('invExt')) }, body: { due_date: '2024-05-01', collection_method: 'manual' } }),
  'PATCH /v1/invoices/:inv': () => ({ body: { date: '2024-04-02T00:00:00Z', due_date: null, currency: 'USD', collection_method: 'automatic' } }),
  'PATCH /v1/invoices/disabled_state': (p) => ({ query: { data_source_uuid: String(p.id('ds')), external_id: String(p.id('invExt')) }, body: { disabled: true } }),
  'PATCH /v1/invoices/:inv/disabled_state': () => ({ body: { disabled: false } }),
  'DELETE /v1/invoices': (p) => ({ query: { data_source_uuid: String(p.id('ds')), external_id: String(p.id('invExt')) } }),
  'POST /v1/import/invoices/:inv/line_items': (p) => ({
    query: { handle_as_user_edit: 'true' },
    body: {
      type: 'subscription', subscription_external_id: 'li-fz-sub', plan_uuid: p.id('pl'), service_period_start: '2024-04-01T00:00:00Z',
      service_period_end: '2024-05-01T00:00:00Z', amount_in_cents: 700, quantity: 2, external_id: 'li-fz', discount_code: 'FZ',
    },
  }),
  'GET /v1/line_items': (p) => ({ query: { data_source_uuid: String(p.id('ds')), external_id: 'li-fz', include_edit_histories: 'true' } }),
  'GET /v1/line_items/:li': () => ({ query: { with_disabled: 'true' } }),
  'PATCH /v1/line_items': (p) => ({ query: { data_source_uuid: String(p.id('ds')), external_id: 'li-fz' }, body: { amount_in_cents: 800, quantity: 1 } }),
  'PATCH /v1/line_items/:li': () => ({ body: { amount_in_cents: 900, service_period_end: '2024-06-01T00:00:00Z', type: 'one_time' } }),
  'PATCH /v1/line_items/disabled_state': (p) => ({ query: { data_source_uuid: String(p.id('ds')), external_id: 'li-fz' }, body: { disabled: true } }),
  'PATCH /v1/line_items/:li/disabled_state': () => ({ body: { disabled: false } }),
  'DELETE /v1/line_items': (p) => ({ query: { data_source_uuid: String(p.id('ds')), external_id: 'li-fz' } }),
  'DELETE /v1/line_items/:li': () => ({}),
  'POST /v1/import/invoices/:inv/transactions': () => ({ body: { type: 'refund', date: '2024-04-20T00:00:00Z', result: 'successful', amount_in_cents: 500, external_id: 'tr-fz' } }),
  'GET /v1/transactions': (p) => ({ query: { data_source_uuid: String(p.id('ds')), external_id: 'tr-fz', with_disabled: 'true', ...page } }),
  'GET /v1/transactions/:tr': () => ({ query: { with_disabled: 'true' } }),
  'PATCH /v1/transactions': (p) => ({ query: { data_source_uuid: String(p.id('ds')), external_id: 'tr-fz' }, body: { amount_in_cents: 400, result: 'failed' } }),
  'PATCH /v1/transactions/:tr': () => ({ body: { type: 'payment', date: '2024-04-21', amount_in_cents: null } }),
  'PATCH /v1/transactions/disabled_state': (p) => ({ query: { data_source_uuid: String(p.id('ds')), external_id: 'tr-fz' }, body: { disabled: true } }),
  'PATCH /v1/transactions/:tr/disabled_state': () => ({ body: { disabled: false } }),
  'DELETE /v1/transactions': (p) => ({ query: { data_source_uuid: String(p.id('ds')), external_id: 'tr-fz' } }),
  'DELETE /v1/transactions/:tr': () => ({}),
  'GET /v1/import/customers/:cus/subscriptions': () => ({ query: page }),
  'PATCH /v1/import/subscriptions/:sub': () => ({ body: { cancellation_dates: ['2024-08-01T00:00:00Z'] } }),
  'GET /v1/customers/:cus/subscriptions': () => ({ query: page }),
  'POST /v1/customers/:cus/connect_subscriptions': (p) => ({ body: { subscriptions: [{ uuid: p.id('sub') }, { uuid: p.id('sub') }] } }),
  'POST /v1/customers/:cus/disconnect_subscriptions': (p) => ({ body: { subscriptions: [{ uuid: p.id('sub') }] } }),
  'POST /v1/subscription_events': (p) => ({ body: eventBody(p) }),
  'GET /v1/subscription_events': (p) => ({
    query: {
      customer_uuid: String(p.id('cus')), data_source_uuid: String(p.id('ds')), customer_external_id: String(p.id('cusExt')),
      subscription_external_id: String(p.id('subExt')), external_id: String(p.id('seExt')), event_type: 'subscription_start',
      plan_external_id: String(p.id('plExt')), ...page,
    },
  }),
  'PATCH /v1/subscription_events': (p) => ({ body: { subscription_event: { id: p.id('se'), effective_date: '2024-03-05', quantity: 2 } } }),
  'PATCH /v1/subscription_events/:id/disabled_state': () => ({ query: { handle_as_user_edit: 'true' }, body: { disabled: true } }),
  'PATCH /v1/subscription_events/disabled_state': (p) => ({
    body: { subscription_event: { data_source_uuid: p.id('ds'), external_id: p.id('seExt') }, disabled: false },
  }),
  'DELETE /v1/subscription_events': (p) => ({
    query: { 'subscription_event[id]': String(p.id('se')) },
    body: { subscription_event: { data_source_uuid: p.id('ds'), external_id: p.id('seExt') } },
  }),
  'GET /v1/metrics/:metric': (p) => ({ query: { ...metricsQuery(), geo: 'US,DE', plans: String(p.id('plExt')), filters: 'region~ANY~US' } }),
  'GET /v1/metrics/retention': (p) => ({ query: { ...metricsQuery(), filters: `plan~ANY~'${p.id('plExt')}'~AND~region~ANY~'US'` } }),
  'GET /v1/metrics/conversion': () => ({ query: { ...metricsQuery(), filters: "tags~ANY~'vip'" } }),
  'GET /v1/metrics/cohorts': () => ({ query: { 'end-date': '2024-12-31', interval: 'quarter', filters: 'custom.seats~GTE~10' } }),
  'GET /v1/activities': (p) => ({
    query: { 'start-date': '2024-01-01', 'end-date': '2024-12-31', type: 'new_biz', order: '-date', plans: String(p.id('plExt')), ...page },
  }),
  'GET /v1/customers/:cus/activities': () => ({
    query: { 'start-date': '2024-01-01', 'end-date': '2024-12-31', type: 'churn', order: 'date', filters: "region~NONE~'FR'", ...page },
  }),
  'POST /v1/activities_export': () => ({ body: { 'start-date': '2024-01-01T00:00:00Z', 'end-date': '2024-12-31', type: 'new_biz' } }),
  'GET /v1/activities_export/:id': () => ({}),
  'GET /exports/activities/:id': () => ({ query: { token: 'fz' } }),
  'POST /sync/:dataset': (p) => ({ body: syncBody(p, 'customers'), query: { source: 'Other', dry_run: 'false' } }),
  'GET /sync/results': (p) => ({ query: { per_page: '3', cursor: Buffer.from('1.0').toString('base64url'), segment: `plan~ANY~'${p.id('plExt')}'` } }),
};
