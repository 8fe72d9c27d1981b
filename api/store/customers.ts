/** Customers in the store: lookups by ID within an account. */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { customers } from '../db/schema.ts';

export interface CustomerRef {
  id: string;
  dataSourceId: string;
  externalId: string;
  name: string;
}

export async function customerByUuid(tx: Tx, accountId: string, id: string): Promise<CustomerRef | null> {
  const [row] = await tx.db
    .select({ id: customers.id, dataSourceId: customers.dataSourceId, externalId: customers.externalId, name: customers.name })
    .from(customers)
    .where(and(eq(customers.accountId, accountId), eq(customers.id, id)));
  return row ?? null;
}
