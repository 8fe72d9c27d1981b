/** The readable report: the retention line and the last cohorts (golden cases 23 and 24, whose NOTES.md derive the figures). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR } from './golden-dir.ts';
import { buildFolderReport, parseReportArgs } from './report-command.ts';
import { summarise } from './summary.ts';

const summaryOf = (name: string, args: string[]) => {
  const dir = join(GOLDEN_DIR, name);
  return summarise(buildFolderReport(parseReportArgs([dir, ...args], Date.UTC(2026, 0, 1))).report, name);
};

describe('summarise', () => {
  it('shows net and gross MRR retention and the quick ratio of the last entry', () => {
    const feb = summaryOf('24-retention-quick-ratio', ['--as-of', '2024-02-29', '--start', '2024-01-01']);
    expect(feb).toContain('  Retention  net MRR 81.58%    gross MRR 68.42%    quick ratio 1.67    (2024-02-29)');
    const mar = summaryOf('24-retention-quick-ratio', ['--as-of', '2024-03-31', '--start', '2024-01-01']);
    expect(mar).toContain('  Retention  net MRR 100.00%    gross MRR 100.00%    quick ratio n/a    (2024-03-31)');
  });

  it('lists the last cohorts at their latest period', () => {
    const lines = summaryOf('23-cohorts-monthly', ['--as-of', '2024-04-15', '--start', '2024-01-01']).split('\n');
    const at = lines.indexOf('Last 3 cohorts, at their latest period');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 5).map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ['Cohort', 'Size', 'MRR start', 'Period', 'Date', 'Customers', 'MRR', 'Customers %', 'MRR %'],
      ['2024-01-01', '2', '$300.00', '3', '2024-04-15', '1', '$150.00', '50.00%', '50.00%'],
      ['2024-02-01', '2', '$400.00', '2', '2024-04-15', '2', '$340.00', '100.00%', '85.00%'],
      ['2024-03-01', '1', '$120.00', '1', '2024-04-15', '1', '$120.00', '100.00%', '100.00%'],
    ]);
  });

  it('has no cohort table when nobody has paid', () => {
    expect(summaryOf('22-validation-errors', ['--as-of', '2020-01-01'])).not.toContain('cohort');
  });
});
