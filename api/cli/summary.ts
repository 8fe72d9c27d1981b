/** The readable report: headline numbers, retention, the last 12 entries, the last cohorts, the errors. */
import { arrOf, type Report } from '../../shared/index.ts';
import { money, percent, table } from './format.ts';

const MAX_ERRORS = 20;
const LAST_COHORTS = 6;

export function summarise(report: Report, dir: string): string {
  const c = report.currency;
  const out: string[] = [];
  out.push(`Mogul report for ${dir} as of ${report.as_of} (${c})`, '');
  const last = report.series[report.series.length - 1];
  const counts = { Active: 0, 'Past due': 0, Cancelled: 0, Lead: 0 };
  for (const customer of report.customers) counts[customer.status]++;
  const mrr = report.customers.reduce((sum, x) => sum + x.mrr, 0);
  out.push(
    `  MRR        ${money(mrr, c)}    ARR ${money(arrOf(mrr), c)}`,
    `  Customers  ${counts.Active} active, ${counts['Past due']} past due, ${counts.Cancelled} cancelled, ${counts.Lead} leads`,
  );
  if (last) {
    out.push(
      `  ARPA       ${money(last.arpa, c)}    customer churn ${percent(last.customer_churn_rate)}` +
        `    net MRR churn ${percent(last.mrr_churn_rate)}    LTV ${last.ltv === null ? 'n/a' : money(last.ltv, c)}`,
      `  Retention  net MRR ${percent(last.net_mrr_retention)}    gross MRR ${percent(last.gross_mrr_retention)}` +
        `    quick ratio ${last.quick_ratio === null ? 'n/a' : last.quick_ratio.toFixed(2)}    (${last.date})`,
    );
  }
  out.push('');
  const recent = report.series.slice(-12);
  if (recent.length > 0) {
    out.push(`Last ${recent.length} entries`);
    out.push(
      table(
        ['Date', 'MRR', 'New biz', 'Expansion', 'Contraction', 'Churn', 'Reactivation', 'FX', 'Customers', 'Churn %'],
        recent.map((e) => [
          e.date, money(e.mrr, c), money(e.new_biz, c), money(e.expansion, c), money(e.contraction, c),
          money(e.churn, c), money(e.reactivation, c), money(e.fx_impact, c), String(e.customers),
          percent(e.customer_churn_rate),
        ]),
      ),
      '',
    );
  }
  const cohorts = report.cohorts.slice(-LAST_COHORTS);
  if (cohorts.length > 0) {
    out.push(`Last ${cohorts.length} cohort${cohorts.length === 1 ? '' : 's'}, at their latest period`);
    out.push(
      table(
        ['Cohort', 'Size', 'MRR start', 'Period', 'Date', 'Customers', 'MRR', 'Customers %', 'MRR %'],
        cohorts.map((k) => {
          const p = k.periods[k.periods.length - 1];
          return [
            k.cohort, String(k.size), money(k.mrr_start, c), String(p.period), p.date, String(p.customers), money(p.mrr, c),
            percent(p.customer_retention), percent(p.mrr_retention),
          ];
        }),
      ),
      '',
    );
  }
  if (report.forecast.length > 0) {
    const end = report.forecast[report.forecast.length - 1];
    out.push(`Committed MRR on ${end.date}: ${money(end.cmrr, c)}`, '');
  }
  if (report.errors.length === 0) {
    out.push('No rows were rejected.');
  } else {
    out.push(`${report.errors.length} problem${report.errors.length === 1 ? '' : 's'} (those rows were left out):`);
    for (const e of report.errors.slice(0, MAX_ERRORS)) {
      out.push(`  ${e.dataset} row ${e.row}, ${e.column}: ${e.message}`);
    }
    if (report.errors.length > MAX_ERRORS) out.push(`  … and ${report.errors.length - MAX_ERRORS} more (--json lists them all)`);
  }
  for (const w of report.warnings) out.push(`warning: ${w.dataset}: ${w.message}`);
  return out.join('\n');
}
