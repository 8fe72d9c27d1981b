/** GET/PATCH /v1/account: the account and its settings (METRICS.md section 9). */
import { z } from '@hono/zod-openapi';

export const Settings = z.record(z.string(), z.unknown()).openapi('Settings', {
  description: 'Every setting of METRICS.md section 9 with its value (defaults included)',
  example: { base_currency: 'USD', churn_recognition: 'immediately' },
});

export const Account = z.object({
  uuid: z.string().optional().openapi({ description: 'Always sent by Mogul; absent from older ChartMogul answers', example: 'acc_3f2a…' }),
  name: z.string(),
  currency: z.string().openapi({ description: 'The base currency', example: 'USD' }),
  time_zone: z.string().openapi({ example: 'UTC' }),
  week_start_on: z.string().openapi({ example: 'monday' }),
  settings: Settings.optional().openapi({ description: "Mogul's: always sent; ChartMogul has none" }),
}).openapi('Account');
export type Account = z.infer<typeof Account>;

export const AccountUpdate = z.object({
  settings: z.record(z.string(), z.unknown(), { error: 'settings must be an object of setting → value' })
    .openapi({ description: 'The settings to change; the others keep their value', example: { churn_recognition: 'service_period_end' } }),
}).openapi('AccountUpdate');
