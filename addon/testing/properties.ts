// PropertiesService: document, user and script stores of strings, with Apps Script's quotas
// (9 KB per value, 500 KB per store, counted as UTF-8 bytes of keys and values).
import type { Runtime } from './runtime.ts';

export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export class PropertyStore {
  readonly data = new Map<string, string>();

  size(): number {
    let n = 0;
    for (const [k, v] of this.data) n += bytes(k) + bytes(v);
    return n;
  }
}

export class FakeProperties {
  constructor(private readonly rt: Runtime, private readonly store: PropertyStore) {}

  getProperty(key: string): string | null {
    this.rt.tick();
    return this.store.data.get(String(key)) ?? null;
  }

  getProperties(): Record<string, string> {
    this.rt.tick();
    return this.rt.out(Object.fromEntries(this.store.data));
  }

  getKeys(): string[] {
    this.rt.tick();
    return this.rt.out([...this.store.data.keys()]);
  }

  setProperty(key: string, value: unknown): this {
    this.rt.write('setProperty');
    return this.apply([[key, value]], false);
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    this.rt.write('setProperties');
    if (properties === null || typeof properties !== 'object') this.rt.fail('Invalid argument: properties');
    return this.apply(Object.entries(properties), deleteAllOthers);
  }

  deleteProperty(key: string): this {
    this.rt.write('deleteProperty');
    this.store.data.delete(String(key));
    return this;
  }

  deleteAllProperties(): this {
    this.rt.write('deleteAllProperties');
    this.store.data.clear();
    return this;
  }

  /** All or nothing: a quota error leaves the store as it was. */
  private apply(entries: [string, unknown][], deleteAllOthers: boolean): this {
    const next = new Map(deleteAllOthers ? [] : this.store.data);
    for (const [key, value] of entries) {
      if (key === null || key === undefined || String(key) === '') this.rt.fail('Invalid argument: key');
      if (value === null || value === undefined) this.rt.fail('Invalid argument: value');
      const v = String(value);
      if (bytes(v) > MAX_VALUE_BYTES) this.rt.fail('Argument too large: value');
      next.set(String(key), v);
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > MAX_STORE_BYTES) this.rt.fail('You have exceeded the property storage quota. Please remove some properties and try again.');
    this.store.data.clear();
    for (const [k, v] of next) this.store.data.set(k, v);
    return this;
  }
}

export class FakePropertiesService {
  readonly document = new PropertyStore();
  readonly user = new PropertyStore();
  readonly script = new PropertyStore();

  constructor(private readonly rt: Runtime) {}

  getDocumentProperties(): FakeProperties { return new FakeProperties(this.rt, this.document); }
  getUserProperties(): FakeProperties { return new FakeProperties(this.rt, this.user); }
  getScriptProperties(): FakeProperties { return new FakeProperties(this.rt, this.script); }
}
