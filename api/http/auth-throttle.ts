/**
 * Failed authentications, throttled per client address against key guessing. An address may
 * fail `burst` times, then once more every `refillMs` (a token bucket of failures). With none
 * left, a request from it that presents a key answers 429 with Retry-After *before* the key is
 * looked up: answering 401 or 200 instead would let a guesser go on at full speed and learn
 * which guess is right.
 *
 * Valid keys are not slowed: the keys that authenticated from an address (a 64-bit prefix of
 * their hashes, a few per address) still pass while it is throttled, so a client behind the
 * same NAT or proxy as a guesser keeps working; a guess that matches such a prefix is looked
 * up like any key. The one client this cannot tell from a guesser is one that presents its
 * key from that address for the first time while the address is throttled: it waits as a
 * guesser would (one `refillMs` at most). Successes refund nothing (a guesser with an account
 * of its own could otherwise reset its count). Requests without a key are not counted (they
 * guess nothing; they get 401).
 *
 * Memory is bounded: at most `maxAddresses` addresses, the least recently seen forgotten
 * first. On the Worker each isolate keeps its own count.
 */
export interface AuthThrottleOptions {
  /** Failures an address may make in a row (default 10). */
  burst?: number;
  /** Then one more every this many milliseconds (default 6,000: ten a minute). */
  refillMs?: number;
  /** Addresses remembered at most (default 10,000). */
  maxAddresses?: number;
  /** Valid keys remembered per address (default 4). */
  keysPerAddress?: number;
  /** The clock, in milliseconds (tests inject one). */
  now?: () => number;
}

interface Entry {
  /**
   * When the address will have its whole allowance back, had it not failed since: each failure
   * pushes it `refillMs` further (a token bucket kept as one instant, so no fractions pile up).
   */
  fullAt: number;
  goodKeys: string[];
}

export class AuthThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly burst: number;
  private readonly refillMs: number;
  private readonly maxAddresses: number;
  private readonly keysPerAddress: number;
  private readonly now: () => number;

  constructor(options: AuthThrottleOptions = {}) {
    this.burst = options.burst ?? 10;
    this.refillMs = options.refillMs ?? 6_000;
    this.maxAddresses = options.maxAddresses ?? 10_000;
    this.keysPerAddress = options.keysPerAddress ?? 4;
    this.now = options.now ?? (() => performance.now());
  }

  /** Whole seconds `address` must wait before presenting the key with this hash; null when it may now. */
  retryAfter(address: string, keyHash: string): number | null {
    const entry = this.entries.get(address);
    if (!entry) return null;
    this.touch(address, entry);
    const waitMs = entry.fullAt - this.now() - (this.burst - 1) * this.refillMs;
    if (waitMs <= 0 || entry.goodKeys.includes(remembered(keyHash))) return null;
    return Math.ceil(waitMs / 1000);
  }

  /** A request from `address` presented a key that is no key. */
  failed(address: string): void {
    const entry = this.entry(address);
    entry.fullAt = Math.max(entry.fullAt, this.now()) + this.refillMs;
  }

  /** A request from `address` authenticated with the key of this hash. */
  succeeded(address: string, keyHash: string): void {
    const entry = this.entry(address);
    const key = remembered(keyHash);
    const known = entry.goodKeys.indexOf(key);
    if (known >= 0) entry.goodKeys.splice(known, 1);
    entry.goodKeys.push(key);
    if (entry.goodKeys.length > this.keysPerAddress) entry.goodKeys.shift();
  }

  /** Addresses remembered now. */
  get size(): number {
    return this.entries.size;
  }

  private entry(address: string): Entry {
    const existing = this.entries.get(address);
    if (existing) {
      this.touch(address, existing);
      return existing;
    }
    const entry: Entry = { fullAt: this.now(), goodKeys: [] };
    this.entries.set(address, entry);
    if (this.entries.size > this.maxAddresses) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  /** Marks the address the most recently seen (a Map keeps insertion order). */
  private touch(address: string, entry: Entry): void {
    this.entries.delete(address);
    this.entries.set(address, entry);
  }
}

function remembered(keyHash: string): string {
  return keyHash.slice(0, 16);
}
