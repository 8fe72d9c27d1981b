/**
 * Recomputes the derived data of some customers with the shared engine, as of one day, inside
 * the caller's transaction (which holds the account's lock, freshness.ts), and stores what the
 * engine's row functions say of each (store/derived.ts): its figures, subscriptions, movements
 * and series inputs row; and its ledger (revenue recognition schedule and transactions,
 * store/customer-ledgers.ts).
 */
import { analyse, DEFAULT_SETTINGS, endOfDay, parseSettingsJson, type Settings } from '../../shared/index.ts';
import { seriesInputsRow } from '../../shared/engine/series-inputs.ts';
import type { Tx } from '../db/client.ts';
import { replaceLedgers } from '../store/customer-ledgers.ts';
import { bumpDataVersion } from '../store/data-version.ts';
import { accountState, customerUuids, replaceDerived } from '../store/derived.ts';
import { loadBillingData, type Scope } from './billing-data.ts';
import { ledgersOf } from './ledgers.ts';

export async function accountSettings(tx: Tx, accountId: string): Promise<Settings> {
  const account = await accountState(tx, accountId);
  return account ? parseSettingsJson(account.settings ?? {}).settings : { ...DEFAULT_SETTINGS };
}

/** Where a recompute's time went (the benchmark's split), added to across calls. */
export interface RecomputeTimings {
  loadMs: number;
  engineMs: number;
  storeMs: number;
}

export async function recompute(tx: Tx, scope: Scope, asOf: number, timings?: RecomputeTimings): Promise<void> {
  let mark = performance.now();
  const lap = (phase: keyof RecomputeTimings) => {
    const now = performance.now();
    if (timings) timings[phase] += now - mark;
    mark = now;
  };
  const settings = await accountSettings(tx, scope.accountId);
  const data = await loadBillingData(tx, scope, settings, endOfDay(asOf));
  const uuid = await customerUuids(tx, scope.dataSourceId, scope.customers);
  lap('loadMs');
  const analysis = analyse(data, settings, asOf);
  const derived = analysis.customers.filter((c) => uuid.has(c.customerId)).map((c) => ({
    id: uuid.get(c.customerId)!,
    figures: c.figures,
    netPayments: c.netPayments,
    seriesInputs: seriesInputsRow(c),
    movements: c.movements,
    subscriptions: c.subscriptions,
  }));
  const ledgers = ledgersOf(data, settings, asOf, uuid);
  lap('engineMs');
  await replaceDerived(tx, scope, [...uuid.values()], derived);
  await replaceLedgers(tx, scope.accountId, [...uuid.values()], ledgers);
  await bumpDataVersion(tx, scope.accountId);
  lap('storeMs');
}
