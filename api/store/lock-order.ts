/**
 * The one order in which writes lock rows of a table: by their conflict key. Two
 * transactions that insert, update or delete overlapping rows in the same order may wait for
 * each other but never deadlock; in the order a client happened to send them, they do.
 *
 * Keys compare by Unicode code point, which is UTF-8 byte order, PostgreSQL's "C" collation:
 * SQL that writes rows `ORDER BY … COLLATE "C"` takes them in the same order as this.
 */

/** Negative, zero or positive as a sorts before, with or after b (code point order). */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate is half of a code point above U+FFFF: after every other UTF-16 unit.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    return xs === ys ? x - y : xs ? 1 : -1;
  }
  return a.length - b.length;
}

/** The positions 0…n−1 ordered by `keys` (stable among equal keys). */
export function keyOrder(keys: readonly string[]): number[] {
  return keys.map((_, i) => i).sort((i, j) => compareKeys(keys[i], keys[j]) || i - j);
}

/** The distinct strings, in lock order. */
export function sortedKeys(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareKeys);
}
