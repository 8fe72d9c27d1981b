import { describe, expect, it } from 'vitest';
import { orderedUuids } from './row-ids.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('orderedUuids', () => {
  it('makes version 7 UUIDs, each greater than the one before, across calls too, and no two alike', () => {
    const ids = [...orderedUuids(5_000), ...orderedUuids(10_000), ...orderedUuids(1)];
    for (const id of ids) expect(id).toMatch(V7);
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('starts with the current millisecond', () => {
    const before = Date.now();
    const [id] = orderedUuids(1);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
  });
});
