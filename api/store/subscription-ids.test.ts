/** store/subscription-ids.ts: a subscription's sub_ UUID from its data source and external ID. */
import { describe, expect, it } from 'vitest';
import { subscriptionUuid } from './subscription-ids.ts';

const DS = '3f1d8a52-7c4e-4b0a-9d2e-5a6b7c8d9e0f';

describe('subscriptionUuid', () => {
  it('is a version 5, RFC 4122 variant UUID, the same every time', () => {
    const id = subscriptionUuid(DS, 'sub-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(subscriptionUuid(DS, 'sub-1')).toBe(id);
  });

  it('differs by external ID and by data source, also where a naive join of the two would meet', () => {
    const other = 'a0000000-0000-4000-8000-000000000000';
    const ids = [subscriptionUuid(DS, 'sub-1'), subscriptionUuid(DS, 'sub-2'), subscriptionUuid(other, 'sub-1'), subscriptionUuid(DS, 'sub-1 ')];
    expect(new Set(ids).size).toBe(ids.length);
  });
});
