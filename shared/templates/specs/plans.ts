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
  blank: (row) => ({ row, name: '', intervalCount: 1, intervalUnit: 'month', externalId: '' }),
  columns: [
    { header: 'Name', key: 'name', parse: text(255), required: true },
    { header: 'Interval count', key: 'intervalCount', parse: positiveInteger, required: true },
    { header: 'Interval unit', key: 'intervalUnit', parse: intervalUnit, required: true },
    { header: 'Plan ID', key: 'externalId', parse: externalId, required: true },
  ],
  uniqueKey: { column: 'Plan ID', of: (r) => r.externalId },
});
