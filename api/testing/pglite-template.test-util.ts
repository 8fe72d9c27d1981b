/**
 * A migrated, empty PGlite data directory that the tests' PGlite databases start from: a new
 * PGlite runs initdb (seconds of WASM) and then every migration; loading a dump of one that
 * already did is a fraction of that. The dump is made once per machine for the current
 * migrations and PGlite version (its name carries their hash) and kept in the temp folder;
 * test files running side by side may both make it, and the last rename wins.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { MIGRATIONS_DIR, REPO_ROOT } from '../paths.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Changes whenever a migration or the PGlite package does. */
function templateKey(): string {
  const hash = createHash('sha256');
  const pglite = join(REPO_ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json');
  for (const file of [pglite, ...filesUnder(MIGRATIONS_DIR)]) hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

let cached: Promise<Blob> | null = null;

/** The dump to pass as createDb's `from`. */
export function migratedPgliteTemplate(): Promise<Blob> {
  return (cached ??= load());
}

async function load(): Promise<Blob> {
  const path = join(tmpdir(), `mogul-test-pglite-${templateKey()}.tar`);
  if (existsSync(path)) return new Blob([readFileSync(path)]);
  const db = await createDb({}, { memory: true });
  try {
    await migrate(db);
    const dump = await db.snapshot!();
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
    return dump;
  } finally {
    await db.close();
  }
}
