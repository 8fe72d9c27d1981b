/**
 * Recorded IDs → ours. A recording's requests name objects by the IDs ChartMogul gave out
 * (in earlier responses, or before the recording); the replay sends ours instead. IDs are
 * learnt from the fixture step and by walking each recorded response alongside ours.
 */

const PREFIXED = /^(ds|cus|pl|inv|li|tr|sub|con)_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BARE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ANY_ID = /\b(?:(?:ds|cus|pl|inv|li|tr|sub|con)_)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

export function isPrefixedId(value: unknown): value is string {
  return typeof value === 'string' && PREFIXED.test(value);
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && (PREFIXED.test(value) || BARE.test(value));
}

/** Keys that pair the elements of two lists (the same object on both sides). */
const PAIRING_KEYS = ['external_id', 'subscription_external_id', 'subscription-external-id', 'email'];

function hasPairingKey(value: unknown): boolean {
  return !!value && typeof value === 'object' && PAIRING_KEYS.some((k) => typeof (value as Record<string, unknown>)[k] === 'string' && (value as Record<string, unknown>)[k] !== '');
}

export class IdMap {
  readonly ids = new Map<string, string>();
  /** Numeric IDs (subscription events). */
  readonly numbers = new Map<number, number>();
  readonly cursors = new Map<string, string>();

  set(recorded: string, ours: string): void {
    if (!this.ids.has(recorded)) this.ids.set(recorded, ours);
  }

  get(recorded: string): string | undefined {
    return this.ids.get(recorded);
  }

  /** Learns the IDs and cursor of a recorded response from ours, walking both together. */
  learn(recorded: unknown, ours: unknown): void {
    this.walk(recorded, ours, null);
  }

  private walk(recorded: unknown, ours: unknown, key: string | null): void {
    if (key === 'cursor') {
      if (typeof recorded === 'string' && typeof ours === 'string' && !this.cursors.has(recorded)) this.cursors.set(recorded, ours);
      return;
    }
    if (isId(recorded) && typeof ours === 'string') {
      if (isId(ours)) this.set(recorded, ours);
      return;
    }
    if (key === 'id' && typeof recorded === 'number' && typeof ours === 'number' && recorded >= 10_000 && !this.numbers.has(recorded)) {
      this.numbers.set(recorded, ours);
      return;
    }
    if (Array.isArray(recorded) && Array.isArray(ours)) {
      // Pairs by a shared external ID (or a known uuid) first; by position only elements that
      // carry no external ID on either side.
      const used = new Set<number>();
      const pairs: [unknown, unknown][] = [];
      const rest: number[] = [];
      recorded.forEach((r, i) => {
        const j = this.partner(r, ours, used);
        if (j === undefined) rest.push(i);
        else {
          used.add(j);
          pairs.push([r, ours[j]]);
        }
      });
      for (const i of rest) {
        if (i < ours.length && !used.has(i) && !hasPairingKey(recorded[i]) && !hasPairingKey(ours[i])) {
          used.add(i);
          pairs.push([recorded[i], ours[i]]);
        }
      }
      for (const [r, o] of pairs) this.walk(r, o, null);
      return;
    }
    if (recorded && ours && typeof recorded === 'object' && typeof ours === 'object') {
      const o = ours as Record<string, unknown>;
      for (const [k, v] of Object.entries(recorded as Record<string, unknown>)) if (k in o) this.walk(v, o[k], k);
    }
  }

  /** The index in `ours` of the element that is `recorded`'s object. */
  private partner(recorded: unknown, ours: unknown[], used: Set<number>): number | undefined {
    if (!recorded || typeof recorded !== 'object') return undefined;
    const r = recorded as Record<string, unknown>;
    const mapped = typeof r.uuid === 'string' ? this.ids.get(r.uuid) : undefined;
    for (const [j, element] of ours.entries()) {
      if (used.has(j) || !element || typeof element !== 'object') continue;
      const e = element as Record<string, unknown>;
      if (mapped && e.uuid === mapped) return j;
    }
    for (const k of PAIRING_KEYS) {
      if (typeof r[k] !== 'string' || r[k] === '') continue;
      const want = this.ids.get(r[k] as string) ?? r[k];
      for (const [j, element] of ours.entries()) {
        if (!used.has(j) && element && typeof element === 'object' && (element as Record<string, unknown>)[k] === want) return j;
      }
    }
    return undefined;
  }

  /** A recorded request's text (path or body) with our IDs in place of the recorded ones. */
  rewrite(text: string): string {
    let out = text.replace(ANY_ID, (id) => this.ids.get(id) ?? id);
    for (const [recorded, ours] of this.numbers) out = out.replace(new RegExp(`(?<![0-9])${recorded}(?![0-9])`, 'g'), String(ours));
    return out;
  }
}
