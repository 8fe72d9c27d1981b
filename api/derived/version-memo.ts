/**
 * Answers already built for the same account inputs (one data version) and the same query:
 * dashboards repeat their queries between writes, and each build is a full pass over every
 * customer's inputs (or, under plan conditions, an engine run). Kept per inputs object, so a
 * new data version starts empty and the old entries go with the old inputs; at most `max`
 * entries per version, the least recently used dropped first.
 */
import type { AccountInputs } from './series-inputs.ts';

export class VersionMemo<T> {
  private readonly memos = new WeakMap<AccountInputs, Map<string, T>>();

  constructor(private readonly max: number) {}

  get(inputs: AccountInputs, key: string, build: () => T): T {
    let memo = this.memos.get(inputs);
    if (!memo) this.memos.set(inputs, (memo = new Map()));
    const hit = memo.get(key);
    if (hit !== undefined) {
      memo.delete(key);
      memo.set(key, hit); // most recently used last
      return hit;
    }
    const built = build();
    memo.set(key, built);
    if (memo.size > this.max) memo.delete(memo.keys().next().value!);
    return built;
  }

  /** Forgets one entry (a build that failed). */
  drop(inputs: AccountInputs, key: string): void {
    this.memos.get(inputs)?.delete(key);
  }
}
