/**
 * Prebuild: when a read sees an account's new state (a recompute committed, or a write moved
 * the data version), or a recompute job of this process leaves the account's figures complete, the answers clients read first after a sync are built in the background
 * into the answer cache (answer-cache.ts), so those first reads find them kept: the first
 * customer and activity pages (200 rows, asked for with and without per_page), /sync/results'
 * first page (the add-on reads it right after a sync) and the key metrics with their default
 * range (from the first movement to today, by month: each a slice of the one series built for
 * the version, metrics/memo.ts).
 *
 * A client reading a page of a list that has more (a cursor) gets the next page read ahead
 * the same way, so a walk through /sync/results or a list finds each next page built or under
 * way while it takes in the one before (on PostgreSQL; not on PGlite, whose queries share the
 * thread that sends the page).
 *
 * Each answer is built by the app itself, through app.fetch, as a request of the account (an
 * internal request: auth.ts INTERNAL_ACCOUNT), so it is the answer a client's request would
 * build, byte for byte, under the key that request looks up. One account's prebuild runs one
 * request at a time (a client's read of the same answer joins the build under way); a newer
 * state of the account ends an older prebuild after its current request.
 *
 * Decision: the prebuilt answers live in the process's own answer cache, not in a table. The
 * Node server is one process holding the cache every read of it looks in: nothing to store,
 * nothing to invalidate beyond the data version it already keys on, no schema change. The
 * Worker does not prebuild (createApp's `prebuild` is off there): each isolate has its own
 * memory, so a prebuild would warm one isolate of many and bill its CPU once per isolate, and
 * a stored-answer table would write megabytes per data version for answers most versions never
 * serve. The Worker's first reads rely on cheap cold builds instead (the metrics slices, the
 * memoized series, counts and inputs).
 */
import { formatDate } from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import { accountById, type AccountRow } from '../store/accounts.ts';
import type { AnswerStamp } from './answer-cache.ts';
import { INTERNAL_ACCOUNT } from './auth.ts';

/** Metrics prebuilt with their default range: the ChartMogul metrics, as clients name them. */
const METRICS = ['all', 'mrr', 'arr', 'arpa', 'asp', 'customer-count', 'customer-churn-rate', 'mrr-churn-rate', 'ltv'];

/**
 * The reads prebuilt, in the order they are built: the list pages first (a few milliseconds
 * each, so they are ready at once), then /sync/results (its first page loads the version's
 * series inputs, seconds at tier M) and the metrics (slices of the series it built).
 */
export const PREBUILT_READS: readonly string[] = [
  '/v1/customers',
  '/v1/customers?per_page=200',
  '/v1/activities',
  '/v1/activities?per_page=200',
  '/sync/results',
  ...METRICS.map((m) => `/v1/metrics/${m}`),
];

/** Header of cached reads: whether the prebuild of the state the read saw is `building` or `ready` (with its answers and time). */
export const PREBUILD_HEADER = 'x-mogul-prebuild';

type Fetch = (request: Request, env: Record<symbol, unknown>) => Response | Promise<Response>;

interface Run {
  stamp: AnswerStamp;
  key: string;
  /** Milliseconds the prebuild took; null while it runs. */
  ms: number | null;
  /** Answers built (200s), and requests that answered otherwise. */
  built: number;
  failed: number;
  done: Promise<void>;
}

const stampKey = (s: AnswerStamp) => `${s.version}\n${s.day}\n${JSON.stringify(s.settings ?? {})}`;

/** Next pages read ahead at once per account, at most. */
const AHEAD = 2;

export class Prebuilder {
  private readonly runs = new Map<string, Run>();
  /** Per account, the next pages being read ahead. */
  private readonly reading = new Map<string, Map<string, Promise<void>>>();

  /**
   * `readAhead`: whether next pages are read ahead. Not on PGlite: its queries run on this
   * thread, so a page read ahead holds up the answer the client is waiting for (tier M's
   * /sync/results walk took as long per page with every page read ahead as without).
   */
  constructor(private readonly fetch: Fetch, readonly readAhead = true, private readonly reads: readonly string[] = PREBUILT_READS) {}

  /**
   * After a read saw `account` in state `stamp`: its prebuild starts, unless one of that state
   * (or a newer one) started already. Never throws, never holds up the read.
   */
  after(account: AccountRow, stamp: AnswerStamp): void {
    const current = this.runs.get(stamp.accountId);
    const key = stampKey(stamp);
    if (current && (current.key === key || stamp.version < current.stamp.version || stamp.day < current.stamp.day)) return;
    const run: Run = { stamp, key, ms: null, built: 0, failed: 0, done: Promise.resolve() };
    this.runs.set(stamp.accountId, run);
    // After the older prebuild's request under way: one build at a time per account.
    run.done = (current?.done ?? Promise.resolve()).then(() => this.build(account, run)).catch(() => {});
  }

  /**
   * A client read a page of a list with more after it: the next page (`path`, its cursor in
   * the query), built now as the account in state `stamp`, so the client's next read finds it
   * kept. At most AHEAD at once per account; never throws.
   */
  ahead(account: AccountRow, stamp: AnswerStamp, path: string): void {
    if (!this.readAhead) return;
    let reading = this.reading.get(stamp.accountId);
    if (!reading) this.reading.set(stamp.accountId, (reading = new Map()));
    if (reading.has(path) || reading.size >= AHEAD) return;
    // Once this answer is on its way: the next page's build does not hold it up.
    const read = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.request(account, stamp, path))
      .then(async (r) => void (await r.body?.cancel()))
      .catch(() => {})
      .finally(() => reading.delete(path));
    reading.set(path, read);
  }

  /** The prebuild of `stamp`'s state: `building`, `ready; answers=…; ms=…`, or null when none ran for it. */
  state(stamp: AnswerStamp): string | null {
    const run = this.runs.get(stamp.accountId);
    if (!run || run.key !== stampKey(stamp)) return null;
    return run.ms === null ? 'building' : `ready; answers=${run.built}; failed=${run.failed}; ms=${Math.round(run.ms)}`;
  }

  /** Resolves when the account's latest prebuild and its pages read ahead have ended (tests). */
  async settled(accountId: string): Promise<void> {
    for (let run = this.runs.get(accountId); run; ) {
      await run.done;
      const next = this.runs.get(accountId);
      if (next === run) break;
      run = next;
    }
    while ((this.reading.get(accountId)?.size ?? 0) > 0) await Promise.all(this.reading.get(accountId)!.values());
  }

  /** A GET of `path` through the app, as the account in state `stamp` (an internal request: auth.ts). */
  private async request(account: AccountRow, stamp: AnswerStamp, path: string): Promise<Response> {
    const as: AccountRow = { ...account, dataVersion: stamp.version, pending: false, computedDay: stamp.day, settings: stamp.settings as AccountRow['settings'] };
    return this.fetch(new Request(`http://prebuild.internal${path}`), { [INTERNAL_ACCOUNT]: as });
  }

  private async build(account: AccountRow, run: Run): Promise<void> {
    const started = performance.now();
    for (const path of this.reads) {
      if (this.runs.get(run.stamp.accountId) !== run) break; // a newer state: its own prebuild takes over
      try {
        const response = await this.request(account, run.stamp, path);
        if (response.status === 200) run.built++;
        else run.failed++;
        await response.body?.cancel();
      } catch {
        run.failed++;
      }
    }
    run.ms = performance.now() - started;
  }
}

const prebuilders = new WeakMap<object, Prebuilder>();

/** Prebuilds for an app (one per app context), its reads made through `fetch` (the app's). */
export function enablePrebuild(ctx: AppContext, fetch: Fetch): Prebuilder {
  const prebuilder = new Prebuilder(fetch, ctx.db.kind !== 'pglite');
  prebuilders.set(ctx, prebuilder);
  return prebuilder;
}

/** The app's prebuilder, when it prebuilds. */
export function prebuilderOf(ctx: object): Prebuilder | undefined {
  return prebuilders.get(ctx);
}

/**
 * After a recompute slice committed outside any request (a queue job of this process): when it
 * left the account's figures complete for today, the prebuild of that state starts, so the
 * first read after the recompute finds the answers built.
 */
export async function prebuildAfterRecompute(ctx: AppContext, accountId: string): Promise<void> {
  const prebuilder = prebuilderOf(ctx);
  if (!prebuilder) return;
  const account = await ctx.db.read((tx) => accountById(tx, accountId));
  const day = formatDate(ctx.today());
  if (!account || account.pending || account.computedDay !== day) return;
  prebuilder.after(account, { accountId, version: account.dataVersion, day, settings: account.settings });
}
