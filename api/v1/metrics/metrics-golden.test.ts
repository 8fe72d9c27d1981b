/**
 * The metrics API agrees with `mogul report`: a golden folder imported through /sync (as
 * `mogul import` does), the server's today at the case's as-of, then /v1/metrics/all,
 * /v1/metrics/mrr, /retention, /conversion, /cohorts and /v1/activities equal the shared
 * computeReport's series, cohorts and movements (MRR and its movements, customers, churn
 * rates, ARPA, ASP, LTV, retention, quick ratio, conversion), for several intervals. A case's
 * `--segment` is the API's `filters`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interval } from '../../../shared/index.ts';
import { apiClient } from '../../cli/api-client.ts';
import { GOLDEN_DIR } from '../../cli/golden-dir.ts';
import { importFolder } from '../../cli/import-command.ts';
import { buildFolderReport, parseReportArgs } from '../../cli/report-command.ts';
import { drivers, testDatabase, type TestDatabase } from '../../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../../testing/server.test-util.ts';

const CASES = [
  '15-churn-rates', '16-smart-grouping-on', '18-multi-currency', '23-cohorts-monthly', '24-retention-quick-ratio',
  '25-segment-customers', '26-segment-plan-entry-exit', '27-trial-conversion',
];
const INTERVALS: Interval[] = ['month', 'week', 'quarter', 'day'];

function argsOf(name: string): string[] {
  return JSON.parse(readFileSync(join(GOLDEN_DIR, name, 'expected.json'), 'utf8')).args ?? [];
}

/** Every page of a list, following the cursor. */
async function allPages(server: TestServer, path: string): Promise<any[]> {
  const out: any[] = [];
  let url = `${path}${path.includes('?') ? '&' : '?'}per_page=2`;
  for (;;) {
    const r = await server.call('GET', url);
    expect(r.status).toBe(200);
    out.push(...r.json.entries);
    if (!r.json.has_more) return out;
    url = `${path}${path.includes('?') ? '&' : '?'}per_page=2&cursor=${encodeURIComponent(r.json.cursor)}`;
  }
}

for (const driver of drivers()) {
  describe(`/v1 metrics and activities equal mogul report (${driver})`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await testDatabase(driver);
    }, 60_000);
    afterAll(() => database?.drop());

    for (const name of CASES) {
      it(name, async () => {
        const dir = join(GOLDEN_DIR, name);
        const args = argsOf(name);
        const asOf = args[args.indexOf('--as-of') + 1];
        const server = await startTestServer(database.db, { today: asOf, rateLimitPerSecond: 1_000 });
        try {
          const summary = await importFolder(dir, apiClient(server.url, server.key));
          expect(summary.errors).toEqual([]);
          const segment = args.includes('--segment') ? args[args.indexOf('--segment') + 1] : null;
          const filters = segment === null ? '' : `&filters=${encodeURIComponent(segment)}`;
          for (const interval of INTERVALS) {
            const { report } = buildFolderReport(parseReportArgs([dir, ...args, '--interval', interval], 0));
            const start = args.includes('--start') ? args[args.indexOf('--start') + 1] : `${report.series[0].date.slice(0, 7)}-01`;
            const qs = `start-date=${start}&end-date=${asOf}&interval=${interval}${filters}`;
            const all = await server.call('GET', `/v1/metrics/all?${qs}`);
            expect(all.status).toBe(200);
            expect(all.json.entries.map((e: any) => ({
              date: e.date, mrr: e.mrr, arr: e.arr, customers: e.customers, arpa: e.arpa, asp: e.asp, ltv: e.ltv,
              ccr: e['customer-churn-rate'], mcr: e['mrr-churn-rate'],
            })), interval).toEqual(report.series.map((s) => ({
              date: s.date, mrr: s.mrr, arr: s.arr, customers: s.customers, arpa: s.arpa, asp: s.asp, ltv: s.ltv ?? 0,
              ccr: s.customer_churn_rate, mcr: s.mrr_churn_rate,
            })));
            const mrr = await server.call('GET', `/v1/metrics/mrr?${qs}`);
            expect(mrr.json.entries.map((e: any) => [e.date, e.mrr, e['mrr-new-business'], e['mrr-expansion'], e['mrr-contraction'], e['mrr-churn'], e['mrr-reactivation']]), interval)
              .toEqual(report.series.map((s) => [s.date, s.mrr, s.new_biz, s.expansion, s.contraction, s.churn, s.reactivation]));
            const retention = await server.call('GET', `/v1/metrics/retention?${qs}`);
            expect(retention.json.entries.map((e: any) => [e.date, e['net-mrr-retention'], e['gross-mrr-retention'], e['quick-ratio']]), interval)
              .toEqual(report.series.map((s) => [s.date, s.net_mrr_retention, s.gross_mrr_retention, s.quick_ratio]));
            const conversion = await server.call('GET', `/v1/metrics/conversion?${qs}`);
            expect(conversion.json.entries.map((e: any) => [e.date, e.trials, e['trials-converted'], e['trial-to-paid-rate'], e['avg-sales-cycle-days']]), interval)
              .toEqual(report.series.map((s) => [s.date, s.trials, s.trials_converted, s.trial_to_paid_rate, s.avg_sales_cycle_days]));
          }
          for (const interval of ['week', 'month', 'quarter'] as const) {
            const { report } = buildFolderReport(parseReportArgs([dir, ...args, '--cohort-interval', interval], 0));
            const cohorts = await server.call('GET', `/v1/metrics/cohorts?end-date=${asOf}&interval=${interval}${filters}`);
            expect(cohorts.status).toBe(200);
            expect(cohorts.json.entries, interval).toEqual(report.cohorts.map((c) => ({
              cohort: c.cohort, size: c.size, 'mrr-start': c.mrr_start,
              periods: c.periods.map((p) => ({
                period: p.period, date: p.date, customers: p.customers, mrr: p.mrr,
                'customer-retention': p.customer_retention, 'mrr-retention': p.mrr_retention,
              })),
            })));
          }
          const { report } = buildFolderReport(parseReportArgs([dir, ...args], 0));
          const activities = await allPages(server, `/v1/activities${filters.replace('&', '?')}`);
          const key = (m: [string, string, string, string, number, number]) => JSON.stringify(m);
          expect(activities.map((a) => key([
            new Date(a.date).toISOString(), a['customer-external-id'], a['subscription-external-id'], a.type, a['activity-mrr-movement'], a['activity-mrr'],
          ])).sort()).toEqual(report.movements.map((m) => key([
            new Date(m.at).toISOString(), m.customer_external_id, m.subscription_external_id, m.type, m.amount, m.customer_mrr_after,
          ])).sort());
          expect(activities.length).toBeGreaterThan(0);
        } finally {
          await server.close();
        }
      });
    }
  });
}
