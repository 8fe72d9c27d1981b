/**
 * Hostile requests over every route of the app: each is drawn (fast-check, seeded) as an
 * abstract request — a route, choices of IDs, query parameters, a body built from the route's
 * valid template with some values replaced or removed, or junk — and made concrete against the
 * IDs the database holds at the moment it is sent, so one seed replays the same requests.
 *
 * Routes come from the app itself (Hono's `routes`): a new route is fuzzed from the day it is
 * registered (its path IDs guessed from the path, its body generic). TEMPLATES gives each
 * route a valid request to start from, so that the fuzz reaches past validation into the
 * writes (route-templates.test-util.ts); the fuzz test asserts that every registered route
 * has one.
 */
import fc from 'fast-check';
import {
  CURSORS, DATES, hostileText, hostileValue, junkBody, NUL_TEXT, NUMBER_TEXT, ODD_TEXT, RawJson, SURROGATE_TEXT, toJsonText,
} from './hostile-values.test-util.ts';
import { Picker, SYNC_ROWS, syncBody, TEMPLATES, type Kind, type Pool, type Template } from './route-templates.test-util.ts';

export interface Route {
  method: string;
  path: string;
}

export const routeKey = (r: Route) => `${r.method} ${r.path}`;

/** What a path parameter names, from its name and the path segment before it. */
function kindOfParam(path: string, name: string): Kind | 'dataset' | 'metric' | null {
  if (name === 'dataset') return 'dataset';
  if (name === 'metric') return 'metric';
  if (name === 'external_id') return 'invExt';
  if (name === 'into' || name === 'from') return 'con';
  const before = path.split('/').reverse().find((s, i, all) => all[i - 1] === `:${name}`);
  const byCollection: Record<string, Kind> = {
    customers: 'cus', plans: 'pl', data_sources: 'ds', invoices: 'inv', subscriptions: 'sub', contacts: 'con', subscription_events: 'se',
  };
  return (before && byCollection[before]) || null;
}

const DATASETS = [
  'customers', 'contacts', 'plans', 'invoices', 'line_items', 'transactions', 'subscription_events', 'cancellations',
  'manual_subscriptions', 'exchange_rates',
];
const METRICS = ['all', 'mrr', 'arr', 'arpa', 'asp', 'customer-count', 'customer-churn-rate', 'mrr-churn-rate', 'ltv'];

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
