/**
 * Account settings (METRICS.md section 9), from settings.json or the Settings tab's
 * key / value rows. A bad value is reported and its default used; nothing else is lost.
 */
import { z } from 'zod';
import { cellText } from './values.ts';
import type { RowError, TableWarning } from './table.ts';

export interface Settings {
  base_currency: string;
  churn_recognition: 'cancellation' | 'service_period_end';
  auto_churn: null | 'missing_renewal' | number;
  sac_window_minutes: number;
  transaction_fees: 'ignore' | 'deduct';
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  base_currency: 'USD',
  churn_recognition: 'cancellation',
  auto_churn: null,
  sac_window_minutes: 60,
  transaction_fees: 'ignore',
});

/** Sheet cells and JSON both arrive here: numbers may be text, null may be an empty cell. */
const wholeNumber = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

export const settingSchemas: { [K in keyof Settings]: z.ZodType<Settings[K]> } = {
  base_currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'base_currency must be a three-letter upper-case ISO 4217 code such as USD'),
  churn_recognition: z.enum(['cancellation', 'service_period_end'], {
    error: 'churn_recognition must be cancellation or service_period_end',
  }),
  auto_churn: z.union(
    [
      z.null(),
      z.literal('').transform(() => null),
      z.literal('null').transform(() => null),
      z.literal('missing_renewal'),
      wholeNumber.pipe(z.number().int().min(1).max(90)),
    ],
    { error: 'auto_churn must be empty (never), missing_renewal or a number of days from 1 to 90' },
  ),
  sac_window_minutes: wholeNumber.pipe(
    z.number({ error: 'sac_window_minutes must be a whole number of minutes from 0 to 1440' })
      .int('sac_window_minutes must be a whole number of minutes from 0 to 1440')
      .min(0, 'sac_window_minutes must be from 0 to 1440')
      .max(1440, 'sac_window_minutes must be from 0 to 1440'),
  ),
  transaction_fees: z.enum(['ignore', 'deduct'], { error: 'transaction_fees must be ignore or deduct' }),
};

export const SETTING_KEYS = Object.keys(settingSchemas) as (keyof Settings)[];

/** What each setting accepts, after its name (a caller names the setting as its user sees it). */
export const SETTING_RULES: Record<keyof Settings, string> = {
  base_currency: 'must be a three-letter upper-case ISO 4217 code such as USD',
  churn_recognition: 'must be cancellation or service_period_end',
  auto_churn: 'must be empty (never), missing_renewal or a number of days from 1 to 90',
  sac_window_minutes: 'must be a whole number of minutes from 0 to 1440',
  transaction_fees: 'must be ignore or deduct',
};

/** What each setting accepts, for messages (zod's own issue may name a nested branch). */
export const SETTING_HELP = Object.fromEntries(
  SETTING_KEYS.map((k) => [k, `${k} ${SETTING_RULES[k]}`]),
) as Record<keyof Settings, string>;

export interface SettingEntry {
  key: unknown;
  value: unknown;
  /** Row in the Settings tab (header = 1); for settings.json, the key's position + 1. */
  row: number;
}

export interface ParsedSettings {
  settings: Settings;
  errors: RowError[];
  warnings: TableWarning[];
}

export function parseSettings(entries: readonly SettingEntry[], base: Settings = DEFAULT_SETTINGS): ParsedSettings {
  const settings: Settings = { ...base };
  const errors: RowError[] = [];
  const warnings: TableWarning[] = [];
  for (const entry of entries) {
    const key = cellText(entry.key).toLowerCase().replace(/\s+/g, '_');
    if (key === '') continue;
    // Own keys only: `constructor` or `__proto__` are in every object, and are no setting.
    if (!Object.prototype.hasOwnProperty.call(settingSchemas, key)) {
      warnings.push({ dataset: 'settings', column: key, message: `Unknown setting '${key}' was ignored` });
      continue;
    }
    const name = key as keyof Settings;
    const raw = typeof entry.value === 'string' ? entry.value.trim() : entry.value;
    const result = settingSchemas[name].safeParse(raw ?? null);
    if (result.success) {
      (settings as unknown as Record<string, unknown>)[name] = result.data;
    } else {
      errors.push({
        dataset: 'settings',
        row: entry.row,
        column: name,
        value: cellText(raw),
        message: `${SETTING_HELP[name]}; got '${cellText(raw)}'`,
      });
    }
  }
  return { settings, errors, warnings };
}

/** settings.json: an object of setting → value. */
export function parseSettingsJson(json: unknown, base: Settings = DEFAULT_SETTINGS): ParsedSettings {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return {
      settings: { ...base },
      errors: [{ dataset: 'settings', row: 1, column: 'settings.json', value: '', message: 'settings.json must hold a JSON object of setting → value' }],
      warnings: [],
    };
  }
  return parseSettings(
    Object.entries(json).map(([key, value], i) => ({ key, value, row: i + 2 })),
    base,
  );
}
