/** The stored series row gives buildSeries back exactly what the analysis gave it. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../templates/settings.ts';
import { analyse } from './report.ts';
import { NO_SERIES_INPUTS, seriesInputsOf, seriesInputsRow } from './series-inputs.ts';
import { DataBuilder, t } from './test-builders.test-util.ts';

describe('series inputs row', () => {
  it('round-trips states, fx and cash under the given customer ID, through JSON', () => {
    const data = new DataBuilder()
      .sub('c', 's', 'm', 1000, '2024-01-01', '2024-02-01', { currency: 'EUR', quantity: 3 })
      .rate('2024-01-01', 'EUR', '1.1')
      .rate('2024-01-15', 'EUR', '1.2')
      .sub('c', 's', 'm', 1000, '2024-02-01', '2024-03-01', { currency: 'EUR', quantity: 3 })
      .transaction('inv1', '2024-01-02')
      .build();
    const [c] = analyse(data, DEFAULT_SETTINGS, t('2024-02-20')).customers;
    expect(c.states.length).toBeGreaterThan(0);
    expect(c.fx.length).toBeGreaterThan(0);
    expect(c.cash.length).toBeGreaterThan(0);
    const stored = JSON.parse(JSON.stringify(seriesInputsRow(c)));
    expect(Object.keys(stored.states)).toEqual(['at', 'mrr', 'counted', 'subscriptions', 'quantity']);
    expect(stored.cash.kind).toEqual(c.cash.map((e) => e.kind));
    expect(seriesInputsOf(stored, 'c')).toEqual({ states: c.states, fx: c.fx, cash: c.cash });
    expect(seriesInputsOf(stored, 'uuid-1').fx.every((f) => f.customerId === 'uuid-1')).toBe(true);
  });

  it('a customer with nothing', () => {
    expect(seriesInputsOf(NO_SERIES_INPUTS, 'x')).toEqual({ states: [], fx: [], cash: [] });
  });
});
