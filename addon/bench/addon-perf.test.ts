/**
 * Guards of the add-on benchmark's findings, on the built bundle in the harness: reading the
 * tabs formats each distinct date once (Utilities.formatDate per cell was most of the read
 * time), and =MRR over a range as of the last sync reads no movements and formats no date.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { types } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { buildAddonCopy } from '../sidebar-browser/built-addon.ts';
import { fillFromGolden, GOLDEN } from '../sidebar-browser/golden-tabs.ts';

const NOW = Date.UTC(2024, 1, 29, 9, 30);

/** Counts the add-on's Utilities.formatDate calls. */
function countFormatDate(addon: Addon): { readonly calls: number; reset(): void } {
  const utilities = addon.context.Utilities as { formatDate(...args: unknown[]): string };
  const original = utilities.formatDate.bind(utilities);
  let calls = 0;
  utilities.formatDate = (...args: unknown[]) => {
    calls++;
    return original(...args);
  };
  return { get calls() { return calls; }, reset: () => { calls = 0; } };
}

describe('add-on costs that the benchmark found', () => {
  let bundleDir: string;
  let addon: Addon;
  let formatDate: ReturnType<typeof countFormatDate>;

  beforeAll(async () => {
    bundleDir = await buildAddonCopy();
    addon = loadAddon({ bundlePath: join(bundleDir, 'Code.js'), now: NOW });
    fillFromGolden(addon, join(GOLDEN, '06-lifecycle'));
    // 2,000 more invoices on 10 days: 2,000 date cells, 10 distinct instants.
    const invoices = addon.spreadsheet.getSheetByName('Invoices')!;
    const extra = Array.from({ length: 2000 }, (_, i) => ['syn', `X${i}`, `2023-03-${String(1 + (i % 10)).padStart(2, '0')}`, '', 'USD']);
    invoices.insertRowsAfter(invoices.getMaxRows(), 2000);
    invoices.getRange(invoices.getLastRow() + 1, 1, extra.length, 5).setValues(extra);
    formatDate = countFormatDate(addon);
  }, 60_000);

  afterAll(() => {
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  it('reads the tabs formatting each distinct date once', () => {
    const instants = new Set<number>();
    for (const sheet of addon.spreadsheet.getSheets()) {
      for (const row of sheet.getDataRange().getValues()) for (const v of row) if (types.isDate(v)) instants.add(v.getTime()); // Dates of the add-on's realm
    }
    formatDate.reset();
    const summary = addon.call('validateSheet') as { errors: number; tabs: { tab: string; rows: number }[] };
    expect(summary.errors).toBe(0);
    expect(summary.tabs.find((t) => t.tab === 'Invoices')!.rows).toBe(2004);
    expect(formatDate.calls).toBeGreaterThan(0);
    expect(instants.size).toBeGreaterThan(10);
    expect(formatDate.calls).toBeLessThanOrEqual(instants.size + 1); // + today's date
  });

  it('answers =MRR over a range as of the last sync without reading movements', () => {
    addon.call('computeLocally');
    const ids = [['syn'], ['syn'], ['nobody']];
    formatDate.reset();
    expect(addon.callCustomFunction('MRR', ids)).toEqual([[150], [150], ['Unknown customer: nobody']]);
    expect(formatDate.calls).toBe(0);

    // With a date, the movements are read (each distinct day formatted once at most).
    const days = new Set(addon.spreadsheet.getSheetByName('Movements')!.getDataRange().getValues().slice(1).map((r) => String(r[0])));
    formatDate.reset();
    const before = addon.callCustomFunction('MRR', ids, '2023-01-31') as unknown[][];
    expect(before[0][0]).toBe(before[1][0]);
    expect(typeof before[0][0]).toBe('number');
    expect(before[2][0]).toBe('Unknown customer: nobody');
    expect(formatDate.calls).toBeLessThanOrEqual(days.size + 1);
  });
});
