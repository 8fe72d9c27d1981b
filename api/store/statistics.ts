/**
 * Planner statistics of tables a bulk write has grown. PostgreSQL's autovacuum analyses a
 * table only a while after it grew, and PGlite has no autovacuum at all; until then the
 * planner takes a table of 500,000 rows for an empty one and answers a 5,000-key lookup by
 * reading the whole table. So after a write, a table more than twice as large (in pages) as
 * when it was last analysed is analysed again: a few times per table as an import grows it.
 */
import type { Database, Tx } from '../db/client.ts';

/** 1 MB: smaller tables are read quickly whatever the plan. */
const MIN_PAGES = 128;

/** Tables being analysed by this process: a second request does not queue behind the first. */
const running = new Set<string>();

export async function analyseIfGrown(db: Database, tables: readonly string[]): Promise<string[]> {
  const candidates = tables.filter((t) => !running.has(t));
  if (candidates.length === 0) return [];
  // Statistics of every column but the JSON ones: no query filters on a JSON value (only on
  // fields picked out of it, which statistics of the whole value do not estimate), and reading
  // them for the sample (a customer's ledger is a large JSON value) is most of the work.
  const sizes = await db.read((tx) =>
    tx.query<{ name: string; analysed: number; pages: number; columns: string | null }>(
      `SELECT c.relname AS name, c.relpages AS analysed,
              (pg_relation_size(c.oid) / current_setting('block_size')::int)::int AS pages,
              (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
                WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                  AND a.atttypid NOT IN ('json'::regtype, 'jsonb'::regtype)) AS columns
         FROM pg_class c WHERE c.oid = ANY($1::regclass[])`,
      [candidates],
    ),
  );
  const grown = sizes.filter((s) => s.pages >= MIN_PAGES && s.pages > 2 * Math.max(s.analysed, 0));
  for (const { name, columns } of grown) {
    if (running.has(name)) continue;
    running.add(name);
    try {
      await db.read((tx) => tx.query(`ANALYZE ${name}${columns ? ` (${columns})` : ''}`));
    } catch {
      // A role that may not analyse the table (not its owner): autovacuum will, later. The
      // write this follows is committed either way, and must not be answered as a failure.
    } finally {
      running.delete(name);
    }
  }
  return grown.map((s) => s.name);
}

/**
 * For the rest of the transaction, plans fit for a batch's thousands of key look-ups: the
 * default cost of a random page (4, for spinning disks) makes the planner read whole tables
 * instead of probing their unique indexes.
 */
export async function planForKeyLookups(tx: Tx): Promise<void> {
  await tx.query('SET LOCAL random_page_cost = 1.1');
}

/** The tables a recompute rewrites (store/derived.ts, customer-ledgers.ts), which the reads of /v1 and /sync/results plan on. */
export const DERIVED_TABLES = ['customer_metrics', 'movements', 'subscriptions', 'customer_ledgers'] as const;
