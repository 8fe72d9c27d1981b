/**
 * A transaction PostgreSQL aborted because it lost a deadlock (SQLSTATE 40P01) or a
 * serialization conflict (40001) was rolled back whole, and nothing of it was answered yet:
 * running it again from the start is safe, and once the other transaction has committed it
 * usually goes through. Writes take their locks in one order (store/lock-order.ts), so this
 * is the second line, for lock orders no code foresaw.
 */

export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['40P01', '40001']);

/** Runs in all, the first included. */
export const TRANSACTION_ATTEMPTS = 5;

export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

let retried = 0;

/** How many times a transaction ran again in this process so far (where the lock order failed). */
export const retriedSoFar = () => retried;

/** A random pause that doubles with each attempt (10–30 ms, then 20–60 ms, …), so two losers do not collide again in step. */
const jitteredPause = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, (10 + 20 * Math.random()) * 2 ** (attempt - 1)));

export async function retryingConflicts<T>(
  run: () => Promise<T>,
  { attempts = TRANSACTION_ATTEMPTS, pause = jitteredPause }: { attempts?: number; pause?: (attempt: number) => Promise<void> } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= attempts || !isRetryable(e)) throw e;
      retried++;
      await pause(attempt);
    }
  }
}
