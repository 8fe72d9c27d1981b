/**
 * Every golden case must pass (the repository's, and ../shared/golden's when it is there).
 * The folders are walked, so a case dropped into one is picked up with no code change.
 * Comparison rules are DATA.md's "Golden cases".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFolderReport, parseReportArgs } from './report-command.ts';
import { compareToExpected } from './golden-compare.ts';
import { GOLDEN_DIR, goldenCases } from './golden-dir.ts';

const cases = goldenCases();

describe('golden cases', () => {
  it('finds the golden folder', () => {
    expect(cases.length, `no cases under ${GOLDEN_DIR}`).toBeGreaterThan(0);
  });
  for (const { label, dir } of cases) {
    it(label, () => {
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
      const args = parseReportArgs([dir, ...(expected.args ?? [])], Date.UTC(2026, 0, 1));
      const { report } = buildFolderReport(args);
      expect(compareToExpected(report, expected)).toEqual([]);
    });
  }
});
