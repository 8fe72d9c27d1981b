/**
 * Every case in ../shared/golden must pass. The folder is walked, so a case dropped there
 * is picked up with no code change. Comparison rules are DATA.md's "Golden cases".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFolderReport, parseReportArgs } from './report-command.ts';
import { compareToExpected } from './golden-compare.ts';
import { GOLDEN_DIR } from './golden-dir.ts';


const cases = existsSync(GOLDEN_DIR)
  ? readdirSync(GOLDEN_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
  : [];

describe('golden cases', () => {
  it('finds the golden folder', () => {
    expect(cases.length, `no cases under ${GOLDEN_DIR}`).toBeGreaterThan(0);
  });
  for (const name of cases) {
    it(name, () => {
      const dir = join(GOLDEN_DIR, name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
      const args = parseReportArgs([dir, ...(expected.args ?? [])], Date.UTC(2026, 0, 1));
      const { report } = buildFolderReport(args);
      expect(compareToExpected(report, expected)).toEqual([]);
    });
  }
});
