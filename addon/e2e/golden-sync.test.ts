// Golden cases typed into the sheet, synced through the real API by the built bundle: the
// result tabs and the custom functions must agree with `mogul report` on the same folder.
// The API is the Node server, and (where PostgreSQL is: CI=true or DATABASE_URL) the
// Cloudflare Worker in workerd on Neon's driver.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../shared/index.ts';
import { buildAddon } from '../build.mjs';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { serverTests } from '../../api/testing/databases.test-util.ts';
import { startApiServer, type ApiServer } from './api-server.test-util.ts';
import { startWorkerApiServer } from './worker-server.test-util.ts';
import { expectedProfile, readCustomerTab } from './profile.test-util.ts';
import {
  actualCohorts, actualTabs, expectedCohorts, expectedTabs, fillFromFolder, GOLDEN_DIR, goldenAsOf, goldenSegment, plainTable,
  reportOf, syncToApi, typeRows,
} from './sheet.test-util.ts';

/**
 * The cases the brief names, two with a settings.json (saved as the add-on's settings), and the
 * cases of cohorts, retention, segments (the case's --segment is the Segment setting) and conversion.
 */
const CASES = [
  '06-lifecycle', '13-one-time-and-cash', '15-churn-rates', '18-multi-currency', '20-manual-subscription',
  '05-cancel-at-period-end', '21-auto-churn-missing-renewal',
  '23-cohorts-monthly', '24-retention-quick-ratio', '25-segment-customers', '26-segment-plan-entry-exit', '27-trial-conversion',
];

/**
 * Customers whose MRR changes with exchange rates between movements: the result tabs hold
 * movements, not rates, so =MRR(id, date) can only follow the movements (MRR_TOTAL(date) uses
 * the MRR tab and is exact at month ends).
 */
const FX_BETWEEN_MOVEMENTS = new Set(['18-multi-currency']);

const APIS = {
  'Node server': startApiServer,
  'Worker in workerd': startWorkerApiServer,
} as const;
type ApiKind = keyof typeof APIS;
const apiKinds: ApiKind[] = serverTests() ? ['Node server', 'Worker in workerd'] : ['Node server'];

beforeAll(async () => {
  await buildAddon({ dev: true });
}, 120_000);

/** Sheets in zones on both sides of UTC (dates typed into them become midnight there). */
const ZONES = ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Auckland'];

/** A user's sheet for a case: the CSVs typed in, its settings.json saved as the add-on's settings. */
function sheetFor(name: string): Addon {
  const asOf = goldenAsOf(name);
  const timeZone = ZONES[CASES.indexOf(name) % ZONES.length];
  const addon = loadAddon({ timeZone, now: Date.parse(`${asOf}T15:00:00Z`) });
  fillFromFolder(addon, join(GOLDEN_DIR, name));
  const settings = join(GOLDEN_DIR, name, 'settings.json');
  if (existsSync(settings)) {
    const saved = addon.runFromSidebar('saveSettings', { engine: JSON.parse(readFileSync(settings, 'utf8')) }) as { errors: string[] };
    expect(saved.errors).toEqual([]);
  }
  const segment = goldenSegment(name);
  if (segment) expect((addon.runFromSidebar('saveSettings', { segment }) as { errors: string[] }).errors).toEqual([]);
  return addon;
}

const money = (cents: number) => cents / 100;

/** The customer's MRR and status at the end of a day, by `mogul report --as-of day`. */
function customerAt(dir: string, day: string, id: string) {
  return reportOf(dir, day).customers.find((c) => c.external_id === id)!;
}

/** `narrowed`: the report of the Segment setting's segment (the tabs the series functions read). */
function checkCustomFunctions(addon: Addon, dir: string, report: Report, fx: boolean, narrowed: Report = report) {
  const tz = addon.spreadsheet.getSpreadsheetTimeZone();
  const fetches = addon.urlFetch.calls;
  const ids = report.customers.map((c) => c.external_id);
  const cf = (fn: string, ...args: unknown[]) => plainTable(addon.callCustomFunction(fn, ...args), tz);

  // One ID typed in a cell, and the user's Customers tab's ID column as a range.
  for (const c of report.customers) {
    expect(cf('MRR', c.external_id), `MRR(${c.external_id})`).toBe(money(c.mrr));
    expect(cf('ARR', c.external_id)).toBe(money(c.arr));
    expect(cf('CUSTOMER_STATUS', c.external_id)).toBe(c.status);
  }
  const customers = addon.spreadsheet.getSheetByName('Customers')!;
  const idColumn = customers.getRange(1, 1, 1, customers.getLastColumn()).getValues()[0].indexOf('External ID') + 1;
  const range = customers.getRange(2, idColumn, customers.getLastRow() - 1, 1).getA1Notation();
  const sheetIds = addon.argOf(`Customers!${range}`);
  const column = (f: (id: string) => unknown) => (Array.isArray(sheetIds) ? sheetIds.map(([id]) => [f(String(id))]) : f(String(sheetIds)));
  const byId = new Map(report.customers.map((c) => [c.external_id, c]));
  expect(cf('MRR', sheetIds)).toEqual(column((id) => money(byId.get(id)!.mrr)));
  expect(cf('CUSTOMER_STATUS', sheetIds)).toEqual(column((id) => byId.get(id)!.status));

  // A date argument, as a date cell gives it: the month ends of the series.
  typeRows(addon, 'Dates', narrowed.series.map((e) => [e.date]));
  narrowed.series.forEach((e, i) => {
    const date = addon.argOf(`Dates!A${i + 1}`);
    expect(cf('MRR_TOTAL', date), `MRR_TOTAL(${e.date})`).toBe(money(e.mrr));
    expect(cf('NRR', date), `NRR(${e.date})`).toBe(e.net_mrr_retention);
    expect(cf('GRR', date), `GRR(${e.date})`).toBe(e.gross_mrr_retention);
    expect(cf('QUICK_RATIO', date), `QUICK_RATIO(${e.date})`).toBe(e.quick_ratio ?? '');
    for (const id of ids) {
      const then = customerAt(dir, e.date, id);
      if (!fx) expect(cf('MRR', id, date), `MRR(${id}, ${e.date})`).toBe(money(then.mrr));
      expect(cf('CUSTOMER_STATUS', id, date), `CUSTOMER_STATUS(${id}, ${e.date})`).toBe(then.status);
    }
  });
  expect(cf('MRR', 'nobody')).toBe('Unknown customer: nobody');
  expect(cf('CUSTOMER_STATUS', [['nobody'], [ids[0]]])).toEqual([['Unknown customer: nobody'], [byId.get(ids[0])!.status]]);
  expect(cf('MRR_TOTAL')).toBe(money(narrowed === report ? report.customers.reduce((s, c) => s + c.mrr, 0) : narrowed.series.at(-1)!.mrr));

  const series = cf('MRR_SERIES', addon.argOf('Dates!A1'), addon.argOf(`Dates!A${narrowed.series.length}`));
  expect(series).toEqual([
    ['Date', 'MRR', 'New business', 'Expansion', 'Contraction', 'Churn', 'Reactivation'],
    ...narrowed.series.map((e) => [e.date, money(e.mrr), money(e.new_biz), money(e.expansion), money(e.contraction), money(e.churn), money(e.reactivation)]),
  ]);
  const cohorts = cf('COHORT') as unknown[][];
  expect(cohorts.slice(1).map((r) => [r[0], r[1], ...r.slice(2).filter((v) => v !== '')])).toEqual(
    narrowed.cohorts.map((c) => [c.cohort, c.size, ...c.periods.map((p) => p.customer_retention)]));
  for (const id of ids) {
    const own = report.movements.filter((m) => m.customer_external_id === id);
    expect(cf('MRR_MOVEMENTS', id), `MRR_MOVEMENTS(${id})`).toEqual([
      ['Date', 'Subscription', 'Type', 'Amount', 'MRR after'],
      ...own.map((m) => [m.date, m.subscription_external_id, m.type, money(m.amount), money(m.customer_mrr_after)]),
    ]);
  }
  expect(addon.urlFetch.calls, 'custom functions never call the API').toBe(fetches);
}

/**
 * The Customer tab after the sync: each customer picked in B1 shows its profile (the revenue
 * schedule and transactions from /sync/results). Its MRR by month follows the movements, so
 * where exchange rates move MRR between them only the rest is compared.
 */
function checkCustomerTab(addon: Addon, dir: string, report: Report, fx: boolean) {
  const fetches = addon.urlFetch.calls;
  for (const c of report.customers) {
    addon.spreadsheet.getSheetByName('Customer')!.getRange('B1').setValue(c.external_id);
    const shown = readCustomerTab(addon);
    const expected = expectedProfile(dir, report.as_of, c.external_id);
    if (fx) [shown, expected].forEach((p) => delete (p.blocks as Partial<typeof p.blocks>)['MRR by month']);
    expect(shown, `Customer tab for ${c.external_id}`).toEqual(expected);
  }
  expect(addon.urlFetch.calls, 'picking a customer calls no server').toBe(fetches);
}

for (const kind of apiKinds) describe(`sync of golden cases through the API (${kind})`, () => {
  const servers = new Map<string, ApiServer>();
  beforeAll(async () => {
    // One API per case (each its own database and MOGUL_TODAY = the case's as-of), four started
    // side by side at a time: a dozen at once overload two cores past a server's start-up time.
    for (let i = 0; i < CASES.length; i += 4) {
      const names = CASES.slice(i, i + 4);
      const started = await Promise.all(names.map((name) => APIS[kind]({ today: goldenAsOf(name) })));
      names.forEach((name, j) => servers.set(name, started[j]));
    }
  }, 480_000);
  afterAll(async () => {
    await Promise.all([...servers.values()].map((s) => s.stop()));
  });

  for (const name of CASES) {
    test(`${name} (${ZONES[CASES.indexOf(name) % ZONES.length]}): result tabs and custom functions agree with mogul report`, () => {
      const dir = join(GOLDEN_DIR, name);
      const addon = sheetFor(name);
      const state = syncToApi(addon, servers.get(name)!);
      expect(state.status, state.message).toBe('done');
      expect(state.datasets.every((d) => d.sent === d.rows && d.accepted === d.rows && d.rejected === 0)).toBe(true);
      const report = reportOf(dir, goldenAsOf(name));
      const segment = goldenSegment(name);
      const narrowed = segment ? reportOf(dir, goldenAsOf(name), segment) : report;
      expect(actualTabs(addon)).toEqual(expectedTabs(report, narrowed));
      expect(actualCohorts(addon, goldenAsOf(name))).toEqual(expectedCohorts(narrowed));
      checkCustomFunctions(addon, dir, report, FX_BETWEEN_MOVEMENTS.has(name), narrowed);
      checkCustomerTab(addon, dir, report, FX_BETWEEN_MOVEMENTS.has(name));
    });
  }

  test('syncing the same sheet again changes nothing and duplicates nothing', () => {
    const name = '15-churn-rates';
    const addon = sheetFor(name);
    const api = servers.get(name)!;
    expect(syncToApi(addon, api).status).toBe('done');
    const first = actualTabs(addon);
    const again = syncToApi(addon, api);
    expect(again.status).toBe('done');
    expect(actualTabs(addon)).toEqual(first);
    const report = reportOf(join(GOLDEN_DIR, name), goldenAsOf(name));
    expect(first.customers).toHaveLength(report.customers.length);
    expect(first.movements).toHaveLength(report.movements.length);
    expect(first.subscriptions).toHaveLength(report.subscriptions.length);
  });
});

describe.runIf(apiKinds.includes('Worker in workerd'))('sync through a Worker that recomputes one customer a request', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startWorkerApiServer({ today: goldenAsOf('15-churn-rates'), recomputeSlice: 1, recomputeBudgetMs: 0 });
  }, 120_000);
  afterAll(() => api?.stop());

  test('waits out the 503s (Retry-After) and writes the same result tabs as mogul report', () => {
    const name = '15-churn-rates'; // four customers: three reads are told to wait
    const addon = sheetFor(name);
    const state = syncToApi(addon, api);
    expect(state.status, state.message).toBe('done');
    expect(actualTabs(addon)).toEqual(expectedTabs(reportOf(join(GOLDEN_DIR, name), goldenAsOf(name))));
    const waited = addon.urlFetch.requests.filter((r) => r.status === 503);
    expect(waited.length, 'the Worker answered 503 while it computed').toBeGreaterThan(1);
  });
});
