/**
 * `mogul report --json` writes its rows as they are made (buildFolderReportSections and
 * writeJson's RowLists): on every golden case the text is exactly the eager report's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJson } from './json-stream.ts';
import { buildFolderReport, buildFolderReportSections, parseReportArgs } from './report-command.ts';
import { goldenCases } from './golden-dir.ts';

describe('report sections written as they are made', () => {
  for (const { label, dir } of goldenCases()) {
    it(`${label} (and with --revenue)`, async () => {
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
      for (const extra of [[], ['--revenue']]) await same([dir, ...(expected.args ?? []), '--json', ...extra]);
    });
  }
});

async function same(argv: string[]): Promise<void> {
  const args = parseReportArgs(argv, Date.UTC(2026, 0, 1));
  const eager = buildFolderReport(args);
  const streamed = buildFolderReportSections(args);
  let text = '';
  await writeJson(streamed.report as unknown as Record<string, unknown>, async (chunk) => {
    text += chunk;
  });
  expect(streamed.exitCode).toBe(eager.exitCode);
  expect(text).toBe(`${JSON.stringify(eager.report, null, 2)}\n`);
}
