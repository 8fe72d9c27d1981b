/**
 * Recompute on a queue (issue 13): a write that committed asks for a plan of its account
 * (kick, through the app's middleware kick.ts), the plan sends slice jobs, and any number of
 * consumers recompute the slices (recompute-work.ts has the jobs and their Decision). The
 * queue is pg-boss on Node with PostgreSQL (pg-boss-queue.ts) and Cloudflare Queues on the
 * Worker (cloudflare-queue.ts); on PGlite there is none, and reads recompute what writes
 * marked, as they always do.
 */
import type { Context } from 'hono';
import { formatDate } from '../../shared/index.ts';
import type { Database } from '../db/client.ts';
import { accountsWithWork } from '../store/dirty.ts';
import { analyseIfGrown, DERIVED_TABLES } from '../store/statistics.ts';
import { planRecompute, recomputeSlice, type SliceOutcome } from './recompute-work.ts';

export interface RecomputeMessage {
  kind: 'plan' | 'slice';
  accountId: string;
}

export interface RecomputeQueue {
  /** After a write committed: a plan for the account. Never throws, never holds up the answer (`c` keeps it alive on the Worker). */
  kick(accountId: string, c?: Context): void;
}

export interface ConsumerOptions {
  db: Database;
  today: () => number;
  /** Customers per slice job. */
  sliceCustomers: number;
  /** Runs inside a slice after its marks are taken (MOGUL_TEST_HOLD_SLICE, tests only). */
  holding?: () => Promise<void>;
  /** Each committed slice, with when it started and how long it took (logs; tests check that every customer is computed once). */
  onSlice?: (accountId: string, outcome: SliceOutcome, timing: { startedAt: number; ms: number }) => void;
}

/** Does one message; answers the messages to send next. */
export async function consumeRecompute(options: ConsumerOptions, message: RecomputeMessage): Promise<RecomputeMessage[]> {
  const today = options.today();
  if (message.kind === 'plan') {
    const slices = await planRecompute(options.db, message.accountId, today, options.sliceCustomers);
    return Array.from({ length: slices }, () => ({ kind: 'slice' as const, accountId: message.accountId }));
  }
  const startedAt = Date.now();
  const outcome = await recomputeSlice(options.db, message.accountId, today, options.sliceCustomers, options.holding);
  if (outcome.customers.length > 0) await analyseIfGrown(options.db, DERIVED_TABLES);
  if (outcome.customers.length > 0) options.onSlice?.(message.accountId, outcome, { startedAt, ms: Date.now() - startedAt });
  return outcome.needsPlan ? [{ kind: 'plan', accountId: message.accountId }] : [];
}

/**
 * Plans for every account with work waiting: customers marked by a write that sent no plan (a
 * JSON import's job, `mogul rates update`) or a new day. Sent every five minutes on pg-boss.
 */
export async function sweepMessages(db: Database, today: number): Promise<RecomputeMessage[]> {
  const accounts = await db.read((tx) => accountsWithWork(tx, formatDate(today)));
  return accounts.map((accountId) => ({ kind: 'plan', accountId }));
}

/** A message from a queue, checked (a queue may hold anything another version sent). */
export function recomputeMessage(body: unknown): RecomputeMessage | null {
  const m = body as Partial<RecomputeMessage> | null;
  if (!m || (m.kind !== 'plan' && m.kind !== 'slice') || typeof m.accountId !== 'string') return null;
  return { kind: m.kind, accountId: m.accountId };
}

/** MOGUL_TEST_HOLD_SLICE=<ms>: a slice holds its marks this long before recomputing, saying so on stdout (tests kill a worker there). */
export function holdingFrom(env: { MOGUL_TEST_HOLD_SLICE?: string }, log: (line: string) => void): (() => Promise<void>) | undefined {
  const ms = Number(env.MOGUL_TEST_HOLD_SLICE);
  if (!env.MOGUL_TEST_HOLD_SLICE || !Number.isFinite(ms)) return undefined;
  return async () => {
    log('recompute slice holding its marks');
    await new Promise((resolve) => setTimeout(resolve, ms));
  };
}
