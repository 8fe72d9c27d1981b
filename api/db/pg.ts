/** node-postgres (DATABASE_URL on any PostgreSQL server). */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { copyOut, copyThrough } from './copy-streams.ts';
import { redact, type Database, type Drizzle } from './database.ts';
import { poolDatabase, type PoolLike } from './pool-database.ts';
import * as schema from './schema.ts';

export function createPg(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return poolDatabase({
    kind: 'pg',
    describe: `PostgreSQL at ${redact(url)}`,
    pool: pool as unknown as PoolLike,
    wrap: (client) => drizzle(client as pg.PoolClient, { schema }) as unknown as Drizzle,
    copyFrom: copyThrough,
    copyTo: copyOut,
  });
}
