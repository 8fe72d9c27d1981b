/**
 * Coverage scenarios of the metrics API methods: the nine metrics, a customer's activities and
 * subscriptions, connecting and disconnecting subscriptions, the activities list and export.
 */
import { expect } from 'vitest';
import { cm, raw, type Scenario } from './chartmogul-node-coverage-scenario.test-util.ts';
import { expectRecordedShape } from './chartmogul-node-coverage-shapes.test-util.ts';

const RANGE = { 'start-date': '2024-01-01', 'end-date': '2024-05-31', interval: 'month' };

/** Each metric's recordings: one with `summary`, one with entries' percentage changes. */
const METRICS: Record<string, [string, string]> = {
  all: ['ChartMogul_Metrics_AllKeyMetric/should_have_summary.yml', 'ChartMogul_Metrics_AllKeyMetric/should_have_entries.yml'],
  mrr: ['ChartMogul_Metrics_MRR/behaves_like_Summary/should_have_summary.yml', 'ChartMogul_Metrics_MRR/should_have_entries.yml'],
  arr: ['ChartMogul_Metrics_ARR/behaves_like_Metrics_API_resource/behaves_like_Summary/should_have_summary.yml', 'ChartMogul_Metrics_ARR/behaves_like_Metrics_API_resource/should_have_entries.yml'],
  arpa: ['ChartMogul_Metrics_ARPA/behaves_like_Metrics_API_resource/behaves_like_Summary/should_have_summary.yml', 'ChartMogul_Metrics_ARPA/behaves_like_Metrics_API_resource/should_have_entries.yml'],
  asp: ['ChartMogul_Metrics_ASP/behaves_like_Metrics_API_resource/behaves_like_Summary/should_have_summary.yml', 'ChartMogul_Metrics_ASP/behaves_like_Metrics_API_resource/should_have_entries.yml'],
  customerCount: ['ChartMogul_Metrics_CustomerCount/behaves_like_Metrics_API_resource/behaves_like_Summary/should_have_summary.yml', 'ChartMogul_Metrics_CustomerCount/behaves_like_Metrics_API_resource/should_have_entries.yml'],
  customerChurnRate: ['ChartMogul_Metrics_CustomerChurnRate/behaves_like_Metrics_API_resource/behaves_like_Summary/should_have_summary.yml', 'ChartMogul_Metrics_CustomerChurnRate/behaves_like_Metrics_API_resource/should_have_entries.yml'],
  mrrChurnRate: ['ChartMogul_Metrics_MRRChurnRate/behaves_like_Metrics_API_resource/behaves_like_Summary/should_have_summary.yml', 'ChartMogul_Metrics_MRRChurnRate/behaves_like_Metrics_API_resource/should_have_entries.yml'],
  ltv: ['ChartMogul_Metrics_LTV/behaves_like_Metrics_API_resource/behaves_like_Summary/should_have_summary.yml', 'ChartMogul_Metrics_LTV/behaves_like_Metrics_API_resource/should_have_entries.yml'],
};

const metricScenarios = Object.fromEntries(Object.entries(METRICS).map(([method, recordings]): [string, Scenario] => [
  `Metrics.${method}`,
  async ({ config }) => {
    const answer = await cm.Metrics[method](config, RANGE);
    for (const recording of recordings) expectRecordedShape(answer, recording, 0);
    expect(answer.entries.map((e: { date: string }) => e.date)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31']);
  },
]));

const SUBSCRIPTIONS = 'ChartMogul_Metrics_Customers_Subscription';
const ACTIVITIES = 'ChartMogul_Metrics_Customers_Activity';
const EXPORT = 'ChartMogul_Metrics_ActivitiesExport';

export const metricsScenarios: Record<string, Scenario> = {
  ...metricScenarios,

  'Metrics.Customer.activities': async ({ config, w }) => {
    const page = await cm.Metrics.Customer.activities(config, w.customers['cust-a'], { per_page: 200 });
    expectRecordedShape(page, `${ACTIVITIES}/should_have_Activity_entries.yml`, 0);
    expect(page.entries.map((e: { type: string }) => e.type)).toContain('new_biz');
  },
  'Metrics.Customer.subscriptions': async ({ config, w }) => {
    const page = await cm.Metrics.Customer.subscriptions(config, w.customers['cust-a'], { per_page: 200 });
    expectRecordedShape(page, `${SUBSCRIPTIONS}/should_have_Subscription_entries.yml`, 0);
    expect(page.entries.map((e: { external_id: string }) => e.external_id)).toContain('sub-a');
  },
  'Metrics.Customer.connectSubscriptions': async ({ config, w }) => {
    const answer = await cm.Metrics.Customer.connectSubscriptions(config, w.ds, w.customers['cust-k3'], [
      { uuid: w.subscriptions['sub-k3-old'] }, { uuid: w.subscriptions['sub-k3-new'] },
    ]);
    expectRecordedShape(answer, `${SUBSCRIPTIONS}/should_connect_and_disconnect_subscriptions_.yml`, 1);
  },
  'Metrics.Customer.disconnectSubscriptions': async (c) => {
    const { w } = c;
    const subscriptions = [{ uuid: w.subscriptions['sub-k4-old'] }, { uuid: w.subscriptions['sub-k4-new'] }];
    await raw(c, 'POST', `/v1/customers/${w.customers['cust-k4']}/connect_subscriptions`, {
      subscriptions: subscriptions.map((s) => ({ ...s, data_source_uuid: w.ds })),
    });
    const answer = await cm.Metrics.Customer.disconnectSubscriptions(c.config, w.ds, w.customers['cust-k4'], subscriptions);
    expectRecordedShape(answer, `${SUBSCRIPTIONS}/should_connect_and_disconnect_subscriptions_.yml`, 3);
  },
  'Metrics.Activity.all': async ({ config }) => {
    const page = await cm.Metrics.Activity.all(config, { per_page: 2 });
    expectRecordedShape(page, 'ChartMogul_Metrics_Activity/should_have_Activity_entries.yml', 0);
    expect(page).toMatchObject({ has_more: true, entries: [expect.anything(), expect.anything()] });
    // dev.chartmogul.com's List Activities takes a datetime start-date.
    const since = await cm.Metrics.Activity.all(config, { 'start-date': '2024-01-01T00:00:00Z', per_page: 200 });
    expect(since.entries.length).toBeGreaterThan(0);
    for (const e of since.entries) expect(Date.parse(e.date)).toBeGreaterThanOrEqual(Date.parse('2024-01-01T00:00:00Z'));
  },
  'Metrics.ActivitiesExport.create': async ({ config }) => {
    const started = await cm.Metrics.ActivitiesExport.create(config, { 'start-date': '2024-01-01', 'end-date': '2024-05-31', type: 'churn' });
    expectRecordedShape(started, `${EXPORT}/post_activities_export.yml`, 0);
    expect(started.params?.params).toMatchObject({ activity_type: 'churn' });
  },
  'Metrics.ActivitiesExport.retrieve': async (c) => {
    const started = await raw(c, 'POST', '/v1/activities_export', { 'start-date': '2024-01-01', 'end-date': '2024-05-31', type: 'new_biz' });
    const tracked = await cm.Metrics.ActivitiesExport.retrieve(c.config, started.id);
    expectRecordedShape(tracked, `${EXPORT}/get_activities_export.yml`, 0);
    expect(tracked.id).toBe(started.id);
  },
};
