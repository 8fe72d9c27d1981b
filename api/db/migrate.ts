/** Applies the committed drizzle-kit migrations (api/db/migrations), once per database. */
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migrateNeon } from 'drizzle-orm/neon-serverless/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_DIR } from '../paths.ts';
import type { Database } from './client.ts';

/** Serialises concurrent start-ups against one server (an arbitrary, fixed lock number). */
const MIGRATION_LOCK = 74_201_122;

export async function migrate(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  await database.read(async (tx) => {
    if (database.kind === 'pglite') {
      await migratePglite(tx.db as never, config);
      return;
    }
    await tx.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      if (database.kind === 'pg') await migratePg(tx.db as never, config);
      else await migrateNeon(tx.db as never, config);
    } finally {
      await tx.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  });
}
