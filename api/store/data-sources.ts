/** Data sources in the store: lookups by ID within an account. */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { dataSources } from '../db/schema.ts';

export interface DataSourceRow {
  id: string;
  name: string;
  system: string;
  createdAt: Date;
}

export async function dataSourceByUuid(tx: Tx, accountId: string, id: string): Promise<DataSourceRow | null> {
  const [row] = await tx.db
    .select({ id: dataSources.id, name: dataSources.name, system: dataSources.system, createdAt: dataSources.createdAt })
    .from(dataSources)
    .where(and(eq(dataSources.accountId, accountId), eq(dataSources.id, id)));
  return row ?? null;
}
