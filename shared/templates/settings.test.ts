import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, parseSettingsJson } from './settings.ts';

describe('settings', () => {
  it('takes keys every object has (constructor, __proto__, toString) for the unknown settings they are', () => {
    const parsed = parseSettingsJson(JSON.parse('{"constructor":"x","__proto__":"y","toString":1,"base_currency":"EUR"}'));
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings.map((w) => w.column)).toEqual(['constructor', '__proto__', 'tostring']);
    expect(parsed.settings).toEqual({ ...DEFAULT_SETTINGS, base_currency: 'EUR' });
  });

  it('defaults', () => {
    expect(parseSettingsJson({}).settings).toEqual({
      base_currency: 'USD', churn_recognition: 'cancellation', auto_churn: null, sac_window_minutes: 60,
      transaction_fees: 'ignore',
    });
  });
  it('reads every setting from JSON', () => {
    const { settings, errors } = parseSettingsJson({
      base_currency: 'EUR', churn_recognition: 'service_period_end', auto_churn: 30, sac_window_minutes: 0,
      transaction_fees: 'deduct',
    });
    expect(errors).toEqual([]);
    expect(settings).toEqual({
      base_currency: 'EUR', churn_recognition: 'service_period_end', auto_churn: 30, sac_window_minutes: 0,
      transaction_fees: 'deduct',
    });
  });
  it('reads sheet key / value rows, where numbers may be text and empty means never', () => {
    const { settings, errors } = parseSettings([
      { key: 'Auto churn', value: '7', row: 2 },
      { key: 'sac_window_minutes', value: 30, row: 3 },
      { key: 'auto_churn', value: '', row: 4 },
    ]);
    expect(errors).toEqual([]);
    expect(settings.auto_churn).toBeNull();
    expect(settings.sac_window_minutes).toBe(30);
  });
  it('a bad value is reported on its row and the default kept', () => {
    const { settings, errors, warnings } = parseSettings([
      { key: 'auto_churn', value: 91, row: 2 },
      { key: 'base_currency', value: 'usd', row: 3 },
      { key: 'colour', value: 'red', row: 4 },
    ]);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(errors.map((e) => [e.row, e.column])).toEqual([[2, 'auto_churn'], [3, 'base_currency']]);
    expect(errors[0].message).toMatch(/auto_churn must be empty \(never\), missing_renewal or a number of days from 1 to 90; got '91'/);
    expect(warnings).toHaveLength(1);
  });
  it('settings.json that is not an object', () => {
    expect(parseSettingsJson([1, 2]).errors).toHaveLength(1);
  });
});
