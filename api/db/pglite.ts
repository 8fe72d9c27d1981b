/**
 * Embedded PGlite (the default): a folder on disk, or memory; one connection, so work is
 * serialised. A folder is locked for as long as it is open: one process at a time.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { decodeChunks } from './copy-streams.ts';
import { lockFolder, type FolderLock } from './folder-lock.ts';
import { inTransaction, type Database, type Drizzle, type Tx } from './database.ts';
import * as schema from './schema.ts';

/** Serialises work on PGlite's single connection: a transaction must not interleave with others. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * `from`: a data directory dumped by `snapshot()` to start from instead of an empty one
 * (starting from a migrated dump skips initdb and the migrations: the tests' databases).
 */
export async function createPglite(dataDir: string | undefined, from?: Blob): Promise<Database> {
  let folderLock: FolderLock | null = null;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    folderLock = lockFolder(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir, from ? { loadDataDir: from } : {});
  } catch (e) {
    folderLock?.release();
    throw e;
  }
  const tx: Tx = {
    db: drizzle(client, { schema }) as unknown as Drizzle,
    query: async <T>(text: string, params?: unknown[]) => (await client.query<T>(text, params)).rows,
    copyFrom: async (table, columns, text) => {
      await client.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
    },
    copyTo: async function* (query) {
      const result = await client.query(`COPY (${query}) TO '/dev/blob'`);
      if (result.blob) yield* decodeChunks(result.blob.stream());
    },
    copyLists: true,
  };
  const lock = new Mutex();
  return {
    kind: 'pglite',
    describe: dataDir ? `PGlite in ${dataDir}` : 'PGlite in memory',
    transaction: (work) => lock.run(() => inTransaction((sql) => client.exec(sql), () => work(tx))),
    read: (work) => lock.run(() => work(tx)),
    snapshot: () => lock.run(() => client.dumpDataDir('none')),
    close: () => lock.run(async () => {
      try {
        await client.close();
      } finally {
        folderLock?.release();
      }
    }),
  };
}
