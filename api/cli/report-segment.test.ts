/** `mogul report --segment` (DATA.md "The report"; METRICS.md section 11). */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { GOLDEN_DIR } from './golden-dir.ts';
import { buildFolderReport, parseReportArgs } from './report-command.ts';
import { UsageError } from './usage.ts';

const TODAY = Date.UTC(2026, 0, 1);
const LIFECYCLE = join(GOLDEN_DIR, '06-lifecycle');
const report = (...args: string[]) => buildFolderReport(parseReportArgs([LIFECYCLE, '--as-of', '2024-12-31', ...args], TODAY)).report;

describe('--segment', () => {
  it('a filter Mogul cannot read is a usage error naming the field or operator', () => {
    expect(() => parseReportArgs(['dir', '--segment', "country~ANY~'US'"], TODAY)).toThrow(UsageError);
    expect(() => parseReportArgs(['dir', '--segment', "country~ANY~'US'"], TODAY)).toThrow(/^--segment: unknown field 'country'/);
    expect(() => parseReportArgs(['dir', '--segment', "region~LIKE~'US'"], TODAY)).toThrow(/unknown operator 'LIKE' on region/);
    expect(() => parseReportArgs(['dir', '--segment', 'custom.Seats~BETWEEN~1'], TODAY)).toThrow(/BETWEEN on custom.Seats takes two values/);
  });

  it('in a CSV folder the data source is the folder\'s name', () => {
    const plain = report();
    expect(plain.customers.length).toBeGreaterThan(0);
    const named = report('--segment', "data_source~ANY~'06-lifecycle'");
    expect(named).toEqual(plain);
    const other = report('--segment', "data_source~ANY~'elsewhere'");
    expect(other.customers).toEqual([]);
    expect(other.movements).toEqual([]);
    expect(other.series.every((e) => e.mrr === 0 && e.gross_cash_flow === 0)).toBe(true);
  });

  it('an empty segment is the whole business', () => {
    expect(report('--segment', '')).toEqual(report());
  });
});

