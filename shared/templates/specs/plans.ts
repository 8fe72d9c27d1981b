import { defineDataset } from '../spec.ts';
import { externalId, oneOf, positiveInteger, text } from '../values.ts';

export type IntervalUnit = 'day' | 'month' | 'year';

export interface PlanRecord {
  row: number;
  name: string;
  intervalCount: number;
  intervalUnit: IntervalUnit;
  externalId: string;
}

export const intervalUnit = oneOf<IntervalUnit>([
  { value: 'day', display: 'day', aliases: ['days'] },
  { value: 'month', display: 'month', aliases: ['months'] },
  { value: 'year', display: 'year', aliases: ['years'] },
]);

export const plansSpec = defineDataset<PlanRecord>({
  name: 'plans',
  tab: 'Plans',
  file: 'plans.csv',
  blank: (row) => ({ row, name: '', intervalCount: 1, intervalUnit: 'month', externalId: '' }),
  columns: [
    {
      header: 'Name', key: 'name', parse: text(255), required: true, example: 'Pro Monthly',
      note: 'Required. The plan\u2019s name.',
    },
    {
      header: 'Interval count', key: 'intervalCount', parse: positiveInteger, required: true, example: 1,
      note: 'Required. A whole number of 1 or more: 3 with month = quarterly.',
    },
    {
      header: 'Interval unit', key: 'intervalUnit', parse: intervalUnit, required: true, example: 'month',
      note: 'Required. day, month or year.',
    },
    {
      header: 'Plan ID', key: 'externalId', parse: externalId, required: true, example: 'pro_monthly',
      note: 'Required. The plan\u2019s ID in your billing system; unique. Line items name it in Plan.',
    },
  ],
  uniqueKey: { column: 'Plan ID', of: (r) => r.externalId },
});
