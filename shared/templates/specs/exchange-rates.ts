import type { Decimal } from '../../money.ts';
import { formatDate } from '../../time.ts';
import { defineDataset } from '../spec.ts';
import { currency, instant, positiveDecimal } from '../values.ts';

export interface ExchangeRateRecord {
  row: number;
  date: number;
  currency: string;
  /** Value of one unit of `currency` in the account's base currency. */
  rate: Decimal;
}

export const exchangeRatesSpec = defineDataset<ExchangeRateRecord>({
  name: 'exchange_rates',
  blank: (row) => ({ row, date: 0, currency: '', rate: { num: 1, den: 1 } }),
  columns: [
    { header: 'Date', key: 'date', parse: instant, required: true },
    { header: 'Currency', key: 'currency', parse: currency, required: true },
    { header: 'Rate', key: 'rate', parse: positiveDecimal, required: true },
  ],
  uniqueKey: {
    column: 'Date',
    of: (r) => `${r.currency} ${formatDate(r.date)}`,
    describe: (r) => `A ${r.currency} rate for ${formatDate(r.date)}`,
  },
});
