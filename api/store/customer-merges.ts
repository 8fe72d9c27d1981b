/**
 * Merges kept so they can be undone (customer_merges): the merged customer's row as it was, the
 * rows that moved (customer-data.ts's MovedRows) and what the merge added to the surviving
 * customer's attributes (under `attributes.tags` and `attributes.custom`: tags and custom keys
 * it did not have). An unmerge restores the row, with its ID, and forgets the merge.
 */
import { and, desc, eq, getTableColumns } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/client.ts';
import { customerMerges, customers } from '../db/schema.ts';
import type { MovedRows } from './customer-data.ts';

export type CustomerSnapshot = typeof customers.$inferSelect;

export const ADDED_TAGS = 'attributes.tags';
export const ADDED_CUSTOM = 'attributes.custom';

export async function customerSnapshot(tx: Tx, id: string): Promise<CustomerSnapshot> {
  const [row] = await tx.db.select().from(customers).where(eq(customers.id, id));
  return row;
}

export interface MergeRecord {
  accountId: string;
  intoCustomerId: string;
  from: CustomerSnapshot;
  moved: MovedRows;
}

export async function recordMerge(tx: Tx, m: MergeRecord): Promise<void> {
  await tx.db.insert(customerMerges).values({
    accountId: m.accountId,
    intoCustomerId: m.intoCustomerId,
    fromCustomerId: m.from.id,
    fromDataSourceId: m.from.dataSourceId,
    fromExternalId: m.from.externalId,
    fromCustomer: m.from as unknown as Record<string, unknown>,
    moved: m.moved,
  });
}

export interface StoredMerge {
  id: string;
  from: CustomerSnapshot;
  moved: MovedRows;
}

/** The latest merge of that data source's customer into the customer, or null. */
export async function findMerge(tx: Tx, accountId: string, intoCustomerId: string, fromDataSourceId: string, fromExternalId: string): Promise<StoredMerge | null> {
  const [row] = await tx.db.select({ id: customerMerges.id, from: customerMerges.fromCustomer, moved: customerMerges.moved })
    .from(customerMerges)
    .where(and(
      eq(customerMerges.accountId, accountId), eq(customerMerges.intoCustomerId, intoCustomerId),
      eq(customerMerges.fromDataSourceId, fromDataSourceId), eq(customerMerges.fromExternalId, fromExternalId),
    ))
    .orderBy(desc(customerMerges.createdAt))
    .limit(1);
  return row ? { id: row.id, from: fromJson(row.from), moved: row.moved } : null;
}

export async function forgetMerge(tx: Tx, id: string): Promise<void> {
  await tx.db.delete(customerMerges).where(eq(customerMerges.id, id));
}

/** The snapshot as stored in jsonb (instants as ISO text) back as a row. */
function fromJson(json: Record<string, unknown>): CustomerSnapshot {
  const row: Record<string, unknown> = { ...json };
  for (const [field, column] of Object.entries(getTableColumns(customers))) {
    const v = row[field];
    if (typeof v === 'string' && (column as PgColumn).getSQLType() === 'timestamp with time zone') row[field] = new Date(v);
  }
  return row as CustomerSnapshot;
}

/** Puts the customer's row back as it was; false when its ID or its external ID in its data source is taken. */
export async function restoreCustomer(tx: Tx, row: CustomerSnapshot): Promise<boolean> {
  const inserted = await tx.db.insert(customers).values(row).onConflictDoNothing().returning({ id: customers.id });
  return inserted.length > 0;
}
