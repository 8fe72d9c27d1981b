/**
 * The fixture step of a replay: objects a recording uses but did not create (they existed in
 * ChartMogul's test account before it) are made first in our account, through our own /v1
 * API, with the external IDs and fields the recording shows; their recorded IDs are then
 * mapped to ours.
 *
 * What counts as made by the recording: an ID whose first appearance is in the body of a 201.
 * Every other ID the recording shows (in a path, a request body or a response) is seeded:
 * data sources, customers, plans, invoices (with their line items and transactions),
 * subscriptions (as a subscription invoice when no seeded invoice carries them), contacts,
 * subscription events; and for the metrics API, a customer's subscriptions and activities
 * as recorded become invoices (and cancellations) that produce them.
 *
 * Facts are read from the recording's 2xx response objects (first sighting wins); an object
 * the recording never describes gets defaults. A customer whose data source is not shown
 * goes into the data source its subscriptions, contacts or path name, else the recording's
 * only data source, else a default one.
 */
import type { TestServer } from '../../testing/server.test-util.ts';
import type { Cassette } from './cassettes.test-util.ts';
import { ANY_ID, type IdMap, isId, isPrefixedId } from './ids.test-util.ts';

type Facts = Record<string, unknown>;
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function merge(map: Map<string, Facts>, id: string, facts: Facts): void {
  const current = map.get(id) ?? {};
  for (const [k, v] of Object.entries(facts)) if (v !== undefined && current[k] === undefined) current[k] = v;
  map.set(id, current);
}

/** Drops null, undefined and '' values (defaults of ours then apply). */
function clean(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== ''));
}

const CUSTOMER_FIELDS = ['external_id', 'name', 'email', 'company', 'country', 'state', 'city', 'zip', 'lead_created_at', 'free_trial_started_at'];
const CONTACT_FIELDS = ['external_id', 'email', 'first_name', 'last_name', 'title', 'phone', 'linked_in', 'twitter', 'notes', 'position'];
const LINE_FIELDS = [
  'type', 'external_id', 'subscription_external_id', 'subscription_set_external_id', 'service_period_start', 'service_period_end',
  'amount_in_cents', 'quantity', 'prorated', 'discount_code', 'discount_amount_in_cents', 'tax_amount_in_cents', 'description',
];
const TRANSACTION_FIELDS = ['type', 'date', 'result', 'external_id', 'amount_in_cents'];
const EVENT_FIELDS = [
  'customer_external_id', 'subscription_external_id', 'subscription_set_external_id', 'plan_external_id', 'event_date',
  'effective_date', 'event_type', 'external_id', 'quantity', 'currency', 'amount_in_cents', 'tax_amount_in_cents',
];

const pick = (o: Json, fields: string[]): Json => clean(Object.fromEntries(fields.map((f) => [f, o[f]])));

function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString();
}

/** A custom attribute as a create takes it, its type read off the value. */
function typedAttribute(key: string, value: unknown): Json {
  if (typeof value === 'boolean') return { type: 'Boolean', key, value };
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'Integer' : 'Decimal', key, value };
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return { type: 'Timestamp', key, value };
  return { type: 'String', key, value: value === null || value === undefined ? 'replay' : String(value) };
}

const MONTHS: Record<string, number> = { day: 1 / 30, week: 7 / 30, month: 1, quarter: 3, year: 12 };

/** What a recording shows of the objects it did not create. */
export class World {
  readonly created = new Set<string>();
  readonly createdEvents = new Set<number>();
  readonly dataSources = new Map<string, Facts>();
  readonly customers = new Map<string, Facts>();
  readonly plans = new Map<string, Facts>();
  readonly invoices = new Map<string, Facts>();
  readonly subscriptions = new Map<string, Facts>();
  readonly contacts = new Map<string, Facts>();
  readonly events = new Map<number, Facts>();
  /** Currencies of the invoices the recording imports itself. */
  readonly requestCurrencies = new Set<string>();
  /** Metrics API customer subscriptions and activities by recorded customer ID. */
  readonly customerSubscriptions = new Map<string, Json[]>();
  readonly activities = new Map<string, Json[]>();
  /** Tags and custom attributes each customer is shown with. */
  readonly tags = new Map<string, Set<string>>();
  readonly custom = new Map<string, Json>();
  /** Tags and custom keys the recording's own requests add (not there before) or remove (there before). */
  readonly addedTags = new Set<string>();
  readonly removedTags = new Set<string>();
  readonly addedCustom = new Set<string>();
  readonly removedCustom = new Set<string>();

  constructor(cassette: Cassette) {
    const seen = new Set<string>();
    const seenEvents = new Set<number>();
    for (const i of cassette.interactions) {
      for (const id of `${i.path} ${i.body}`.match(ANY_ID) ?? []) seen.add(id);
      for (const id of i.response.match(ANY_ID) ?? []) {
        if (!seen.has(id) && i.status === 201) this.created.add(id);
        seen.add(id);
      }
      const body = parseJson(i.response);
      if (i.status === 201 && isObject(body) && typeof body.id === 'number' && 'event_type' in body && !seenEvents.has(body.id)) {
        this.createdEvents.add(body.id);
      }
      this.collectEventIds(body, seenEvents);
    }
    for (const i of cassette.interactions) {
      this.observe(i);
      for (const m of i.body.matchAll(/"currency":"([A-Z]{3})"/g)) this.requestCurrencies.add(m[1]);
    }
    for (const id of seen) this.register(id);
    this.bindEventCustomers(cassette);
  }

  private collectEventIds(value: unknown, into: Set<number>): void {
    if (Array.isArray(value)) value.forEach((v) => this.collectEventIds(v, into));
    else if (isObject(value)) {
      if (typeof value.id === 'number' && 'event_type' in value) into.add(value.id);
      Object.values(value).forEach((v) => this.collectEventIds(v, into));
    }
  }

  /** An ID seen anywhere: known to exist even when nothing describes it. */
  private register(id: string): void {
    if (this.created.has(id) || !isPrefixedId(id)) return;
    const prefix = id.slice(0, id.indexOf('_'));
    const map = { ds: this.dataSources, cus: this.customers, pl: this.plans, inv: this.invoices, con: this.contacts }[prefix];
    if (map) merge(map, id, {});
    // sub_ IDs come with the invoices that carry them (or with their facts); li_ and tr_ with their invoices.
  }

  private attributes(customer: string, tags: unknown, custom: unknown): void {
    if (this.created.has(customer)) return;
    if (Array.isArray(tags)) {
      const set = this.tags.get(customer) ?? new Set<string>();
      for (const t of tags) if (typeof t === 'string') set.add(t);
      this.tags.set(customer, set);
    }
    if (isObject(custom)) this.custom.set(customer, { ...custom, ...(this.custom.get(customer) ?? {}) });
  }

  private observe(i: Cassette['interactions'][number]): void {
    const path = new URL(i.path, 'http://x').pathname;
    const attributesPath = /^\/v1\/customers\/(?:([^/]+)\/)?attributes(?:\/(tags|custom))?$/.exec(path);
    const sent = parseJson(i.body);
    if (attributesPath && isObject(sent)) {
      const names = (v: unknown) => (Array.isArray(v) ? v.map((x) => (isObject(x) ? String(x.key) : String(x))) : []);
      if (attributesPath[2] === 'tags') for (const t of names(sent.tags)) (i.method === 'DELETE' ? this.removedTags : this.addedTags).add(t);
      if (attributesPath[2] === 'custom' && i.method !== 'PUT') for (const k of names(sent.custom)) (i.method === 'DELETE' ? this.removedCustom : this.addedCustom).add(k);
    }
    if (attributesPath?.[1] && i.status >= 200 && i.status < 300) {
      const answer = parseJson(i.response);
      if (isObject(answer)) this.attributes(attributesPath[1], answer.tags, answer.custom);
    }
    const dsCustomer = /\/data_sources\/([^/]+)\/customers\/([^/]+)/.exec(path);
    if (dsCustomer && !this.created.has(dsCustomer[2])) merge(this.customers, dsCustomer[2], { ds: dsCustomer[1] });
    if (i.method === 'POST' && path === '/v1/contacts' && isObject(sent) && isPrefixedId(sent.customer_uuid) && isPrefixedId(sent.data_source_uuid)) {
      merge(this.customers, sent.customer_uuid, { ds: sent.data_source_uuid });
    }
    if (i.status < 200 || i.status >= 300) return;
    const body = parseJson(i.response);
    const perCustomer = /^\/v1\/customers\/([^/]+)\/(activities|subscriptions)$/.exec(path);
    if (perCustomer && isObject(body) && Array.isArray(body.entries) && !this.created.has(perCustomer[1])) {
      const map = perCustomer[2] === 'activities' ? this.activities : this.customerSubscriptions;
      const list = map.get(perCustomer[1]) ?? [];
      for (const e of body.entries as Json[]) {
        const key = perCustomer[2] === 'activities' ? (e.id ?? e.uuid) : e.external_id;
        if (!list.some((x) => (perCustomer[2] === 'activities' ? (x.id ?? x.uuid) : x.external_id) === key)) list.push(e);
      }
      map.set(perCustomer[1], list);
      return;
    }
    if (path === '/v1/activities' && isObject(body) && Array.isArray(body.entries)) {
      for (const e of body.entries as Json[]) {
        const customer = str(e['customer-uuid']);
        if (!customer || this.created.has(customer)) continue;
        merge(this.customers, customer, { external_id: str(e['customer-external-id']), name: str(e['customer-name']), ds: str(e['billing-connector-uuid']) });
        const list = this.activities.get(customer) ?? [];
        if (!list.some((x) => x.uuid === e.uuid)) list.push(e);
        this.activities.set(customer, list);
      }
      return;
    }
    this.walk(body, undefined);
  }

  private walk(value: unknown, customer: string | undefined): void {
    if (Array.isArray(value)) {
      value.forEach((v) => this.walk(v, customer));
      return;
    }
    if (!isObject(value)) return;
    const o = value;
    const owner = isPrefixedId(o.customer_uuid) ? o.customer_uuid : customer;
    const uuid = isPrefixedId(o.uuid) && !this.created.has(o.uuid) ? o.uuid : undefined;
    const prefix = uuid?.slice(0, uuid.indexOf('_'));
    if (uuid && prefix === 'ds') merge(this.dataSources, uuid, { name: str(o.name) });
    if (uuid && prefix === 'cus') {
      merge(this.customers, uuid, { ...pick(o, CUSTOMER_FIELDS), ds: str(o.data_source_uuid) });
      if (isObject(o.attributes)) this.attributes(uuid, o.attributes.tags, o.attributes.custom);
    }
    if (uuid && prefix === 'pl') merge(this.plans, uuid, { ...pick(o, ['external_id', 'name', 'interval_count', 'interval_unit']), ds: str(o.data_source_uuid) });
    if (uuid && prefix === 'inv') {
      merge(this.invoices, uuid, { ...pick(o, ['external_id', 'date', 'due_date', 'currency']), customer: owner, recorded: o });
      for (const line of (o.line_items as Json[] | undefined) ?? []) {
        if (isPrefixedId(line.subscription_uuid) && !this.created.has(line.subscription_uuid)) {
          merge(this.subscriptions, line.subscription_uuid, {
            external_id: str(line.subscription_external_id), plan: str(line.plan_uuid), customer: owner,
          });
        }
      }
    }
    if (uuid && prefix === 'sub') {
      merge(this.subscriptions, uuid, {
        external_id: str(o.external_id), plan: str(o.plan_uuid), ds: str(o.data_source_uuid), customer: owner,
        set: str(o.subscription_set_external_id), cancellation_dates: Array.isArray(o.cancellation_dates) && o.cancellation_dates.length > 0 ? o.cancellation_dates : undefined,
      });
    }
    if (uuid && prefix === 'con') {
      merge(this.contacts, uuid, { ...pick(o, CONTACT_FIELDS), customer: str(o.customer_uuid), customer_external_id: str(o.customer_external_id), ds: str(o.data_source_uuid) });
    }
    if (isPrefixedId(o.customer_uuid) && !this.created.has(o.customer_uuid) && str(o.customer_external_id) && isPrefixedId(o.data_source_uuid)) {
      merge(this.customers, o.customer_uuid, { external_id: str(o.customer_external_id), ds: o.data_source_uuid });
    }
    if (typeof o.id === 'number' && 'event_type' in o && !this.createdEvents.has(o.id) && !this.events.has(o.id)) {
      this.events.set(o.id, { ...pick(o, EVENT_FIELDS), ds: str(o.data_source_uuid) });
    }
    for (const v of Object.values(o)) this.walk(v, owner);
  }

  /**
   * A subscription events list filtered by a customer the recording never describes shows
   * that customer's events: it is the customer those events name.
   */
  private bindEventCustomers(cassette: Cassette): void {
    for (const i of cassette.interactions) {
      const url = new URL(i.path, 'http://x');
      const customer = url.searchParams.get('customer_uuid');
      if (url.pathname !== '/v1/subscription_events' || !customer || !this.customers.has(customer)) continue;
      if (this.customers.get(customer)!.external_id) continue;
      const body = parseJson(i.response);
      const events = isObject(body) && Array.isArray(body.subscription_events) ? (body.subscription_events as Json[]) : [];
      const owners = new Set(events.map((e) => `${e.data_source_uuid}\n${e.customer_external_id}`));
      if (owners.size !== 1) continue;
      const [ds, externalId] = [...owners][0].split('\n');
      this.customers.set(customer, { ...this.customers.get(customer), ds, external_id: externalId });
    }
  }
}

/** Creates a recording's world in our account and maps its IDs; throws naming the request that failed. */
export async function seedWorld(world: World, server: TestServer, key: string, ids: IdMap): Promise<void> {
  const call = async (method: string, path: string, body: unknown, expected: number): Promise<any> => {
    const r = await server.call(method, path, body, key);
    if (r.status !== expected) throw new Error(`fixture step: ${method} ${path} ${JSON.stringify(body)} → ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  };
  const dsDone = new Map<string, string>();
  const ourPlans = new Map<string, string>(); // `${our ds} ${external id}` → our plan uuid
  const ourCustomers = new Map<string, string>(); // `${our ds} ${external id}` → our customer uuid
  let counter = 0;
  const next = (what: string) => `replay-${what}-${++counter}`;

  // Data sources: the recorded ones, and one default for what shows none.
  const allDs = [...world.dataSources.keys()];
  const sole = allDs.length === 1 ? allDs[0] : undefined;
  const dataSource = async (recorded: string | undefined): Promise<string> => {
    const key = recorded ?? '(default)';
    if (dsDone.has(key)) return dsDone.get(key)!;
    const name = (recorded && str(world.dataSources.get(recorded)?.name)) ?? (recorded ? `Replay ${recorded.slice(3, 11)}` : 'Replay fixtures');
    const uuid = (await call('POST', '/v1/data_sources', { name }, 201)).uuid as string;
    dsDone.set(key, uuid);
    if (recorded) ids.set(recorded, uuid);
    return uuid;
  };
  for (const id of allDs) await dataSource(id);

  // Customers' data sources, as far as the recording tells.
  const customerDs = (id: string): string | undefined => {
    const f = world.customers.get(id) ?? {};
    if (str(f.ds)) return f.ds as string;
    for (const s of world.subscriptions.values()) if (s.customer === id && str(s.ds)) return s.ds as string;
    for (const c of world.contacts.values()) if (c.customer === id && str(c.ds)) return c.ds as string;
    return sole;
  };
  const customer = async (id: string): Promise<string> => {
    const mapped = ids.get(id);
    if (mapped) return mapped;
    const f = world.customers.get(id) ?? {};
    const ds = await dataSource(customerDs(id));
    const externalId = str(f.external_id) ?? `replay-${id.slice(4, 12)}`;
    const existing = ourCustomers.get(`${ds} ${externalId}`);
    if (existing) {
      ids.set(id, existing);
      return existing;
    }
    const body = clean({ ...pick(f as Json, CUSTOMER_FIELDS), external_id: externalId, data_source_uuid: ds });
    if (!body.name) body.name = `Replay customer ${externalId}`;
    // Attributes as shown, without what the recording's requests add, with what they remove.
    const tags = [...(world.tags.get(id) ?? []), ...world.removedTags].filter((t) => !world.addedTags.has(t));
    const custom = { ...Object.fromEntries([...world.removedCustom].map((k) => [k, 'replay'])), ...(world.custom.get(id) ?? {}) };
    const typed = Object.entries(custom).filter(([k]) => !world.addedCustom.has(k)).map(([k, v]) => typedAttribute(k, v));
    if (tags.length > 0 || typed.length > 0) body.attributes = { tags: [...new Set(tags)], custom: typed };
    const uuid = (await call('POST', '/v1/customers', body, 201)).uuid as string;
    ids.set(id, uuid);
    ourCustomers.set(`${ds} ${externalId}`, uuid);
    return uuid;
  };
  /** A customer by data source and external ID (recorded IDs), made when the recording has none. */
  const customerByExternalId = async (recordedDs: string | undefined, externalId: string): Promise<string> => {
    for (const [id, f] of world.customers) if (f.external_id === externalId && customerDs(id) === recordedDs) return customer(id);
    const ds = await dataSource(recordedDs);
    const existing = ourCustomers.get(`${ds} ${externalId}`);
    if (existing) return existing;
    const uuid = (await call('POST', '/v1/customers', { data_source_uuid: ds, external_id: externalId, name: `Replay customer ${externalId}` }, 201)).uuid as string;
    ourCustomers.set(`${ds} ${externalId}`, uuid);
    return uuid;
  };
  let defaultCustomer: string | undefined;
  const anyCustomer = async () => {
    defaultCustomer ??= (await call('POST', '/v1/customers', { data_source_uuid: await dataSource(sole), external_id: next('customer'), name: 'Replay customer' }, 201)).uuid as string;
    return defaultCustomer;
  };
  const customerOf = (ourCustomer: string) => call('GET', `/v1/customers/${ourCustomer}`, undefined, 200) as Promise<Json>;

  // Plans: in their own data source, else their users' customer's, else the only or default one.
  const planUsers = (plan: string): string | undefined => {
    for (const s of world.subscriptions.values()) if (s.plan === plan && str(s.customer)) return s.customer as string;
    for (const inv of world.invoices.values()) {
      const lines = ((inv.recorded as Json | undefined)?.line_items as Json[] | undefined) ?? [];
      if (lines.some((l) => l.plan_uuid === plan) && str(inv.customer)) return inv.customer as string;
    }
    return undefined;
  };
  const plan = async (id: string): Promise<string> => {
    const mapped = ids.get(id);
    if (mapped) return mapped;
    const f = world.plans.get(id) ?? {};
    const user = planUsers(id);
    const ds = await dataSource(str(f.ds) ?? (user ? customerDs(user) : sole));
    const body = clean({
      name: str(f.name) ?? `Replay plan ${id.slice(3, 11)}`, interval_count: f.interval_count ?? 1, interval_unit: f.interval_unit ?? 'month',
      external_id: str(f.external_id) ?? `replay-${id.slice(3, 11)}`, data_source_uuid: ds,
    });
    const uuid = (await call('POST', '/v1/plans', body, 201)).uuid as string;
    ids.set(id, uuid);
    // A plan made without external ID has a UUID as one; ours keeps the recorded one.
    if (isId(body.external_id)) ids.set(body.external_id, body.external_id);
    ourPlans.set(`${ds} ${body.external_id}`, uuid);
    return uuid;
  };
  /** A plan by our data source and external ID, made when missing. */
  const planByExternalId = async (ds: string, externalId: string, fields: Json = {}): Promise<string> => {
    const have = ourPlans.get(`${ds} ${externalId}`);
    if (have) return have;
    const body = { name: `Replay plan ${externalId}`, interval_count: 1, interval_unit: 'month', ...clean(fields), external_id: externalId, data_source_uuid: ds };
    const uuid = (await call('POST', '/v1/plans', body, 201)).uuid as string;
    ourPlans.set(`${ds} ${externalId}`, uuid);
    return uuid;
  };

  for (const id of world.plans.keys()) await plan(id);
  for (const id of world.customers.keys()) await customer(id);

  // Contacts.
  for (const [id, f] of world.contacts) {
    const owner = str(f.customer) ? await customer(f.customer as string)
      : str(f.customer_external_id) ? await customerByExternalId(str(f.ds) ?? sole, f.customer_external_id as string)
      : await anyCustomer();
    const body = clean({ ...pick(f as Json, CONTACT_FIELDS), customer_uuid: owner });
    if (!body.email) body.email = `${next('contact')}@example.com`;
    const json = await call('POST', '/v1/contacts', body, 201);
    ids.set(id, json.uuid);
  }

  // Invoices, per customer, as recorded (line items keep their subscriptions and plans).
  // Invoices in a currency other than the account's need an exchange rate (DATA.md): one at
  // par is loaded through /sync, which the /v1 API has no endpoint for.
  const base = (await call('GET', '/v1/account', undefined, 200)).currency as string;
  const rated = new Set<string>([base]);
  const rate = async (currency: unknown) => {
    if (typeof currency !== 'string' || rated.has(currency)) return;
    rated.add(currency);
    const r = await server.call('POST', '/sync/exchange_rates', { rows: [{ Date: '1990-01-01', Currency: currency, Rate: 1 }] }, key);
    if (r.status !== 200 || r.json.errors?.length) throw new Error(`fixture step: exchange rate for ${currency} → ${r.status} ${JSON.stringify(r.json)}`);
  };
  for (const i of world.requestCurrencies) await rate(i);
  const invoiceSubscriptions = new Set<string>();
  const importInvoices = async (owner: string, invoices: { recorded?: Json; body: Json }[]) => {
    for (const i of invoices) await rate(i.body.currency);
    const json = await call('POST', `/v1/import/customers/${owner}/invoices`, { invoices: invoices.map((i) => i.body) }, 201);
    for (const i of invoices) {
      const ours = (json.invoices as Json[]).find((o) => o.external_id === i.body.external_id);
      if (i.recorded && ours) ids.learn(i.recorded, ours);
    }
  };
  const byCustomer = new Map<string, { recorded?: Json; body: Json }[]>();
  // One currency per subscription (ours refuses a subscription billed in two; ChartMogul's
  // test account has one): a later invoice of it takes the first one's currency.
  const subscriptionCurrency = new Map<string, unknown>();
  for (const [id, f] of world.invoices) {
    const recorded = (f.recorded as Json | undefined) ?? { uuid: id };
    const owner = str(f.customer) ? await customer(f.customer as string) : await anyCustomer();
    const lines: Json[] = [];
    for (const l of (recorded.line_items as Json[] | undefined) ?? []) {
      const line = pick(l, LINE_FIELDS);
      if (isPrefixedId(l.plan_uuid)) line.plan_uuid = await plan(l.plan_uuid);
      if (str(l.subscription_external_id)) invoiceSubscriptions.add(`${owner} ${l.subscription_external_id}`);
      lines.push(line);
    }
    const body = clean({
      ...pick(recorded, ['external_id', 'date', 'due_date', 'currency']),
      line_items: lines.length > 0 ? lines : [{ type: 'one_time', amount_in_cents: 1000 }],
      transactions: ((recorded.transactions as Json[] | undefined) ?? []).map((t) => pick(t, TRANSACTION_FIELDS)),
    });
    body.external_id ??= next('invoice');
    body.date ??= '2016-01-01T12:00:00.000Z';
    body.currency ??= 'USD';
    for (const l of lines) {
      if (!str(l.subscription_external_id)) continue;
      const k = `${owner} ${l.subscription_external_id}`;
      if (subscriptionCurrency.has(k)) body.currency = subscriptionCurrency.get(k);
      else subscriptionCurrency.set(k, body.currency);
    }
    byCustomer.set(owner, [...(byCustomer.get(owner) ?? []), { recorded, body }]);
  }
  for (const [owner, invoices] of byCustomer) await importInvoices(owner, invoices);

  // Subscriptions no seeded invoice carries: one monthly subscription invoice each.
  const subsByCustomer = new Map<string, [string, Facts][]>();
  for (const [id, f] of world.subscriptions) {
    if (ids.get(id)) continue;
    const owner = str(f.customer) ? await customer(f.customer as string) : await anyCustomer();
    const externalId = str(f.external_id) ?? `replay-${id.slice(4, 12)}`;
    if (invoiceSubscriptions.has(`${owner} ${externalId}`)) continue;
    subsByCustomer.set(owner, [...(subsByCustomer.get(owner) ?? []), [id, { ...f, external_id: externalId }]]);
  }
  for (const [owner, subs] of subsByCustomer) {
    const ds = (await customerOf(owner)).data_source_uuid as string;
    const invoices: { body: Json }[] = [];
    for (const [, f] of subs) {
      const planUuid = str(f.plan) ? await plan(f.plan as string) : await planByExternalId(ds, 'replay-plan');
      // Starts before its first recorded cancellation, if any.
      const cancelled = ((f.cancellation_dates as string[] | undefined) ?? []).map((d) => new Date(d).toISOString()).sort();
      const start = cancelled.length > 0 && cancelled[0] < '2016-01-01' ? addMonths(cancelled[0], -1) : '2016-01-01T12:00:00.000Z';
      invoices.push({
        body: {
          external_id: next('invoice'), date: start, currency: 'USD',
          line_items: [clean({
            type: 'subscription', subscription_external_id: f.external_id, subscription_set_external_id: f.set, plan_uuid: planUuid,
            service_period_start: start, service_period_end: addMonths(start, 1), amount_in_cents: 1000,
          })],
        },
      });
    }
    await importInvoices(owner, invoices);
    const list = await call('GET', `/v1/import/customers/${owner}/subscriptions`, undefined, 200);
    for (const [id, f] of subs) {
      const ours = (list.subscriptions as Json[]).find((s) => s.external_id === f.external_id);
      if (!ours) continue;
      ids.set(id, ours.uuid as string);
      if (f.cancellation_dates) await call('PATCH', `/v1/import/subscriptions/${ours.uuid}`, { cancellation_dates: f.cancellation_dates }, 202);
    }
  }

  // Metrics API: a customer's subscriptions (plan, cycle, dates, MRR) and activities.
  for (const [id, entries] of world.customerSubscriptions) {
    const owner = await customer(id);
    const ds = (await customerOf(owner)).data_source_uuid as string;
    const invoices: { body: Json }[] = [];
    for (const e of entries) {
      const unit = str(e['billing-cycle']) ?? 'month';
      const count = Number(e['billing-cycle-count'] ?? 1);
      const planUuid = await planByExternalId(ds, `replay-${str(e.plan) ?? 'plan'}-${count}-${unit}`, { name: str(e.plan), interval_count: count, interval_unit: unit });
      const start = new Date(String(e['start-date'])).toISOString();
      const months = count * (MONTHS[unit] ?? 1);
      const active = e.status === 'active';
      const end = active && str(e['end-date']) ? new Date(String(e['end-date'])).toISOString() : addMonths(start, Math.max(1, Math.round(months)));
      invoices.push({
        body: {
          external_id: next('invoice'), date: start, currency: str(e.currency) ?? 'USD',
          line_items: [clean({
            type: 'subscription', subscription_external_id: e.external_id,
            subscription_set_external_id: e.subscription_set_external_id !== e.external_id ? e.subscription_set_external_id : undefined,
            plan_uuid: planUuid, service_period_start: start, service_period_end: end, quantity: e.quantity,
            amount_in_cents: Math.max(0, Math.round(Number(e.mrr ?? 1000) * months)),
            cancelled_at: active ? undefined : new Date(String(e['end-date'])).toISOString(),
          })],
        },
      });
    }
    await importInvoices(owner, invoices);
  }
  for (const [id, entries] of world.activities) {
    const owner = await customer(id);
    const ds = (await customerOf(owner)).data_source_uuid as string;
    const sorted = [...entries].sort((a, b) => String(a.date).localeCompare(String(b.date)));
    const mrr = new Map<string, number>();
    const invoices: { body: Json }[] = [];
    for (const e of sorted) {
      const sub = str(e['subscription-external-id']) ?? 'replay-subscription';
      const date = new Date(String(e.date)).toISOString();
      if (e.type === 'churn') {
        const last = [...invoices].reverse().find((i) => (i.body.line_items as Json[])[0].subscription_external_id === sub);
        if (last) (last.body.line_items as Json[])[0].cancelled_at = date;
        continue;
      }
      const amount = (mrr.get(sub) ?? 0) + Number(e['activity-mrr-movement'] ?? 1000);
      mrr.set(sub, amount);
      const planUuid = await planByExternalId(ds, str(e['plan-external-id']) ?? 'replay-plan');
      invoices.push({
        body: {
          external_id: next('invoice'), date, currency: str(e.currency) ?? 'USD',
          line_items: [{
            type: 'subscription', subscription_external_id: sub, plan_uuid: planUuid, service_period_start: date,
            service_period_end: addMonths(date, 1), amount_in_cents: Math.max(1, amount),
          }],
        },
      });
    }
    if (invoices.length > 0) await importInvoices(owner, invoices);
  }

  // Subscription events listed but not created by the recording.
  for (const [id, f] of world.events) {
    const ds = await dataSource(str(f.ds) ?? sole);
    const event = pick(f as Json, EVENT_FIELDS);
    if (str(event.customer_external_id)) await customerByExternalId(str(f.ds) ?? sole, event.customer_external_id as string);
    if (str(event.plan_external_id)) await planByExternalId(ds, event.plan_external_id as string);
    const json = await call('POST', '/v1/subscription_events', { subscription_event: { ...event, data_source_uuid: ds } }, 201);
    if (typeof json.id === 'number') ids.numbers.set(id, json.id);
  }
}
