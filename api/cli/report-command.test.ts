/** `mogul report` options: --cohort-interval (DATA.md "The report"). */
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR } from './golden-dir.ts';
import { buildFolderReport, parseReportArgs } from './report-command.ts';
import { UsageError } from './usage.ts';
import { join } from 'node:path';

const TODAY = Date.UTC(2026, 0, 1);

describe('--cohort-interval', () => {
  it('defaults to month and takes week, month, quarter and year', () => {
    expect(parseReportArgs(['dir'], TODAY).cohortInterval).toBe('month');
    for (const i of ['week', 'month', 'quarter', 'year']) {
      expect(parseReportArgs(['dir', '--cohort-interval', i], TODAY).cohortInterval).toBe(i);
    }
  });

  it('anything else is a usage error naming the option, the choices and the value', () => {
    for (const bad of ['day', 'Month', '']) {
      expect(() => parseReportArgs(['dir', '--cohort-interval', bad], TODAY)).toThrow(UsageError);
      expect(() => parseReportArgs(['dir', '--cohort-interval', bad], TODAY))
        .toThrow(`--cohort-interval must be one of week, month, quarter, year; got '${bad}'`);
    }
    expect(() => parseReportArgs(['dir', '--cohort-interval'], TODAY)).toThrow(/--cohort-interval/);
  });

  it('sets the interval of the cohorts of the report', () => {
    const dir = join(GOLDEN_DIR, '06-lifecycle');
    const monthly = buildFolderReport(parseReportArgs([dir, '--as-of', '2024-12-31'], TODAY)).report.cohorts;
    const yearly = buildFolderReport(parseReportArgs([dir, '--as-of', '2024-12-31', '--cohort-interval', 'year'], TODAY))
      .report.cohorts;
    expect(monthly.length).toBeGreaterThan(0);
    expect(yearly.every((c) => c.cohort.endsWith('-01-01'))).toBe(true);
    expect(yearly.reduce((n, c) => n + c.size, 0)).toBe(monthly.reduce((n, c) => n + c.size, 0));
  });
});
