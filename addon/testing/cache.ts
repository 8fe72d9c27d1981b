// CacheService: document, script and user caches of strings that expire on the fake clock.
// Limits as documented (developers.google.com/apps-script/reference/cache/cache): keys up to
// 250 characters, values up to 100 KB (102,400 UTF-8 bytes), 1 to 21600 seconds (default 600),
// at most 1,000 items per cache. A full cache drops its oldest tenth (by when each was put), as
// measured on Apps Script: a script must cope with a value gone before it expires.
import type { Runtime } from './runtime.ts';

export const MAX_KEY_CHARS = 250;
export const MAX_VALUE_BYTES = 100 * 1024;
export const MAX_EXPIRATION_SECONDS = 21600;
export const DEFAULT_EXPIRATION_SECONDS = 600;
export const MAX_ITEMS = 1000;

export class CacheStore {
  /** In the order they were put (a Map keeps insertion order; a put moves its key to the end). */
  readonly entries = new Map<string, { value: string; expiresAt: number }>();

  set(key: string, value: string, expiresAt: number, now: number): void {
    this.entries.delete(key);
    if (this.entries.size >= MAX_ITEMS) {
      for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
    }
    if (this.entries.size >= MAX_ITEMS) {
      const oldest = [...this.entries.keys()].slice(0, MAX_ITEMS / 10);
      for (const k of oldest) this.entries.delete(k);
    }
    this.entries.set(key, { value, expiresAt });
  }
}

export class FakeCache {
  constructor(private readonly rt: Runtime, private readonly store: CacheStore) {}

  private live(key: string): string | null {
    const e = this.store.entries.get(key);
    if (!e) return null;
    if (e.expiresAt <= this.rt.clock.now()) {
      this.store.entries.delete(key);
      return null;
    }
    return e.value;
  }

  private checkKey(key: unknown): string {
    if (key === null || key === undefined) this.rt.fail('Invalid argument: key');
    const k = String(key);
    if (k.length > MAX_KEY_CHARS) this.rt.fail('Argument too large: key');
    return k;
  }

  private checkEntry(key: unknown, value: unknown, seconds: number): [string, string, number] {
    const k = this.checkKey(key);
    if (value === null || value === undefined) this.rt.fail('Invalid argument: value');
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES) this.rt.fail('Argument too large: value');
    if (!(seconds >= 1 && seconds <= MAX_EXPIRATION_SECONDS)) this.rt.fail('Invalid argument: expirationInSeconds');
    return [k, v, this.rt.clock.now() + Math.floor(seconds) * 1000];
  }

  get(key: string): string | null {
    this.rt.tick();
    return this.live(this.checkKey(key));
  }

  getAll(keys: string[]): Record<string, string> {
    this.rt.tick();
    const out: Record<string, string> = {};
    for (const key of keys) {
      const v = this.live(this.checkKey(key));
      if (v !== null) out[key] = v;
    }
    return this.rt.out(out);
  }

  put(key: string, value: string, expirationInSeconds = DEFAULT_EXPIRATION_SECONDS): void {
    this.rt.tick();
    const [k, v, expiresAt] = this.checkEntry(key, value, expirationInSeconds);
    this.store.set(k, v, expiresAt, this.rt.clock.now());
  }

  /** Every entry is checked (key, value, expiration) before any is stored. */
  putAll(values: Record<string, string>, expirationInSeconds = DEFAULT_EXPIRATION_SECONDS): void {
    this.rt.tick();
    if (values === null || typeof values !== 'object') this.rt.fail('Invalid argument: values');
    const checked = Object.entries(values).map(([k, v]) => this.checkEntry(k, v, expirationInSeconds));
    for (const [k, v, expiresAt] of checked) this.store.set(k, v, expiresAt, this.rt.clock.now());
  }

  remove(key: string): void {
    this.rt.tick();
    this.store.entries.delete(this.checkKey(key));
  }

  removeAll(keys: string[]): void {
    this.rt.tick();
    for (const key of keys) this.store.entries.delete(this.checkKey(key));
  }
}

export class FakeCacheService {
  readonly document = new CacheStore();
  readonly script = new CacheStore();
  readonly user = new CacheStore();

  constructor(private readonly rt: Runtime) {}

  getDocumentCache(): FakeCache { return new FakeCache(this.rt, this.document); }
  getScriptCache(): FakeCache { return new FakeCache(this.rt, this.script); }
  getUserCache(): FakeCache { return new FakeCache(this.rt, this.user); }
}
