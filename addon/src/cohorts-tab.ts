/**
 * The Cohorts tab (METRICS.md section 12, monthly): one row per cohort, one column per period,
 * in four blocks: customer retention and MRR retention in %, each cell coloured on a red–yellow–
 * green scale by a conditional format rule (one rule per block, not a colour per cell), then the
 * customers and the MRR behind them. Each block is one setValues.
 */
import type { Cohort } from '../../shared/index.ts';
import { ensureSize, MONEY, units, type Day } from './tab-writing.ts';
import { RESULT_TABS } from './tab-names.ts';

const PERCENT = '0.0"%"';
const COHORT_MONTH = 'mmm yyyy';
/** The scale's points: 0 % (and below) red, 50 % yellow, 100 % (and above) green. */
const SCALE = [
  { color: '#e67c73', value: '0' },
  { color: '#ffd666', value: '50' },
  { color: '#57bb8a', value: '100' },
];

type Cell = string | number | Date;

export interface CohortBlock {
  title: string;
  /** The second column's header and value (the cohort's size or its MRR at the start). */
  base: string;
  baseOf: (c: Cohort) => number;
  cell: (p: Cohort['periods'][number]) => number;
  format: string;
  coloured: boolean;
}

export const COHORT_BLOCKS: CohortBlock[] = [
  { title: 'Customer retention', base: 'Customers', baseOf: (c) => c.size, cell: (p) => p.customer_retention, format: PERCENT, coloured: true },
  { title: 'MRR retention', base: 'MRR at start', baseOf: (c) => units(c.mrr_start), cell: (p) => p.mrr_retention, format: PERCENT, coloured: true },
  { title: 'Active customers', base: 'Customers', baseOf: (c) => c.size, cell: (p) => p.customers, format: '0', coloured: false },
  { title: 'MRR', base: 'MRR at start', baseOf: (c) => units(c.mrr_start), cell: (p) => units(p.mrr), format: MONEY, coloured: false },
];

/** Rows a block takes: its title, its header, a row per cohort (at least one line) and a blank row after. */
export const blockHeight = (cohorts: readonly Cohort[]) => Math.max(cohorts.length, 1) + 3;

/** Cells the tab's blocks write. */
export const cohortCells = (cohorts: readonly Cohort[]) =>
  COHORT_BLOCKS.length * blockHeight(cohorts) * (Math.max(1, ...cohorts.map((c) => c.periods.length)) + 2);

export function writeCohorts(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, cohorts: Cohort[], note: string, day: Day) {
  const sheet = ss.getSheetByName(RESULT_TABS.cohorts) ?? ss.insertSheet(RESULT_TABS.cohorts);
  sheet.clear();
  sheet.clearConditionalFormatRules();
  const periods = Math.max(1, ...cohorts.map((c) => c.periods.length));
  const columns = periods + 2;
  const height = blockHeight(cohorts);
  ensureSize(sheet, height * COHORT_BLOCKS.length, columns);
  const rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
  COHORT_BLOCKS.forEach((block, b) => {
    const top = 1 + b * height;
    const values: Cell[][] = [
      [block.title, ...Array(columns - 1).fill('')],
      ['Cohort', block.base, ...Array.from({ length: periods }, (_, k) => `Month ${k}`)],
      ...cohorts.map((c) => [day(c.cohort)!, block.baseOf(c), ...Array.from({ length: periods }, (_, k) => (k < c.periods.length ? block.cell(c.periods[k]) : ''))]),
    ];
    if (cohorts.length === 0) values.push(['No cohort yet: no customer has a new business movement.', ...Array(columns - 1).fill('')]);
    sheet.getRange(top, 1, values.length, columns).setValues(values);
    sheet.getRange(top, 1, 2, columns).setFontWeight('bold');
    if (cohorts.length === 0) return;
    const body = sheet.getRange(top + 2, 3, cohorts.length, periods);
    sheet.getRange(top + 2, 1, cohorts.length, 1).setNumberFormat(COHORT_MONTH);
    sheet.getRange(top + 2, 2, cohorts.length, 1).setNumberFormat(block.base === 'Customers' ? '0' : MONEY);
    body.setNumberFormat(block.format);
    if (block.coloured) {
      rules.push(SpreadsheetApp.newConditionalFormatRule()
        .setGradientMinpointWithValue(SCALE[0].color, SpreadsheetApp.InterpolationType.NUMBER, SCALE[0].value)
        .setGradientMidpointWithValue(SCALE[1].color, SpreadsheetApp.InterpolationType.NUMBER, SCALE[1].value)
        .setGradientMaxpointWithValue(SCALE[2].color, SpreadsheetApp.InterpolationType.NUMBER, SCALE[2].value)
        .setRanges([body])
        .build());
    }
  });
  sheet.setConditionalFormatRules(rules);
  sheet.setFrozenColumns(1);
  sheet.setColumnWidths(1, 2, 90);
  sheet.setColumnWidths(3, periods, 64);
  sheet.getRange(1, 1).setNote(note);
}
