/**
 * Hostile requests over every route of the app: each is drawn (fast-check, seeded) as an
 * abstract request — a route, choices of IDs, query parameters, a body built from the route's
 * valid template with some values replaced or removed, or junk — and made concrete against the
 * IDs the database holds at the moment it is sent, so one seed replays the same requests.
 *
 * Routes come from the app itself (Hono's `routes`): a new route is fuzzed from the day it is
 * registered (its path IDs guessed from the path, its body generic). TEMPLATES gives each
 * route a valid request to start from, so that the fuzz reaches past validation into the
 * writes; the fuzz test asserts that every registered route has one.
 */
import fc from 'fast-check';
import {
  CURSORS, DATES, hostileText, hostileValue, junkBody, NUL_TEXT, NUMBER_TEXT, ODD_TEXT, RawJson, SURROGATE_TEXT, toJsonText,
} from './hostile-values.test-util.ts';

export interface Route {
  method: string;
  path: string;
}

export const routeKey = (r: Route) => `${r.method} ${r.path}`;

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

type Kind = keyof Pool;

/** The value of a kind when the database holds none: well-formed, naming nothing. */
const ABSENT: Record<Kind, string | number> = {
  ds: 'ds_00000000-0000-4000-8000-000000000000', cus: 'cus_00000000-0000-4000-8000-000000000000', cusExt: 'nobody',
  email: 'nobody@example.com', pl: 'pl_00000000-0000-4000-8000-000000000000', plExt: 'no-plan',
  inv: 'inv_00000000-0000-4000-8000-000000000000', invExt: 'no-invoice', sub: 'sub_00000000-0000-4000-8000-000000000000',
  subExt: 'no-sub', subCusExt: 'nobody', subDs: 'ds_00000000-0000-4000-8000-000000000000', con: 'con_00000000-0000-4000-8000-000000000000', se: 1, seExt: 'no-event',
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
    if (sub.length === 0 || n % 16 === 15) return { uuid: ABSENT.sub as string, ext: 'no-sub', cusExt: 'nobody', ds: ABSENT.ds as string };
    const i = n % sub.length;
    return { uuid: sub[i], ext: subExt[i], cusExt: subCusExt[i], ds: subDs[i] };
  }
  any(): string | number {
    return this.id(KINDS[this.draw() % KINDS.length]);
  }
}

/** What a path parameter names, from its name and the path segment before it. */
function kindOfParam(path: string, name: string): Kind | 'dataset' | 'metric' | null {
  if (name === 'dataset') return 'dataset';
  if (name === 'metric') return 'metric';
  if (name === 'external_id') return 'invExt';
  if (name === 'into' || name === 'from') return 'con';
  const before = path.split('/').reverse().find((s, i, all) => all[i - 1] === `:${name}`);
  const byCollection: Record<string, Kind> = {
    customers: 'cus', plans: 'pl', data_sources: 'ds', invoices: 'inv', subscriptions: 'sub', contacts: 'con',
  };
  return (before && byCollection[before]) || null;
}

const DATASETS = [
  'customers', 'contacts', 'plans', 'invoices', 'line_items', 'transactions', 'subscription_events', 'cancellations',
  'manual_subscriptions', 'exchange_rates',
];
const METRICS = ['all', 'mrr', 'arr', 'arpa', 'asp', 'customer-count', 'customer-churn-rate', 'mrr-churn-rate', 'ltv'];

type Template = (p: Picker) => { body?: unknown; query?: Record<string, string> };

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

const syncBody = (p: Picker, dataset: string) => {
  const row = Object.hasOwn(SYNC_ROWS, dataset) ? SYNC_ROWS[dataset] : SYNC_ROWS.customers;
  return { rows: [row(p), row(p)], source: undefined, dry_run: false };
};

/** A valid request of every route, to mutate. */
export const TEMPLATES: Record<string, Template> = {
  'GET /v1/ping': () => ({}),
  'GET /v1/account': () => ({}),
  'PATCH /v1/account': () => ({ body: { settings: { base_currency: 'USD', churn_recognition: 'cancellation', auto_churn: null, sac_window_minutes: 60, transaction_fees: 'ignore' } } }),
  'POST /v1/data_sources': () => ({ body: { name: 'Fuzz source' } }),
  'GET /v1/data_sources': () => ({ query: { name: 'Fuzz source', system: 'Import API', with_processing_status: 'true' } }),
  'GET /v1/data_sources/:ds': () => ({}),
  'DELETE /v1/data_sources/:ds': () => ({}),
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
  'POST /v1/customers/attributes/tags': (p) => ({ body: { email: p.id('email'), tags: ['vip'] } }),
  'POST /v1/customers/attributes/custom': (p) => ({ body: { email: p.id('email'), custom: [{ type: 'Integer', key: 'seats', value: 3 }] } }),
  'GET /v1/customers/:uuid/attributes': () => ({}),
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
  'POST /v1/import/invoices/:inv/transactions': () => ({ body: { type: 'refund', date: '2024-04-20T00:00:00Z', result: 'successful', amount_in_cents: 500, external_id: 'tr-fz' } }),
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
  'DELETE /v1/subscription_events': (p) => ({
    query: { 'subscription_event[id]': String(p.id('se')) },
    body: { subscription_event: { data_source_uuid: p.id('ds'), external_id: p.id('seExt') } },
  }),
  'GET /v1/metrics/:metric': (p) => ({ query: { ...metricsQuery(), geo: 'US,DE', plans: String(p.id('plExt')), filters: 'region~ANY~US' } }),
  'GET /v1/activities': () => ({ query: { 'start-date': '2024-01-01', 'end-date': '2024-12-31', type: 'new_biz', order: '-date', ...page } }),
  'GET /v1/customers/:cus/activities': () => ({ query: { 'start-date': '2024-01-01', 'end-date': '2024-12-31', type: 'churn', order: 'date', ...page } }),
  'POST /sync/:dataset': (p) => ({ body: syncBody(p, 'customers'), query: { source: 'Other', dry_run: 'false' } }),
  'GET /sync/results': () => ({ query: { per_page: '3', cursor: Buffer.from('1.0').toString('base64url') } }),
};

/** Query parameter names any route might be sent (a route reads some, ignores others). */
const QUERY_NAMES = [
  'per_page', 'cursor', 'page', 'start-date', 'end-date', 'interval', 'geo', 'plans', 'filters', 'email', 'external_id',
  'customer_uuid', 'data_source_uuid', 'type', 'order', 'name', 'system', 'status', 'source', 'dry_run', 'first_row',
  'subscription_event[id]', 'subscription_event[external_id]', 'id', 'customer_external_id', 'subscription_external_id',
  'event_type', 'plan_external_id', 'with_processing_status', '', '\u0000', 'a\u0000b',
];

const queryValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.constantFrom('day', 'week', 'month', 'quarter', 'year', 'decade', 'true', 'false', '0', '201', '-5', '1e3', 'US,DE', ',,', 'region~ANY~US', 'plan~EQ~\'x\'', 'bogus~XX~1') },
);

/**
 * A change to the query: most often a new value for one of the parameters the route's
 * template sends (those the route reads), else any name; or one of them left out.
 */
interface QueryChange {
  own: boolean;
  index: number;
  name: string;
  remove: boolean;
  /** A value of the kind the parameter takes, gone wrong (typedValue), rather than `value`. */
  typed: boolean;
  value: string;
}

const queryChange: fc.Arbitrary<QueryChange> = fc.record({
  own: fc.boolean(),
  index: fc.nat(),
  name: fc.constantFrom(...QUERY_NAMES),
  remove: fc.constantFrom(false, false, false, true),
  typed: fc.boolean(),
  value: queryValue,
});

const NASTY_TEXT = [...NUL_TEXT, ...SURROGATE_TEXT, ...ODD_TEXT, 'x'.repeat(300)];
const PAGE_NUMBERS = [...NUMBER_TEXT, '200', '201', '1', ' 1', '0x10'];

/** Values of the parameter's own kind that a careless client gets wrong. */
function typedValue(name: string, n: number): string {
  const pick = (list: readonly string[]) => list[n % list.length];
  if (name === 'cursor') return pick(CURSORS);
  if (name === 'per_page' || name === 'first_row' || name === 'page') return pick(PAGE_NUMBERS);
  if (name.endsWith('-date')) return pick(DATES);
  return pick(NASTY_TEXT);
}

/** A change to a template body: the n-th value (document order) replaced, removed, or a key added beside it. */
interface Mutation {
  at: number;
  op: 'replace' | 'remove' | 'add';
  key: string;
  value: unknown;
}

type BodyChoice =
  | { kind: 'none' }
  | { kind: 'template'; mutations: Mutation[] }
  | { kind: 'csv'; mutations: Mutation[]; firstRow: string | null }
  | { kind: 'junk'; text: string }
  | { kind: 'json'; value: unknown }
  | { kind: 'oversize'; bytes: number }
  | { kind: 'extreme'; rows: number; shift: number };

export interface AbstractRequest {
  /** Index into the sorted routes; -1 for a path no route has. */
  route: number;
  strayPath: string;
  picks: number[];
  /** Per path parameter: a valid ID of what it names (most often), any ID, or hostile text. */
  params: { how: 'valid' | 'any' | 'text'; text: string }[];
  query: QueryChange[];
  body: BodyChoice;
  contentType: string | null;
  dataset: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('replace', 'replace', 'replace', 'remove', 'add'),
  key: fc.oneof(fc.constantFrom('row', 'id', 'uuid', '__proto__', 'constructor', '', '\u0000', '\ud800', 'Name', 'extra'), hostileText),
  value: hostileValue,
});

const bodyChoice: fc.Arbitrary<BodyChoice> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 12, arbitrary: fc.array(mutation, { minLength: 0, maxLength: 3 }).map((mutations) => ({ kind: 'template' as const, mutations })) },
  {
    weight: 2,
    arbitrary: fc.record({ mutations: fc.array(mutation, { maxLength: 3 }), firstRow: fc.option(fc.constantFrom('2', '0', '-1', '2147483647', '2147483648', '1e3', 'x', '3.5')) })
      .map(({ mutations, firstRow }) => ({ kind: 'csv' as const, mutations, firstRow })),
  },
  { weight: 2, arbitrary: junkBody.map((text) => ({ kind: 'junk' as const, text })) },
  { weight: 1, arbitrary: fc.dictionary(hostileText, hostileValue, { maxKeys: 4 }).map((value) => ({ kind: 'json' as const, value })) },
  {
    weight: 2,
    arbitrary: fc.record({ rows: fc.constantFrom(1, 2, 50, 400), shift: fc.nat() }).map((r) => ({ kind: 'extreme' as const, ...r })),
  },
);

/** Bodies over the limits are rare: each is megabytes to send. */
const bodyOrOversize: fc.Arbitrary<BodyChoice> = fc.oneof(
  { weight: 200, arbitrary: bodyChoice },
  { weight: 1, arbitrary: fc.constantFrom(5 * 1024 * 1024 + 10, 6 * 1024 * 1024 + 10).map((bytes) => ({ kind: 'oversize' as const, bytes })) },
);

/** /sync takes every dataset's rows, so it gets as many requests as several routes together. */
const routeWeight = (r: Route) => (r.path === '/sync/:dataset' ? 8 : 1);

export function abstractRequest(routes: readonly Route[]): fc.Arbitrary<AbstractRequest> {
  const total = routes.reduce((n, r) => n + routeWeight(r), 0);
  return fc.record({
    route: fc.oneof(
      ...routes.map((r, i) => ({ weight: routeWeight(r) * 30, arbitrary: fc.constant(i) })),
      { weight: Math.ceil(total / 2), arbitrary: fc.constant(-1) },
    ),
    strayPath: fc.constantFrom('/', '/v1', '/v1/', '/sync', '/v1/customers/', '/v1/nope', '/v2/ping', '/v1/customers/a/b/c', '/v1/%00', '/sync/%ZZ', '//v1//ping', '/v1/ping/../account'),
    picks: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    params: fc.array(
      fc.record({
        how: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'any', 'text', 'text'),
        text: hostileText,
      }),
      { minLength: 3, maxLength: 3 },
    ),
    query: fc.array(queryChange, { maxLength: 3 }),
    body: bodyOrOversize,
    contentType: fc.oneof(
      { weight: 12, arbitrary: fc.constant('application/json') },
      { weight: 1, arbitrary: fc.constantFrom(null, 'text/csv', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'text/csv; charset=utf-16') },
    ),
    dataset: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...DATASETS) }, { weight: 1, arbitrary: hostileText }),
  });
}

export interface ConcreteRequest {
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Every value in a body, in document order, with a way to replace or remove it. */
function slots(root: Record<string, unknown>): { parent: Record<string, unknown> | unknown[]; key: string | number }[] {
  const out: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || v instanceof RawJson) continue;
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [key, child] of entries) out.push({ parent: v as Record<string, unknown>, key });
    for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i][1]);
  }
  return out;
}

/** Valid values at the ends of what is accepted: the largest counts and amounts, the first and last days. */
const EXTREME_NUMBERS = [2_147_483_647, 999_999_999_999_999, -999_999_999_999_999, -2_147_483_647, 1];
const EXTREME_DATES = ['9999-12-31', '0001-01-01', '9999-12-31T23:59:59.999Z', '0001-01-01T00:00:00Z'];
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

/** The template with every number and date at an extreme; external IDs made distinct per copy. */
function extreme(value: unknown, copy: number, shift: number, key = ''): unknown {
  if (typeof value === 'number') return EXTREME_NUMBERS[(copy + shift + key.length) % EXTREME_NUMBERS.length];
  if (typeof value === 'string') {
    if (DATE_LIKE.test(value)) return EXTREME_DATES[(copy + shift + key.length) % EXTREME_DATES.length];
    if (/^(External ID|Subscription external ID|external_id|subscription_external_id)$/.test(key)) return `${value}-x${copy}`;
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => extreme(v, copy, shift, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, extreme(v, copy, shift, k)]));
  }
  return value;
}

/** A copy of a drawn value (RawJson pieces kept), so that no body holds the same object twice. */
function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof RawJson) return value;
  if (Array.isArray(value)) return value.map(copy);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
}

function mutate(body: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
  for (const drawn of mutations) {
    const m = { ...drawn, value: copy(drawn.value) };
    const all = slots(body);
    if (all.length === 0) {
      body[m.key] = m.value;
      continue;
    }
    const { parent, key } = all[m.at % all.length];
    if (m.op === 'replace') (parent as Record<string | number, unknown>)[key] = m.value;
    else if (m.op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
    } else if (Array.isArray(parent)) parent.push(m.value);
    else Object.defineProperty(parent, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
  return body;
}

const csvCell = (v: unknown) => {
  const text = v instanceof RawJson ? v.text : typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

function csvOf(rows: Record<string, unknown>[]): string {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [headers.map(csvCell).join(','), ...rows.map((r) => headers.map((h) => csvCell(r[h])).join(','))].join('\n') + '\n';
}

/**
 * A path segment percent-encoded; a lone surrogate (which encodeURIComponent refuses) is sent
 * as the bytes CESU-8 would give it, which are not UTF-8.
 */
function encodeSegment(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) {
      out += [0xed, 0xa0 | ((c >> 6) & 0x0f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

/** The request as sent, against what the database holds now. */
export function concreteRequest(routes: readonly Route[], a: AbstractRequest, pool: Pool): ConcreteRequest {
  const p = new Picker(pool, a.picks);
  if (a.route < 0) return { route: 'stray path', method: 'GET', path: a.strayPath, headers: {} };
  const route = routes[a.route];
  const key = routeKey(route);
  const template = (Object.hasOwn(TEMPLATES, key) ? TEMPLATES[key] : (): ReturnType<Template> => ({}))(p);

  let paramIndex = 0;
  const path = route.path.replace(/:([A-Za-z_]+)/g, (_m, name: string) => {
    const choice = a.params[paramIndex++ % a.params.length];
    const kind = kindOfParam(route.path, name);
    // A dataset or metric name is wrong in a ninth of the requests (a.dataset), not a third.
    if (kind === 'dataset') return encodeSegment(a.dataset);
    if (kind === 'metric') return choice.how === 'text' && a.picks[1] % 3 === 0 ? encodeSegment(choice.text) : METRICS[a.picks[0] % METRICS.length];
    if (choice.how === 'text') return encodeSegment(choice.text);
    if (choice.how === 'any' || kind === null) return encodeSegment(String(p.any()));
    return encodeSegment(String(p.id(kind)));
  });

  const query = new URLSearchParams(template.query ?? {});
  const own = Object.keys(template.query ?? {});
  for (const change of a.query) {
    const name = change.own && own.length > 0 ? own[change.index % own.length] : change.name;
    if (change.remove) query.delete(name);
    else query.set(name, change.typed ? typedValue(name, change.index) : change.value);
  }
  const search = query.toString();
  const headers: Record<string, string> = a.contentType === null ? {} : { 'content-type': a.contentType };
  const out: ConcreteRequest = { route: key, method: route.method, path: search ? `${path}?${search}` : path, headers };

  const syncDataset = route.path.startsWith('/sync/:') ? a.dataset : 'customers';
  const base = () => (route.path.startsWith('/sync/:') ? syncBody(p, syncDataset) : template.body) as Record<string, unknown> | undefined;
  const b = a.body;
  if (b.kind === 'template') {
    const body = base();
    if (body !== undefined || b.mutations.length > 0) out.body = toJsonText(mutate(body ?? {}, b.mutations));
  } else if (b.kind === 'csv') {
    const rows = (base()?.rows as Record<string, unknown>[] | undefined) ?? [SYNC_ROWS.customers(p)];
    const mutated = mutate({ rows }, b.mutations).rows;
    const list = Array.isArray(mutated) ? mutated.filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object' && !Array.isArray(r)) : [];
    out.body = csvOf(list.length > 0 ? list : [SYNC_ROWS.plans(p)]);
    out.headers['content-type'] = 'text/csv';
    if (b.firstRow !== null) query.set('first_row', b.firstRow);
    out.path = `${path}?${query.toString()}`;
  } else if (b.kind === 'extreme') {
    if (route.path.startsWith('/sync/:')) {
      const row = Object.hasOwn(SYNC_ROWS, syncDataset) ? SYNC_ROWS[syncDataset] : SYNC_ROWS.customers;
      const first = row(p);
      out.body = toJsonText({ rows: Array.from({ length: b.rows }, (_, i) => extreme(first, i, b.shift)) });
    } else if (template.body !== undefined) out.body = toJsonText(extreme(template.body, 0, b.shift));
  } else if (b.kind === 'junk') out.body = b.text;
  else if (b.kind === 'json') out.body = toJsonText(b.value);
  else if (b.kind === 'oversize') out.body = `{"rows":[{"Name":"${'x'.repeat(b.bytes)}"}]}`;
  return out;
}
