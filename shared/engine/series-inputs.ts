/**
 * What the series needs of one customer (its state after each event, its exchange-rate impacts
 * and its cash events) as a row with named columns, one array per column: how the API stores it
 * between recomputes and gives it back to buildSeries. The engine writes and reads this row, so
 * its inner types never become a storage format of their own.
 */
import type { CashEvent, CashKind, CustomerState, FxImpact } from './types.ts';

export interface SeriesInputsRow {
  /** The customer's state after each event, in time order. */
  states: {
    at: number[];
    mrr: number[];
    /** Active or Past due after the event (counted in the series' customers). */
    counted: boolean[];
    subscriptions: number[];
    quantity: number[];
  };
  fx: { at: number[]; subscription_external_id: string[]; amount: number[] };
  cash: { at: number[]; kind: CashKind[]; amount: number[]; non_recurring: number[] };
}

export function seriesInputsRow(c: { states: readonly CustomerState[]; fx: readonly FxImpact[]; cash: readonly CashEvent[] }): SeriesInputsRow {
  return {
    states: {
      at: c.states.map((s) => s.t),
      mrr: c.states.map((s) => s.mrr),
      counted: c.states.map((s) => s.counted),
      subscriptions: c.states.map((s) => s.subscriptions),
      quantity: c.states.map((s) => s.quantity),
    },
    fx: {
      at: c.fx.map((f) => f.t),
      subscription_external_id: c.fx.map((f) => f.subscriptionId),
      amount: c.fx.map((f) => f.amount),
    },
    cash: {
      at: c.cash.map((e) => e.t),
      kind: c.cash.map((e) => e.kind),
      amount: c.cash.map((e) => e.amount),
      non_recurring: c.cash.map((e) => e.nonRecurring),
    },
  };
}

export const NO_SERIES_INPUTS: SeriesInputsRow = seriesInputsRow({ states: [], fx: [], cash: [] });

/** The row back as the series' inputs, under `customerId` (whatever ID the caller keys customers by). */
export function seriesInputsOf(row: SeriesInputsRow, customerId: string): {
  states: CustomerState[]; fx: FxImpact[]; cash: CashEvent[];
} {
  const { states: s, fx: f, cash: e } = row;
  return {
    states: s.at.map((t, i) => ({ t, mrr: s.mrr[i], counted: s.counted[i], subscriptions: s.subscriptions[i], quantity: s.quantity[i] })),
    fx: f.at.map((t, i) => ({ t, customerId, subscriptionId: f.subscription_external_id[i], amount: f.amount[i] })),
    cash: e.at.map((t, i) => ({ t, customerId, kind: e.kind[i], amount: e.amount[i], nonRecurring: e.non_recurring[i] })),
  };
}
