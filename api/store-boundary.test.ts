/**
 * api/store/ is the only code that talks SQL (api/db/ opens the connections and runs the
 * migrations). Shipping code elsewhere in api/ may not import drizzle-orm's query builder or
 * write SQL text; tests may (fixtures read rows back).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const API = import.meta.dirname;
const ALLOWED = ['store', 'db'];

function shippingSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : shippingSources(path);
    return /\.(ts|mts)$/.test(e.name) && !/\.test(-util)?\.ts$/.test(e.name) ? [path] : [];
  });
}

const SQL_SIGNS: { what: string; pattern: RegExp }[] = [
  { what: 'imports drizzle-orm', pattern: /from\s+['"]drizzle-orm(?:\/[^'"]*)?['"]/ },
  { what: 'writes SQL text', pattern: /\bsql(?:\.raw)?\s*[`(]/ },
  { what: 'writes SQL text', pattern: /['"`]\s*(?:SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\s/ },
];

/** The bench's peer is DuckDB, a database of its own: its queries are the peer's, not Mogul's. */
const talksToDuckDb = (text: string) => /from\s+['"]@duckdb\/node-api['"]/.test(text);

function sqlOutsideStore(files: readonly string[]): string[] {
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    if (talksToDuckDb(text)) return [];
    return SQL_SIGNS.filter((s) => s.pattern.test(text)).map((s) => `${relative(API, file)} ${s.what}`);
  });
}

describe('the SQL boundary', () => {
  const outside = shippingSources(API).filter((f) => !ALLOWED.includes(relative(API, f).split(/[\\/]/)[0]));

  it('no shipping code outside api/store and api/db talks SQL', () => {
    expect(outside.length).toBeGreaterThan(50);
    expect(sqlOutsideStore(outside)).toEqual([]);
  });

  it('the check sees SQL where it is (api/store)', () => {
    const store = shippingSources(join(API, 'store'));
    expect(sqlOutsideStore(store).length).toBeGreaterThan(10);
  });
});
