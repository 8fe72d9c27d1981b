import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { goldenCases } from '../../api/cli/golden-dir.ts';
import { DATASET_FILES, DATASET_NAMES, TEMPLATE_HEADERS, type DatasetName } from './datasets.ts';
import { DATASET_SPECS } from './specs/index.ts';
import { parseTable } from './table.ts';
import { DATASET_SCHEMAS } from './zod.ts';


/** Runs one row through both paths: the zod schema and the table parser. */
function bothPaths(dataset: DatasetName, headers: readonly string[], cells: readonly string[]) {
  const object = Object.fromEntries(headers.map((h, i) => [h, cells[i]]));
  const viaZod = DATASET_SCHEMAS[dataset].safeParse(object);
  const viaTable = parseTable(DATASET_SPECS[dataset] as never, { headers, rows: [cells] });
  return { viaZod, viaTable };
}

function agree(dataset: DatasetName, headers: readonly string[], cells: readonly string[]) {
  const { viaZod, viaTable } = bothPaths(dataset, headers, cells);
  if (cells.every((c) => c.trim() === '')) return; // blank rows are skipped by the table parser
  if (viaTable.records.length === 1) {
    expect(viaZod.success, JSON.stringify(viaZod.error?.issues)).toBe(true);
    const { row, ...record } = viaTable.records[0] as unknown as Record<string, unknown>;
    expect(viaZod.data).toEqual(record);
  } else {
    expect(viaZod.success).toBe(false);
    const messages = viaZod.error!.issues.map((i) => i.message);
    for (const e of viaTable.errors) expect(messages).toContain(e.message);
  }
}

describe('zod schemas agree with the table parser', () => {
  it('on every row of every golden case', () => {
    let rows = 0;
    // A test may read the repository's case list (api/cli); shared/'s shipped code may not.
    for (const { dir } of goldenCases()) {
      for (const dataset of DATASET_NAMES) {
        const path = join(dir, DATASET_FILES[dataset]);
        if (!existsSync(path)) continue;
        const [headers, ...data] = Papa.parse<string[]>(readFileSync(path, 'utf8').trim()).data;
        for (const cells of data) {
          agree(dataset, headers, cells);
          rows++;
        }
      }
    }
    expect(rows).toBeGreaterThan(50);
  });

  it('on random cells', () => {
    const cellValue = fc.oneof(
      fc.constantFrom('', '0', '1', '-5', '12.5', '2024-02-29', '2023-02-29', '2024-01-01T10:00:00Z', 'TRUE', 'false',
        'Subscription', 'OneTime', 'month', 'week', 'USD', 'usd', 'payment', 'failed', 'differential', 'full',
        'subscription_start', 'Cancelled', 'x'.repeat(300)),
      fc.string({ maxLength: 8 }),
    );
    for (const dataset of DATASET_NAMES) {
      const headers = TEMPLATE_HEADERS[dataset];
      fc.assert(
        fc.property(fc.array(cellValue, { minLength: headers.length, maxLength: headers.length }), (cells) => {
          agree(dataset, headers, cells);
        }),
        { numRuns: 150 },
      );
    }
  });
});
