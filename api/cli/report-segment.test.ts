/** `mogul report --segment` (DATA.md "The report"; METRICS.md section 11). */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareToExpected } from './golden-compare.ts';
import { GOLDEN_DIR } from './golden-dir.ts';
import { REPO_ROOT } from '../paths.ts';
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

// Until the walkers over shared/golden hold them: the worked segment cases of golden-next.
const NEXT = join(REPO_ROOT, '..', 'shared', 'golden-next');
describe.runIf(existsSync(NEXT))('golden-next segment cases', () => {
  for (const name of ['25-segment-customers', '26-segment-plan-entry-exit']) {
    it(name, () => {
      const dir = join(NEXT, name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
      expect(compareToExpected(buildFolderReport(parseReportArgs([dir, ...expected.args], 0)).report, expected)).toEqual([]);
    });
  }
});
