import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCompany } from '../../shared/generator/index.ts';
import { DATASET_FILES, TEMPLATE_HEADERS, type DatasetName } from '../../shared/templates/datasets.ts';
import { writeCompany } from './write-company.ts';

const dir = mkdtempSync(join(tmpdir(), 'mogul-company-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeCompany', () => {
  it('writes one CSV per dataset with rows, readable back as the generated rows', async () => {
    // A stale file from an earlier run for a dataset that has no rows now.
    writeFileSync(join(dir, DATASET_FILES.manual_subscriptions), 'stale\n');
    const counts = await writeCompany(dir, { tier: 'XS', seed: 5 });
    const expected: Partial<Record<DatasetName, string[][]>> = {};
    for (const { dataset, row } of generateCompany({ tier: 'XS', seed: 5 })) (expected[dataset] ??= []).push(row);

    expect(Object.keys(counts).sort()).toEqual(Object.keys(expected).sort());
    for (const [dataset, rows] of Object.entries(expected) as [DatasetName, string[][]][]) {
      expect(counts[dataset]).toBe(rows.length);
      const text = readFileSync(join(dir, DATASET_FILES[dataset]), 'utf8');
      const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
      expect(parsed[0]).toEqual(TEMPLATE_HEADERS[dataset]);
      expect(parsed.slice(1)).toEqual(rows);
    }
    expect(existsSync(join(dir, DATASET_FILES.manual_subscriptions))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ base_currency: 'USD' });
  });
});
