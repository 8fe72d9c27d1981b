/**
 * Each template dataset's table, and how a parsed record maps to its columns. The mapping
 * is read from the drizzle table itself: record fields and table fields share their names.
 */
import { getTableColumns } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DatasetName } from '../../shared/index.ts';
import * as schema from '../db/schema.ts';

export const DATASET_TABLES: Record<DatasetName, PgTable> = {
  customers: schema.customers,
  contacts: schema.contacts,
  plans: schema.plans,
  invoices: schema.invoices,
  line_items: schema.lineItems,
  transactions: schema.transactions,
  subscription_events: schema.subscriptionEvents,
  cancellations: schema.cancellations,
  manual_subscriptions: schema.manualSubscriptions,
  exchange_rates: schema.exchangeRates,
};

/** Datasets whose rows are identified by their external ID column (not by `key`). */
export const KEYED_BY_EXTERNAL_ID: ReadonlySet<DatasetName> = new Set(['customers', 'plans', 'invoices']);

/** Columns the store fills itself, not from a record field (and /v1-only ones no template column fills). */
const BOOKKEEPING = new Set([
  'id', 'accountId', 'dataSourceId', 'createdAt', 'key', 'position', 'status', 'attributes', 'websiteUrl', 'owner', 'custom',
  // The Import API's edit state (schema.ts editState): a re-sent row keeps it.
  'collectionMethod', 'disabled', 'disabledAt', 'disabledBy', 'userCreated', 'editHistory',
]);

/**
 * Record fields of one dataset that only /v1 fills (the template has no such column): loaded
 * for the engine, never written by a template write (a re-sent row keeps them), never part of a
 * row's content key.
 */
const V1_ONLY: Partial<Record<DatasetName, ReadonlySet<string>>> = { subscription_events: new Set(['eventOrder']) };

export function isV1Only(dataset: DatasetName, field: string): boolean {
  return V1_ONLY[dataset]?.has(field) ?? false;
}

export interface StoredColumn {
  field: string;
  column: string;
  /** Postgres type for array parameters, e.g. `text`, `bigint`, `timestamptz`. */
  type: string;
}

function pgType(column: PgColumn): string {
  const t = column.getSQLType();
  return t === 'timestamp with time zone' ? 'timestamptz' : t;
}

/** The columns a template write sets from a record's fields. */
export function recordColumns(dataset: DatasetName): StoredColumn[] {
  return loadedColumns(dataset).filter((c) => !isV1Only(dataset, c.field));
}

/** The columns read back into a record: the written ones and the /v1-only ones. */
export function loadedColumns(dataset: DatasetName): StoredColumn[] {
  return Object.entries(getTableColumns(DATASET_TABLES[dataset]))
    .filter(([field]) => !BOOKKEEPING.has(field))
    .map(([field, column]) => ({ field, column: column.name, type: pgType(column as PgColumn) }));
}

export function tableName(dataset: DatasetName): string {
  return (DATASET_TABLES[dataset] as unknown as { [k: symbol]: string })[Symbol.for('drizzle:Name')];
}

/** A record field value as a query parameter (instants as ISO strings, rates as decimals). */
export function toParam(field: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field === 'rate') {
    const { num, den } = value as { num: number; den: number };
    return decimalString(num, den);
  }
  if (typeof value === 'number' && isInstantField(field)) return new Date(value).toISOString();
  return value;
}

const INSTANT_FIELDS = new Set([
  'leadCreatedAt', 'freeTrialStartedAt', 'date', 'dueDate', 'servicePeriodStart', 'servicePeriodEnd',
  'effectiveDate', 'cancelledAt',
]);

export function isInstantField(field: string): boolean {
  return INSTANT_FIELDS.has(field);
}

function decimalString(num: number, den: number): string {
  if (den === 1) return String(num);
  const digits = String(den).length - 1;
  const s = String(num).padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
