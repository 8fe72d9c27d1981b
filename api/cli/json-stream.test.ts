import { describe, expect, it } from 'vitest';
import { writeJson } from './json-stream.ts';

async function render(value: Record<string, unknown>): Promise<string> {
  let out = '';
  await writeJson(value, async (chunk) => {
    out += chunk;
  });
  return out;
}

describe('writeJson', () => {
  it('writes exactly what JSON.stringify(value, null, 2) writes', async () => {
    const value = {
      as_of: '2024-01-31', empty: [], nothing: null,
      rows: [{ a: 1, b: [1, 2], c: { d: 'x' } }, { a: 2, b: [], c: null }],
      nested: { list: [1, 2, 3] }, text: 'a\nb', count: 3, flag: false, bare: {},
      // Past one batch of elements, nested arrays and objects in them.
      many: Array.from({ length: 1300 }, (_, i) => (i % 3 === 0 ? { i, deep: [[i], { j: [] }] } : i % 3 === 1 ? [i, 'x'] : `s${i}`)),
    };
    expect(await render(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
  it('leaves out undefined keys as JSON.stringify does', async () => {
    expect(JSON.parse(await render({ a: 1, b: undefined }))).toEqual({ a: 1 });
  });
  it('streams large arrays in chunks', async () => {
    const chunks: string[] = [];
    await writeJson({ rows: Array.from({ length: 50_000 }, (_, i) => ({ i, text: 'x'.repeat(40) })) }, async (c) => {
      chunks.push(c);
    });
    expect(chunks.length).toBeGreaterThan(2);
    expect(JSON.parse(chunks.join('')).rows).toHaveLength(50_000);
  });
  it('writes a RowList as the array of its rows, making them a batch at a time', async () => {
    const items = Array.from({ length: 1300 }, (_, i) => i);
    const slices: number[] = [];
    const list = {
      length: items.length,
      slice: (start: number, end: number) => {
        slices.push(end - start);
        return items.slice(start, end).map((i) => ({ i, text: `row ${i}` }));
      },
    };
    const none = { length: 0, slice: () => [] };
    const expected = { before: 1, rows: items.map((i) => ({ i, text: `row ${i}` })), none: [], after: 'x' };
    expect(await render({ before: 1, rows: list, none, after: 'x' })).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(Math.max(...slices)).toBeLessThan(items.length);
  });
});
