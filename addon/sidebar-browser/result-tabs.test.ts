/**
 * The Customer and Cohorts tabs as Sheets would show them, in headless Chromium: the example
 * company (`mogul example`, its end day fixed) computed in the sheet, each tab drawn from the
 * fake spreadsheet (shown text, bold, conditional-format colours, the MRR chart) and
 * screenshotted. `MOGUL_UPDATE_SCREENSHOT=1` refreshes the copies beside this file, which
 * addon/README.md shows. With CI=true a missing Chromium fails; otherwise the tests skip.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFolderReport, parseReportArgs } from '../../api/cli/report-command.ts';
import { EXAMPLE } from '../../api/cli/example-command.ts';
import { writeCompany } from '../../api/generate/write-company.ts';
import type { Report } from '../../shared/index.ts';
import { loadAddon, type Addon } from '../testing/harness.ts';
import { buildAddonCopy } from './built-addon.ts';
import { fillFromGolden } from './golden-tabs.ts';
import { drawSheet, type DrawnSheet } from './sheet-html.ts';
import { chromiumMissing, launchChromium, type Browser } from './sidebar-page.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const END = '2026-10-31';

const missing = chromiumMissing();
const CI = process.env.CI === 'true';

if (missing && CI) {
  describe('result tabs in headless Chromium', () => {
    it('runs (CI=true)', () => {
      throw new Error(`${missing}: with CI=true the browser tests must run (.ci/run installs chromium)`);
    });
  });
}

/** Renders a drawn tab, screenshots it to test-artifacts/<file> (and the committed copy when asked). */
async function screenshot(page: Page, drawn: DrawnSheet, file: string): Promise<string> {
  await page.setContent(drawn.html);
  const size = await page.evaluate(`(() => { const g = document.querySelector('.grid'); return [g.scrollWidth, g.scrollHeight]; })()`) as number[];
  await page.setViewportSize({ width: Math.ceil(size[0]) + 16, height: Math.min(Math.ceil(size[1]) + 16, 4000) });
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, file);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  if (process.env.MOGUL_UPDATE_SCREENSHOT === '1') copyFileSync(path, join(import.meta.dirname, file));
  return path;
}

const isPng = (path: string) => readFileSync(path).subarray(1, 4).toString() === 'PNG' && statSync(path).size > 10_000;

describe.skipIf(missing !== null)(`the Customer and Cohorts tabs in headless Chromium${missing && !CI ? ` (skipped: ${missing})` : ''}`, () => {
  let bundleDir: string;
  let companyDir: string;
  let browser: Browser;
  let page: Page;
  let addon: Addon;
  let report: Report;
  let picked: string;

  beforeAll(async () => {
    companyDir = mkdtempSync(join(tmpdir(), 'mogul-example-'));
    [bundleDir, browser] = await Promise.all([buildAddonCopy(), launchChromium(), writeCompany(companyDir, { ...EXAMPLE, endDate: END })]);
    page = await browser.context.newPage();
    report = buildFolderReport(parseReportArgs([companyDir, '--as-of', END], 0)).report;
    // The active customer with a contact and the longest story (the most movements): every part of the tab shows.
    const contacts = readFileSync(join(companyDir, 'contacts.csv'), 'utf8');
    const active = new Set(report.customers.filter((c) => c.status === 'Active' && contacts.includes(`${c.external_id},`)).map((c) => c.external_id));
    const counts = new Map<string, number>();
    for (const m of report.movements) counts.set(m.customer_external_id, (counts.get(m.customer_external_id) ?? 0) + 1);
    picked = [...counts].filter(([id]) => active.has(id)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];

    addon = loadAddon({ bundlePath: join(bundleDir, 'Code.js'), now: Date.parse(`${END}T15:00:00Z`), timeZone: 'America/New_York' });
    fillFromGolden(addon, companyDir);
    // A person adds a tag and an attribute column to the Customers tab.
    const customers = addon.spreadsheet.getSheetByName('Customers')!;
    const headers = customers.getRange(1, 1, 1, customers.getLastColumn()).getValues()[0];
    const row = customers.getRange(1, headers.indexOf('External ID') + 1, customers.getLastRow(), 1).getValues().findIndex((r) => r[0] === picked) + 1;
    customers.getRange(row, headers.indexOf('Tags') + 1).setValue('enterprise, annual-review');
    const attribute = customers.getLastColumn() + 1;
    customers.getRange(1, attribute).setValue('Attribute: Industry');
    customers.getRange(row, attribute).setValue('Logistics');
    const out = addon.runFromSidebar('computeLocally') as { summary: { errors: number } };
    expect(out.summary.errors).toBe(0);
    addon.spreadsheet.getSheetByName('Customer')!.getRange('B1').setValue(picked);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
    if (companyDir) rmSync(companyDir, { recursive: true, force: true });
  });

  it('the Customer tab: the picked customer\'s figures, details and blocks, and its MRR chart', async () => {
    const sheet = addon.spreadsheet.getSheetByName('Customer')!;
    const drawn = drawSheet(sheet, { columns: 12 });
    const path = await screenshot(page, drawn, 'customer-tab.png');
    expect(isPng(path)).toBe(true);
    const customer = report.customers.find((c) => c.external_id === picked)!;
    const body = await page.locator('body').innerText();
    expect(body).toContain(customer.name);
    expect(body).toContain('enterprise, annual-review');
    expect(body).toContain('Industry: Logistics');
    expect(await page.locator('td[data-cell="A4"]').innerText()).toBe((customer.mrr / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }));
    // The chart: one point per month end, ending at the customer's MRR today.
    const [chart] = drawn.charts;
    expect(chart.title).toBe('MRR');
    expect(chart.points).toHaveLength(report.series.length);
    expect(chart.points[chart.points.length - 1].value).toBe(customer.mrr / 100);
    expect(await page.locator('svg.chart circle').count()).toBe(report.series.length);
    for (const title of ['Subscriptions', 'MRR movements', 'Revenue recognition schedule', 'Transactions']) expect(body).toContain(title);
  });

  it('the Cohorts tab: retention coloured red to green by its conditional formats', async () => {
    const sheet = addon.spreadsheet.getSheetByName('Cohorts')!;
    const drawn = drawSheet(sheet);
    const path = await screenshot(page, drawn, 'cohorts-tab.png');
    expect(isPng(path)).toBe(true);
    // Every retention cell is drawn in the colour its rule gives it, and only those are coloured.
    const coloured = await page.locator('td[style*="background:#"]').evaluateAll((tds) => {
      const style = (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle;
      return tds.map((td) => [td.getAttribute('data-cell'), style(td).backgroundColor]).filter(([, bg]) => bg !== 'rgb(255, 255, 255)');
    });
    const retentionCells = report.cohorts.reduce((n, c) => n + c.periods.length, 0) * 2;
    expect(coloured).toHaveLength(retentionCells);
    const [cell, background] = coloured[0] as [string, string];
    const [, col, row] = /^([A-Z]+)(\d+)$/.exec(cell)!;
    const expected = sheet.conditionalBackground(Number(row), col.charCodeAt(0) - 64)!;
    const rgb = [1, 3, 5].map((i) => parseInt(expected.slice(i, i + 2), 16));
    expect(background).toBe(`rgb(${rgb.join(', ')})`);
  });
});
