/** Data sources by name: the one a /sync request writes to, created on first use. */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { dataSources } from '../db/schema.ts';

/** The data source of that name, if the account has one. */
export async function dataSourceNamed(tx: Tx, accountId: string, name: string): Promise<string | null> {
  const [row] = await tx.db
    .select({ id: dataSources.id })
    .from(dataSources)
    .where(and(eq(dataSources.accountId, accountId), eq(dataSources.name, name)));
  return row?.id ?? null;
}

/**
 * The data source of that name, created (system 'Mogul Sync') when the account has none. Looks
 * up before inserting, and inserts with DO NOTHING: no row lock is taken on an existing data
 * source, so parallel batches cannot deadlock on it.
 */
export async function dataSourceByName(tx: Tx, accountId: string, name: string): Promise<string> {
  const existing = await dataSourceNamed(tx, accountId, name);
  if (existing !== null) return existing;
  const [inserted] = await tx.db
    .insert(dataSources)
    .values({ accountId, name, system: 'Mogul Sync' })
    .onConflictDoNothing({ target: [dataSources.accountId, dataSources.name] })
    .returning({ id: dataSources.id });
  return inserted?.id ?? (await dataSourceNamed(tx, accountId, name))!;
}
