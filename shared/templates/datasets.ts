/**
 * The template datasets of DATA.md: one per CSV file, sheet tab and /sync path. Their
 * headers, tabs and files are read off the datasets' specs (specs/*.ts).
 */
import { DATASET_SPECS } from './specs/index.ts';

export const DATASET_NAMES = [
  'customers',
  'contacts',
  'plans',
  'invoices',
  'line_items',
  'transactions',
  'subscription_events',
  'cancellations',
  'manual_subscriptions',
  'exchange_rates',
] as const;

export type DatasetName = (typeof DATASET_NAMES)[number];

const fromSpecs = <T>(of: (spec: (typeof DATASET_SPECS)[DatasetName]) => T) =>
  Object.fromEntries(DATASET_NAMES.map((name) => [name, of(DATASET_SPECS[name])])) as Record<DatasetName, T>;

/** Header lists in template order. */
export const TEMPLATE_HEADERS: Record<DatasetName, readonly string[]> = fromSpecs((spec) => spec.columns.map((c) => c.header));

/** CSV file name in a template folder. */
export const DATASET_FILES: Record<DatasetName, string> = fromSpecs((spec) => spec.file);

/** Sheet tab name in the add-on. */
export const DATASET_TABS: Record<DatasetName, string> = fromSpecs((spec) => spec.tab);

/**
 * Parents before children: a dataset only references datasets earlier in this list,
 * so syncing in this order never sends a row before what it points at.
 */
export const DEPENDENCY_ORDER: readonly DatasetName[] = [
  'customers',
  'plans',
  'exchange_rates',
  'contacts',
  'invoices',
  'line_items',
  'transactions',
  'subscription_events',
  'cancellations',
  'manual_subscriptions',
];
