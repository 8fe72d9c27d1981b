/**
 * A report's states, movements and exchange-rate impacts in columns (customer-walk.ts): a few
 * typed arrays instead of an object each (tier L: 2.5M states and 1.9M movements, over 100 bytes
 * apiece as objects with their boxed instants). Reading makes the objects anew, one customer's
 * states or one slice of movements at a time.
 */
import type { CustomerState, Movement, MovementType } from './types.ts';
import { ALL_MOVEMENT_TYPES } from './types.ts';

class Floats {
  values = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const wider = new Float64Array(this.values.length * 2);
      wider.set(this.values);
      this.values = wider;
    }
    this.values[this.length++] = value;
  }
}

class Ints {
  values = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const wider = new Int32Array(this.values.length * 2);
      wider.set(this.values);
      this.values = wider;
    }
    this.values[this.length++] = value;
  }
}

/** Each customer's states, customer after customer. */
export class StateList implements Iterable<{ customerId: string; states: CustomerState[] }> {
  private readonly customerIds: string[] = [];
  private readonly starts = new Ints();
  private readonly t = new Floats();
  private readonly mrr = new Floats();
  private readonly counted = new Ints();
  private readonly subscriptions = new Floats();
  private readonly quantity = new Floats();

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
    const from = this.starts.values[k];
    const to = k + 1 < this.starts.length ? this.starts.values[k + 1] : this.t.length;
    const states: CustomerState[] = [];
    for (let i = from; i < to; i++) {
      states.push({
        t: this.t.values[i],
        mrr: this.mrr.values[i],
        counted: this.counted.values[i] === 1,
        subscriptions: this.subscriptions.values[i],
        quantity: this.quantity.values[i],
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
  private readonly t = new Floats();
  private readonly customer = new Ints();
  private readonly customerIds: string[] = [];
  private readonly subscriptionIds: string[] = [];
  private readonly type = new Ints();
  private readonly amount = new Floats();
  private readonly after = new Floats();

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
    const t = this.t.values;
    const order = new Int32Array(this.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    this.order = order.sort((a, b) => t[a] - t[b] || a - b);
  }

  at(index: number): Movement {
    const i = this.order === null ? index : this.order[index];
    return {
      t: this.t.values[i],
      customerId: this.customerIds[this.customer.values[i]],
      subscriptionId: this.subscriptionIds[i],
      type: ALL_MOVEMENT_TYPES[this.type.values[i]],
      amount: this.amount.values[i],
      customerMrrAfter: this.after.values[i],
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
  private readonly t = new Floats();
  private readonly amount = new Floats();

  push(f: { t: number; amount: number }): void {
    this.t.push(f.t);
    this.amount.push(f.amount);
  }

  *[Symbol.iterator](): Iterator<{ t: number; amount: number }> {
    for (let i = 0; i < this.t.length; i++) yield { t: this.t.values[i], amount: this.amount.values[i] };
  }
}
