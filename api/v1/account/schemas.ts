/** GET/PATCH /v1/account: the account and its settings (METRICS.md section 9). */
import { z } from '@hono/zod-openapi';

export const Settings = z.record(z.string(), z.unknown()).openapi('Settings', {
  description: 'Every setting of METRICS.md section 9 with its value (defaults included)',
  example: { base_currency: 'USD', churn_recognition: 'immediately' },
});

export const Account = z.object({
  id: z.string().optional().openapi({ description: "ChartMogul's key for the account's ID: always sent by Mogul; absent from older ChartMogul answers", example: 'acc_3f2a…' }),
  uuid: z.string().optional().openapi({ description: 'The same ID (Mogul sent it first under this key)', example: 'acc_3f2a…' }),
  name: z.string(),
  currency: z.string().openapi({ description: 'The base currency', example: 'USD' }),
  time_zone: z.string().openapi({ example: 'UTC' }),
  week_start_on: z.string().openapi({ example: 'monday' }),
  settings: Settings.optional().openapi({ description: "Mogul's: always sent; ChartMogul has none" }),
  churn_recognition: z.string().optional().openapi({ description: 'With include: churn_at_time_of_cancelation or churn_at_period_end' }),
  churn_when_zero_mrr: z.boolean().optional().openapi({ description: 'With include: always false (a customer with an active $0 subscription is kept)' }),
  auto_churn_subscription: z.boolean().optional().openapi({ description: 'With include: whether past-due subscriptions churn automatically (setting auto_churn)' }),
  refund_handling: z.string().optional().openapi({ description: 'With include: always refund_ignore (refunds change no MRR)' }),
  proximate_movement_reclassification: z.string().optional().openapi({
    description: 'With include: the smart-grouping window (sac_window_minutes), e.g. one_hour_reclassification or reclassification_off',
  }),
}).openapi('Account');
export type Account = z.infer<typeof Account>;

export const AccountUpdate = z.object({
  settings: z.record(z.string(), z.unknown(), { error: 'settings must be an object of setting → value' })
    .openapi({ description: 'The settings to change; the others keep their value', example: { churn_recognition: 'service_period_end' } }),
}).openapi('AccountUpdate');

export const AccountQuery = z.object({
  include: z.string().optional().openapi({
    description: 'Comma-separated settings to add to the answer: churn_recognition, churn_when_zero_mrr, auto_churn_subscription, refund_handling, proximate_movement_reclassification',
    example: 'churn_recognition,churn_when_zero_mrr',
  }),
});
