import type { Decimal } from '../../money.ts';
import { formatDate } from '../../time.ts';
import { DATE_NOTE } from '../notes.ts';
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
  tab: 'Exchange Rates',
  file: 'exchange_rates.csv',
  blank: (row) => ({ row, date: 0, currency: '', rate: { num: 1, den: 1 } }),
  columns: [
    {
      header: 'Date', key: 'date', parse: instant, required: true, example: '2024-01-01',
      note: `Required. From this day on, the rate is in force. ${DATE_NOTE}`,
    },
    {
      header: 'Currency', key: 'currency', parse: currency, required: true, example: 'EUR',
      note: 'Required. Three upper-case letters, e.g. EUR.',
    },
    {
      header: 'Rate', key: 'rate', parse: positiveDecimal, required: true, example: 1.0825,
      note: 'Required. Value of 1 unit of the currency in the base currency, e.g. 1.0825.',
    },
  ],
  uniqueKey: {
    column: 'Date',
    of: (r) => `${r.currency} ${formatDate(r.date)}`,
    describe: (r) => `A ${r.currency} rate for ${formatDate(r.date)}`,
  },
});
