/**
 * Series already built for the same account inputs (one data version) and the same query:
 * dashboards repeat their queries between writes, and each build is a full pass over every
 * customer's inputs. Kept per inputs object, so a new data version starts empty and the old
 * entries go with the old inputs; at most MAX queries per version.
 */
import type { SeriesEntry } from '../../../shared/index.ts';
import type { AccountInputs } from '../../derived/series-inputs.ts';

const MAX = 64;
const memos = new WeakMap<AccountInputs, Map<string, SeriesEntry[]>>();

export function memoSeries(inputs: AccountInputs, key: string, build: () => SeriesEntry[]): SeriesEntry[] {
  let memo = memos.get(inputs);
  if (!memo) memos.set(inputs, (memo = new Map()));
  const hit = memo.get(key);
  if (hit) {
    memo.delete(key);
    memo.set(key, hit); // most recently used last
    return hit;
  }
  const built = build();
  memo.set(key, built);
  if (memo.size > MAX) memo.delete(memo.keys().next().value!);
  return built;
}
