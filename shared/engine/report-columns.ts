/**
 * A report's states, movements and exchange-rate impacts in columns (customer-walk.ts): a few
 * typed arrays instead of an object each (tier L: 2.5M states and 1.9M movements, over 100 bytes
 * apiece as objects with their boxed instants). Reading makes the objects anew, one customer's
 * states or one slice of movements at a time.
 */
import type { CustomerState, Movement, MovementType } from './types.ts';
import { ALL_MOVEMENT_TYPES } from './types.ts';

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK - 1;

/**
 * Numbers in chunks of 64K, of one typed array kind: a column grows by one chunk at a time,
 * never copied (doubling would leave a copy behind at every size, hundreds of MB at tier L
 * until a full collection).
 */
class Chunked {
  private readonly chunks: (Float64Array | Int32Array)[] = [];
  length = 0;

  constructor(private readonly kind: typeof Float64Array | typeof Int32Array) {}

  push(value: number): void {
    const at = this.length & IN_CHUNK;
    if (at === 0) this.chunks.push(new this.kind(CHUNK));
    this.chunks[this.chunks.length - 1][at] = value;
    this.length++;
  }

  at(i: number): number {
    return this.chunks[i >>> CHUNK_BITS][i & IN_CHUNK];
  }
}

/** Any number (instants, money, quantities). */
const floats = () => new Chunked(Float64Array);
/** Whole numbers of 32 bits (positions, codes, flags). */
const ints = () => new Chunked(Int32Array);

/** Each customer's states, customer after customer. */
export class StateList implements Iterable<{ customerId: string; states: CustomerState[] }> {
  private readonly customerIds: string[] = [];
  private readonly starts = ints();
  private readonly t = floats();
  private readonly mrr = floats();
  private readonly counted = ints();
  private readonly subscriptions = floats();
  private readonly quantity = floats();

  push(customerId: string, states: readonly CustomerState[]): void {
    this.customerIds.push(customerId);
    this.starts.push(this.t.length);
    for (const s of states) {
      this.t.push(s.t);
      this.mrr.push(s.mrr);
      this.counted.push(s.counted ? 1 : 0);
      this.subscriptions.push(s.subscriptions);
      this.quantity.push(s.quantity);
    }
  }

  /** The states of the k-th customer pushed. */
  statesOf(k: number): CustomerState[] {
    const from = this.starts.at(k);
    const to = k + 1 < this.starts.length ? this.starts.at(k + 1) : this.t.length;
    const states: CustomerState[] = [];
    for (let i = from; i < to; i++) {
      states.push({
        t: this.t.at(i),
        mrr: this.mrr.at(i),
        counted: this.counted.at(i) === 1,
        subscriptions: this.subscriptions.at(i),
        quantity: this.quantity.at(i),
      });
    }
    return states;
  }

  *[Symbol.iterator](): Iterator<{ customerId: string; states: CustomerState[] }> {
    for (let k = 0; k < this.customerIds.length; k++) yield { customerId: this.customerIds[k], states: this.statesOf(k) };
  }
}

const TYPE_CODE = new Map<MovementType, number>(ALL_MOVEMENT_TYPES.map((type, i) => [type, i]));

/** Movements; `sortByInstant` orders them once all are in. Read by slice or in order. */
export class MovementList implements Iterable<Movement> {
  private order: Int32Array | null = null;
  private readonly t = floats();
  private readonly customer = ints();
  private readonly customerIds: string[] = [];
  private readonly subscriptionIds: string[] = [];
  private readonly type = ints();
  private readonly amount = floats();
  private readonly after = floats();

  get length(): number {
    return this.t.length;
  }

  push(m: Movement): void {
    const ids = this.customerIds;
    if (ids.length === 0 || ids[ids.length - 1] !== m.customerId) ids.push(m.customerId);
    this.customer.push(ids.length - 1);
    this.subscriptionIds.push(m.subscriptionId);
    this.t.push(m.t);
    this.type.push(TYPE_CODE.get(m.type)!);
    this.amount.push(m.amount);
    this.after.push(m.customerMrrAfter);
  }

  /** A stable sort on the instant: movements of one instant keep the order they came in. */
  sortByInstant(): void {
    const t = new Float64Array(this.length);
    for (let i = 0; i < t.length; i++) t[i] = this.t.at(i);
    const order = new Int32Array(this.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    this.order = order.sort((a, b) => t[a] - t[b] || a - b);
  }

  at(index: number): Movement {
    const i = this.order === null ? index : this.order[index];
    return {
      t: this.t.at(i),
      customerId: this.customerIds[this.customer.at(i)],
      subscriptionId: this.subscriptionIds[i],
      type: ALL_MOVEMENT_TYPES[this.type.at(i)],
      amount: this.amount.at(i),
      customerMrrAfter: this.after.at(i),
    };
  }

  slice(start: number, end: number): Movement[] {
    const out: Movement[] = [];
    for (let i = start; i < Math.min(end, this.length); i++) out.push(this.at(i));
    return out;
  }

  *[Symbol.iterator](): Iterator<Movement> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/** Exchange-rate impacts: their instants and amounts, in order (all the series reads of them). */
export class FxList implements Iterable<{ t: number; amount: number }> {
  private readonly t = floats();
  private readonly amount = floats();

  push(f: { t: number; amount: number }): void {
    this.t.push(f.t);
    this.amount.push(f.amount);
  }

  *[Symbol.iterator](): Iterator<{ t: number; amount: number }> {
    for (let i = 0; i < this.t.length; i++) yield { t: this.t.at(i), amount: this.amount.at(i) };
  }
}
