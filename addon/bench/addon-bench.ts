/**
 * Add-on benchmark: the built add-on (dist/addon/Code.js, as Apps Script runs it) in the Node
 * harness, on a generated company's tabs (see tier-tabs.ts for why a sample of tier M).
 *
 * What is measured, host wall-clock around each Apps Script execution (the fake clock does
 * not move with real time):
 *  - read: startSync, which reads every dataset tab (getDataRange().getValues(), blank rows
 *    skipped, date cells to ISO text) to count the rows;
 *  - Validate: validateSheet (read + shared zod schemas + reference checks + cell marks);
 *  - sync requests: continueSync to the end with UrlFetchApp answering at once, in the realm,
 *    from a stub (no server, no HTTP): the add-on's own cost of reading each tab again,
 *    cutting it into /sync chunks and serialising them into request bodies; the stub's own
 *    time (counting bytes) is subtracted. Its requests give the largest body.
 *  - =MRR over a 10,000-row range of customer IDs (custom-function mode) once local mode
 *    (computeLocally) has filled the result tabs, without and with a date.
 *
 *   node --import tsx addon/bench/addon-bench.ts --dir .bench/M [--as-of 2026-10-31] [--json]
 * `npm run bench` runs this in a child process (api/ never imports addon/) and prints it.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { buildAddonCopy } from '../sidebar-browser/built-addon.ts';
import { loadTierTabs, type LoadedTabs } from './tier-tabs.ts';

const ROOT = join(import.meta.dirname, '..', '..');
export const SERVER_LIMIT_BYTES = 5 * 1024 * 1024;
const MRR_RANGE_ROWS = 10_000;

/** Median of the runs: wall-clock ms and the process's CPU ms. */
export interface Timing {
  ms: number;
  cpuMs: number;
}

export interface AddonFigures {
  tabs: LoadedTabs;
  loadMs: number;
  runs: number;
  read: Timing;
  validate: Timing;
  validateErrors: number;
  syncSend: Timing;
  requests: number;
  syncRequests: number;
  maxRequestBytes: number;
  computeLocallyMs: number;
  mrrRange: { rows: number; p50Ms: number; maxMs: number; unknown: number; mismatches: number };
  mrrRangeAtDate: { rows: number; p50Ms: number; maxMs: number; date: string };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const medianTiming = (ts: Timing[]): Timing => ({ ms: median(ts.map((t) => t.ms)), cpuMs: median(ts.map((t) => t.cpuMs)) });
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Wall-clock ms, and the process's CPU ms (less disturbed by other work on a shared machine). */
function timed<T>(work: () => T): { ms: number; cpuMs: number; value: T } {
  const t = performance.now();
  const c = process.cpuUsage();
  const value = work();
  const cpu = process.cpuUsage(c);
  return { ms: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

/** Never fetched: installStubFetch answers in place of UrlFetchApp. */
const BENCH_API_URL = 'https://mogul.bench.invalid';

const EMPTY_RESULTS = JSON.stringify({
  as_of: '2000-01-01', currency: 'USD', series: [], customers: [], subscriptions: [], movements: [], has_more: false, cursor: null,
});

/** UrlFetchApp answering every request at once (as if the API took no time), counting bodies. */
function installStubFetch(addon: Addon) {
  const requests: { method: string; path: string; bytes: number }[] = [];
  let ownMs = 0;
  const answer = (body: string) => ({
    getResponseCode: () => 200,
    getContentText: () => body,
    getHeaders: () => ({ 'Content-Type': 'application/json' }),
  });
  addon.context.UrlFetchApp = {
    fetch(url: string, params: { method?: string; payload?: unknown } = {}) {
      const t = performance.now();
      const path = new URL(url).pathname;
      const bytes = typeof params.payload === 'string' ? Buffer.byteLength(params.payload, 'utf8') : 0;
      requests.push({ method: (params.method ?? 'get').toLowerCase(), path, bytes });
      const body = path === '/sync/results' ? EMPTY_RESULTS : path.startsWith('/sync/') ? '{"accepted":0,"errors":[]}' : '{}';
      ownMs += performance.now() - t;
      return answer(body);
    },
  };
  return {
    requests,
    takeOwnMs: () => { const ms = ownMs; ownMs = 0; return ms; },
  };
}

type SyncState = { status: string; message?: string };

export function measureAddon(dir: string, asOf: string, options: { runs?: number; bundlePath?: string } = {}): AddonFigures {
  const runs = options.runs ?? 3;
  const addon = loadAddon({
    bundlePath: options.bundlePath,
    now: new Date(`${asOf}T12:00:00Z`),
    // Each execution may run as long as it needs: the fake clock does not move here anyway.
    executionLimitMs: 24 * 3600_000,
  });
  const load = timed(() => loadTierTabs(addon, dir));
  const tabs = load.value;
  addon.call('saveSettings', { apiUrl: BENCH_API_URL, apiKey: 'bench-key' });
  const fetch = installStubFetch(addon);

  // Validate first: the marks it leaves (if any) are the same on every later run.
  const validate: Timing[] = [];
  let validateErrors = 0;
  for (let i = 0; i < runs; i++) {
    gc();
    const t = timed(() => addon.call('validateSheet') as { errors: number });
    validate.push(t);
    validateErrors = t.value.errors;
  }

  const read: Timing[] = [];
  const send: Timing[] = [];
  for (let i = 0; i < runs; i++) {
    fetch.requests.length = 0;
    gc();
    const start = timed(() => addon.call('startSync') as SyncState);
    if (start.value.status !== 'running') throw new Error(`startSync: ${start.value.status} ${start.value.message ?? ''}`);
    fetch.takeOwnMs();
    const rest = timed(() => {
      let state = start.value;
      while (state.status === 'running' || state.status === 'writing results') state = addon.call('continueSync') as SyncState;
      return state;
    });
    if (rest.value.status !== 'done') throw new Error(`sync ended ${rest.value.status}: ${rest.value.message ?? ''}`);
    const stubMs = fetch.takeOwnMs();
    read.push(start);
    send.push({ ms: rest.ms - stubMs, cpuMs: rest.cpuMs - stubMs });
  }
  const syncRequests = fetch.requests.filter((r) => r.method === 'post' && r.path.startsWith('/sync/'));
  const maxRequestBytes = Math.max(0, ...fetch.requests.map((r) => r.bytes));

  gc();
  const local = timed(() => addon.call('computeLocally'));
  const customers = addon.spreadsheet.getSheetByName('Customer Metrics')!;
  const lastRow = Math.min(customers.getLastRow(), MRR_RANGE_ROWS + 1);
  const ids = addon.argOf(`'Customer Metrics'!A2:A${lastRow}`) as unknown[][];
  const expected = customers.getRange(2, 4, lastRow - 1, 1).getValues();

  const mrr: number[] = [];
  let out: unknown[][] = [];
  for (let i = 0; i < 5; i++) {
    const t = timed(() => addon.callCustomFunction('MRR', ids) as unknown[][]);
    mrr.push(t.ms);
    out = t.value;
  }
  const unknown = out.filter((r) => typeof r[0] === 'string' && String(r[0]).startsWith('Unknown customer')).length;
  const mismatches = out.filter((r, i) => r[0] !== expected[i][0]).length;

  // A date before as-of: each customer's MRR is found in its movements.
  const date = `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4)}`;
  const dated: number[] = [];
  for (let i = 0; i < 5; i++) dated.push(timed(() => addon.callCustomFunction('MRR', ids, date)).ms);

  return {
    tabs, loadMs: load.ms, runs,
    read: medianTiming(read), validate: medianTiming(validate), validateErrors, syncSend: medianTiming(send),
    requests: fetch.requests.length, syncRequests: syncRequests.length, maxRequestBytes,
    computeLocallyMs: local.ms,
    mrrRange: { rows: ids.length, p50Ms: median(mrr), maxMs: Math.max(...mrr), unknown, mismatches },
    mrrRangeAtDate: { rows: ids.length, p50Ms: median(dated), maxMs: Math.max(...dated), date },
  };
}

/** Builds the add-on (npm run build:addon) for the stubbed server into a folder of this run's own; returns its Code.js. */
export async function buildBundle(): Promise<string> {
  return join(await buildAddonCopy({ apiUrl: BENCH_API_URL }), 'Code.js');
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** The figures as `npm run bench` prints them. */
export function describeFigures(f: AddonFigures): [string, string][] {
  const rows = f.tabs.rows;
  const perRow = (ms: number) => (1000 * ms) / rows;
  const timing = (t: Timing) => `${fmtMs(t.ms)} (${perRow(t.ms).toFixed(1)} µs/row; CPU ${perRow(t.cpuMs).toFixed(1)})`;
  // Read once, plus what validating and serialising add to it.
  const cost = (k: keyof Timing) => perRow(f.read[k] + Math.max(0, f.validate[k] - f.read[k]) + Math.max(0, f.syncSend[k] - f.read[k]));
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
  return [
    ['tabs', `${int(rows)} rows: ${int(f.tabs.customers)} of ${int(f.tabs.companyCustomers)} customers (${(100 * f.tabs.fraction).toFixed(0)}%), ${int(f.tabs.cells)} cells (Sheets' limit 10,000,000)`],
    ['read every tab (startSync)', timing(f.read)],
    ['Validate (read + checks + marks)', `${timing(f.validate)}, ${int(f.validateErrors)} errors`],
    ['sync bodies (read + chunk + JSON)', `${timing(f.syncSend)}, API time excluded`],
    ['read + validate + serialise', `${cost('ms').toFixed(1)} µs/row (CPU ${cost('cpuMs').toFixed(1)}; target < 20)${cost('ms') < 20 ? '' : ' MISSED'}`],
    ['requests / largest body', `${int(f.syncRequests)} to /sync, largest ${mb(f.maxRequestBytes)} (limit 5 MB)${f.maxRequestBytes <= SERVER_LIMIT_BYTES ? '' : ' OVER'}`],
    ['local mode (computeLocally)', fmtMs(f.computeLocallyMs)],
    [`=MRR over ${int(f.mrrRange.rows)} rows (p50 / max)`, `${fmtMs(f.mrrRange.p50Ms)} / ${fmtMs(f.mrrRange.maxMs)} (target < 200 ms)${f.mrrRange.p50Ms < 200 ? '' : ' MISSED'}${f.mrrRange.mismatches ? `, ${f.mrrRange.mismatches} differ from the tab` : ''}`],
    [`=MRR(range, "${f.mrrRangeAtDate.date}")`, `${fmtMs(f.mrrRangeAtDate.p50Ms)} / ${fmtMs(f.mrrRangeAtDate.maxMs)}`],
  ];
}

async function main() {
  const { values } = parseArgs({
    options: { dir: { type: 'string' }, 'as-of': { type: 'string', default: '2026-10-31' }, json: { type: 'boolean', default: false }, runs: { type: 'string', default: '3' } },
  });
  const dir = values.dir ?? join(ROOT, '.bench', 'M');
  if (!existsSync(join(dir, 'customers.csv'))) throw new Error(`${dir} holds no generated company (npm run generate -- --tier M --out ${dir})`);
  const bundlePath = await buildBundle();
  const figures = measureAddon(dir, values['as-of']!, { runs: Number(values.runs), bundlePath });
  const lines = describeFigures(figures);
  // Apps Script parses the whole bundle at the start of every execution and every custom function call.
  lines.unshift(['Code.js (parsed on every execution)', `${(statSync(bundlePath).size / 1024).toFixed(0)} KB`]);
  if (values.json) console.log(JSON.stringify({ figures, lines }));
  else for (const [label, value] of lines) console.log(`  ${label.padEnd(34)} ${value}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
