/** The structure comparison the replay relies on (shape.test-util.ts), and the ID rewriting. */
import { describe, expect, it } from 'vitest';
import { IdMap } from './ids.test-util.ts';
import { compareShapes } from './shape.test-util.ts';

describe('compareShapes', () => {
  it('reports keys we lack, lists keys we add, ignores values', () => {
    const r = compareShapes({ a: 1, b: { c: 'x' } }, { a: 2, b: { c: 'y', d: true }, e: null });
    expect(r.mismatches).toEqual([]);
    expect(r.extra).toEqual(['b.d', 'e']);
    expect(compareShapes({ a: 1, b: { c: 'x' } }, { a: 1, b: {} }).mismatches).toEqual(['b.c: missing']);
  });

  it('compares types, with null and the empty string compatible with any', () => {
    expect(compareShapes({ a: 1 }, { a: '1' }).mismatches).toEqual(['a: type string, recorded number']);
    expect(compareShapes({ a: 1, b: null, c: '' }, { a: null, b: 'x', c: 3 }).mismatches).toEqual([]);
  });

  it("flags null for a customer's name, email, company, external_id only", () => {
    const customer = { 'customer-since': null, name: 'A', email: '', company: 'C', external_id: 'x' };
    expect(compareShapes(customer, { ...customer, name: null, email: null }).mismatches).toEqual([
      'name: null, recorded a string (never null per API.md)',
      'email: null, recorded a string (never null per API.md)',
    ]);
    expect(compareShapes({ external_id: 'li-1' }, { external_id: null }).mismatches).toEqual([]);
  });

  it('compares lists by the union of their elements', () => {
    const recorded = { entries: [{ a: 1 }, { b: 'x' }] };
    expect(compareShapes(recorded, { entries: [{ a: 1, b: 'y' }] }).mismatches).toEqual([]);
    expect(compareShapes(recorded, { entries: [{ a: 1 }] }).mismatches).toEqual(['entries[].b: missing']);
    const empty = compareShapes(recorded, { entries: [] });
    expect(empty.mismatches).toEqual([]);
    expect(empty.notes).toEqual(["entries[]: our list is empty, the recording's is not (elements not compared)"]);
  });

  it('does not compare the keys of free-form maps (custom, stripe, clearbit)', () => {
    expect(compareShapes({ attributes: { custom: { CAC: 1 }, tags: ['a'] } }, { attributes: { custom: {}, tags: ['b'] } }).mismatches).toEqual([]);
    expect(compareShapes({ custom: {} }, { custom: [] }).mismatches).toEqual(['custom: type array, recorded object']);
  });
});

describe('IdMap', () => {
  it('learns IDs and cursors from a recorded answer and ours, pairing list elements by external ID', () => {
    const ids = new IdMap();
    const rec = 'sub_11111111-1111-1111-1111-111111111111';
    const ours = 'sub_22222222-2222-2222-2222-222222222222';
    ids.learn(
      { cursor: 'abc', subscriptions: [{ uuid: 'sub_33333333-3333-3333-3333-333333333333', external_id: 'b' }, { uuid: rec, external_id: 'a' }], id: 138979498 },
      { cursor: 'bzE', subscriptions: [{ uuid: ours, external_id: 'a' }], id: 7 },
    );
    expect(ids.get(rec)).toBe(ours);
    expect(ids.get('sub_33333333-3333-3333-3333-333333333333')).toBeUndefined();
    expect(ids.cursors.get('abc')).toBe('bzE');
    expect(ids.rewrite(`/v1/import/subscriptions/${rec}?subscription_event[id]=138979498`)).toBe(`/v1/import/subscriptions/${ours}?subscription_event[id]=7`);
  });
});
