/**
 * GET /v1/customers/{uuid}/profile: the response schema. Mogul's own endpoint in the
 * conventions of ChartMogul's metrics API: hyphenated keys, money in cents of the account
 * currency, instants as 2016-01-01T12:00:00+00:00. Subscriptions and movements are the objects
 * of /v1/customers/{uuid}/subscriptions and /activities.
 */
import { z } from '@hono/zod-openapi';
import { CustomerActivity } from '../../activities/schemas.ts';
import { CustomerSubscription } from '../../subscriptions/schemas.ts';

const cents = (description: string) => z.number().openapi({ description: `${description}, in cents of the account currency` });
const instant = (description: string) => z.string().nullable().openapi({ description, example: '2024-01-15T00:00:00+00:00' });

export const ProfileHeader = z.object({
  status: z.string().openapi({ description: 'New Lead, Active, Past Due or Cancelled', example: 'Active' }),
  mrr: cents('MRR of its active and past-due subscriptions'),
  arr: cents('12 × MRR'),
  'net-payments': cents('Successful payments minus successful refunds'),
  'subscriber-since': instant('Its first new business (null while a lead)'),
  'customer-since': instant('The same instant, as the customer object names it'),
  subscriptions: z.number().int().openapi({ description: 'Active and past-due subscriptions (a set counts once)' }),
  quantity: z.number().openapi({ description: 'Their quantity' }),
}).openapi('CustomerProfileHeader');

export const ProfileDetails = z.object({
  uuid: z.string().openapi({ example: 'cus_5915ee5a-babd-406b-b8ce-d207133fb4cb' }),
  'external-id': z.string(),
  name: z.string(),
  email: z.string().openapi({ description: 'The contact email ("" when none)' }),
  company: z.string(),
  country: z.string().nullable().openapi({ description: 'ISO 3166-1 alpha-2 code', example: 'US' }),
  'country-name': z.string().nullable().openapi({ example: 'United States' }),
  state: z.string().nullable(),
  city: z.string().nullable(),
  zip: z.string().nullable(),
  'lead-created-at': instant('When it became a lead'),
  'free-trial-started-at': instant('When its free trial started'),
  'data-source-uuid': z.string().openapi({ example: 'ds_5ee8bf93-b0b4-4722-8a17-6b624a3af072' }),
  'data-source-name': z.string(),
  'billing-system-type': z.string().openapi({ example: 'Import API' }),
  'website-url': z.string().nullable(),
  owner: z.string().nullable(),
}).openapi('CustomerProfileDetails');

export const ProfileAttributes = z.object({
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()).openapi({
    description: 'Custom attributes, key → value: numbers, booleans, texts, and dates as 2016-01-01T00:00:00.000Z',
    example: { Industry: 'Retail', Seats: 12 },
  }),
}).openapi('CustomerProfileAttributes');

export const ProfileMrrEntry = z.object({
  date: z.string().openapi({ description: "The month's last day (today for the current month)", example: '2024-01-31' }),
  mrr: cents('MRR at the end of the day'),
  arr: cents('12 × MRR'),
  'mrr-new-business': cents('New business in the month'),
  'mrr-expansion': cents('Expansion in the month'),
  'mrr-contraction': cents('Contraction in the month (negative)'),
  'mrr-churn': cents('Churn in the month (negative)'),
  'mrr-reactivation': cents('Reactivation in the month'),
}).openapi('CustomerProfileMrrEntry');

export const ProfileRevenueMonth = z.object({
  month: z.string().openapi({ example: '2024-01' }),
  amount: cents('Revenue recognised in the month (METRICS.md section 10)'),
}).openapi('CustomerProfileRevenueMonth');

export const ProfileTransaction = z.object({
  date: z.string().openapi({ example: '2024-01-15T10:00:00+00:00' }),
  'external-id': z.string().nullable(),
  'invoice-external-id': z.string(),
  type: z.enum(['payment', 'refund']),
  result: z.enum(['successful', 'failed']),
  amount: cents('Its own amount or the invoice total, at the rate of its day; a failed one shows what it tried to take'),
}).openapi('CustomerProfileTransaction');

export const CustomerProfile = z.object({
  'as-of': z.string().openapi({ description: 'The day the figures are for (today)', example: '2024-06-30' }),
  currency: z.string().openapi({ example: 'USD' }),
  'currency-sign': z.string().openapi({ example: '$' }),
  header: ProfileHeader,
  details: ProfileDetails,
  attributes: ProfileAttributes,
  'mrr-series': z.array(ProfileMrrEntry).openapi({ description: 'Monthly, from the month of its first movement to today' }),
  subscriptions: z.array(CustomerSubscription).openapi({ description: 'Every subscription, current and past, oldest first' }),
  movements: z.array(CustomerActivity).openapi({ description: 'Its MRR movements, oldest first' }),
  'revenue-schedule': z.array(ProfileRevenueMonth).openapi({ description: 'Revenue recognised per calendar month' }),
  transactions: z.array(ProfileTransaction).openapi({ description: 'Payments and refunds, successful and failed, oldest first' }),
}).openapi('CustomerProfile');
export type CustomerProfile = z.infer<typeof CustomerProfile>;
