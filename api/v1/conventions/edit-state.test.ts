import { describe, expect, it } from 'vitest';
import { nextEditHistory } from './edit-state.ts';

const at = new Date('2026-01-02T03:04:05Z');

describe('edit history', () => {
  it('keeps the imported value as original across edits', () => {
    const first = nextEditHistory(null, { amount_in_cents: 1000 }, { amount_in_cents: 1200 }, 'api', at);
    expect(first).toEqual({
      values_changed: { amount_in_cents: { original_value: 1000, edited_value: 1200 } },
      latest_edit_author: 'api', latest_edit_performed_at: '2026-01-02T03:04:05.000Z',
    });
    const second = nextEditHistory(first, { amount_in_cents: 1200 }, { amount_in_cents: 1500 }, 'api', at);
    expect(second!.values_changed.amount_in_cents).toEqual({ original_value: 1000, edited_value: 1500 });
  });

  it('an edit back to the original leaves the summary; an unchanged value is no edit', () => {
    const first = nextEditHistory(null, { quantity: 1 }, { quantity: 2 }, null, at);
    expect(nextEditHistory(first, { quantity: 2 }, { quantity: 1 }, null, at)).toBeNull();
    expect(nextEditHistory(first, { quantity: 2 }, { quantity: 2 }, null, at)).toBe(first);
  });
});
