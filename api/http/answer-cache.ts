/**
 * Whole JSON answers of read endpoints, kept in process memory per (account, data version,
 * day, settings, request path and query), so a repeated read costs the key check and a lookup.
 *
 * Valid because every write that changes what a read answers either bumps the account's data
 * version itself or marks customers dirty, and a read recomputes those (bumping the version)
 * before it looks here (derived/freshness.ts freshVersion): a stamp names one state of the
 * account's results. Answers are built after the stamp was read, so an answer kept under a
 * stamp is never older than it.
 *
 * Bounded by bytes, least recently used dropped first; an account's answers under an older
 * stamp go as soon as a newer one is seen. Concurrent misses of one key build it once.
 */
import { createHash } from 'node:crypto';

/** Whose answers, as of what: the state of the account a read was answered on. */
export interface AnswerStamp {
  accountId: string;
  /** The account's data version after any pending recompute. */
  version: number;
  /** Today (YYYY-MM-DD): figures are as of the day they are read. */
  day: string;
  /** The account's stored settings (currency and the like show in answers). */
  settings: unknown;
}

export interface Answer {
  /** The JSON text, as UTF-8. */
  body: Buffer;
  etag: string;
  /** Served from memory (false: built by this request, or by a concurrent one it waited for). */
  cached: boolean;
  /** Served from memory, built there by the prebuild after the account's data changed (prebuild.ts). */
  prebuilt: boolean;
  /** The cursor of the next page, when the answer is a page with more after it. */
  next: string | null;
}

interface Entry {
  accountId: string;
  body: Buffer;
  etag: string;
  prebuilt: boolean;
  next: string | null;
}

/** A page answer's cursor to the next page (`has_more` and a `cursor`), or null. */
function nextCursor(answer: unknown): string | null {
  const page = answer as { has_more?: unknown; cursor?: unknown } | null;
  return page && page.has_more === true && typeof page.cursor === 'string' ? page.cursor : null;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly building = new Map<string, Promise<Entry>>();
  /** Each account's newest stamp seen (version, day) and the keys kept under it. */
  private readonly accounts = new Map<string, { version: number; day: string; keys: Set<string> }>();
  private bytes = 0;

  constructor(private readonly maxBytes = DEFAULT_MAX_BYTES) {}

  /**
   * The answer to `request` (path and normalized query) under `stamp`, built by `build` when not
   * kept; `prebuild`: the build is the prebuild's, not a client's.
   */
  async get(stamp: AnswerStamp, request: string, build: () => Promise<unknown>, prebuild = false): Promise<Answer> {
    const key = keyOf(stamp, request);
    const current = this.current(stamp);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit); // most recently used last
      return { body: hit.body, etag: hit.etag, cached: true, prebuilt: hit.prebuilt, next: hit.next };
    }
    let pending = this.building.get(key);
    if (!pending) {
      pending = (async () => {
        const answer = await build();
        const body = Buffer.from(JSON.stringify(answer));
        return { accountId: stamp.accountId, body, etag: etagOf(key), prebuilt: prebuild, next: nextCursor(answer) };
      })();
      this.building.set(key, pending);
      pending.then((entry) => {
        if (current) this.keep(key, entry);
      }, () => {}).finally(() => this.building.delete(key));
    }
    const entry = await pending;
    return { body: entry.body, etag: entry.etag, cached: false, prebuilt: false, next: entry.next };
  }

  /** The ETag an answer under `stamp` to `request` has, without building it. */
  etag(stamp: AnswerStamp, request: string): string {
    return etagOf(keyOf(stamp, request));
  }

  /** Whether the answer to `request` under `stamp` is kept (no build needed). */
  has(stamp: AnswerStamp, request: string): boolean {
    return this.entries.has(keyOf(stamp, request));
  }

  /** Bytes of answers kept. */
  get size(): number {
    return this.bytes;
  }

  /**
   * Whether `stamp` is the account's newest (a newer one drops the account's older answers);
   * false for a read that saw an older state than one already seen (it is answered, not kept).
   */
  private current(stamp: AnswerStamp): boolean {
    const seen = this.accounts.get(stamp.accountId);
    if (seen && (stamp.version < seen.version || stamp.day < seen.day)) return false;
    if (!seen || stamp.version > seen.version || stamp.day > seen.day) {
      for (const key of seen?.keys ?? []) this.drop(key);
      this.accounts.set(stamp.accountId, { version: stamp.version, day: stamp.day, keys: new Set() });
    }
    return true;
  }

  private keep(key: string, entry: Entry): void {
    const account = this.accounts.get(entry.accountId);
    // Only an answer of the account's newest state, and none that would crowd out most others.
    if (!account || !key.startsWith(`${entry.accountId}\n${account.version}\n${account.day}\n`)) return;
    if (entry.body.length > this.maxBytes / 8) return;
    this.drop(key);
    this.entries.set(key, entry);
    account.keys.add(key);
    this.bytes += entry.body.length;
    for (const [oldest, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
      this.accounts.get(e.accountId)?.keys.delete(oldest);
    }
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}

function keyOf(stamp: AnswerStamp, request: string): string {
  return `${stamp.accountId}\n${stamp.version}\n${stamp.day}\n${JSON.stringify(stamp.settings ?? {})}\n${request}`;
}

const etagOf = (key: string) => `"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;

/** A request's path and query, the parameters sorted (their order changes no answer; a repeated one keeps its order). */
export function requestKey(url: string): string {
  const u = new URL(url);
  u.searchParams.sort();
  return `${u.pathname}?${u.searchParams.toString()}`;
}
