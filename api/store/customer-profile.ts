/**
 * What a customer's profile reads beside its customer row, its subscriptions and movements: its
 * data source's name, its figures, net payments and series inputs as the engine stored them
 * (store/derived.ts), and its ledger (store/customer-ledgers.ts).
 */
import { eq } from 'drizzle-orm';
import { LEAD_FIGURES } from '../../shared/index.ts';
import type { CustomerFigures, CustomerStatus } from '../../shared/engine/customers.ts';
import { NO_SERIES_INPUTS, type SeriesInputsRow } from '../../shared/engine/series-inputs.ts';
import type { Tx } from '../db/client.ts';
import { customerMetrics, customers, dataSources } from '../db/schema.ts';
import { ledgerOf, type Ledger } from './customer-ledgers.ts';
import type { Page } from './pages.ts';

/** Every row of a customer's list (a profile is one answer, not pages). */
export const EVERY_ROW: Page = { offset: 0, perPage: 2 ** 31 - 2 };

export interface ProfileFacts {
  dataSourceName: string;
  /** A Lead's (with nothing) until the engine has computed the customer. */
  figures: CustomerFigures;
  netPayments: number;
  seriesInputs: SeriesInputsRow;
  ledger: Ledger;
}

export async function profileFacts(tx: Tx, customerId: string): Promise<ProfileFacts> {
  const [row] = await tx.db
    .select({
      dataSourceName: dataSources.name, status: customerMetrics.status, mrr: customerMetrics.mrr,
      subscriberSince: customerMetrics.subscriberSince, subscriptions: customerMetrics.subscriptions,
      quantity: customerMetrics.quantity, netPayments: customerMetrics.netPayments, seriesInputs: customerMetrics.inputs,
    })
    .from(customers)
    .innerJoin(dataSources, eq(dataSources.id, customers.dataSourceId))
    .leftJoin(customerMetrics, eq(customerMetrics.customerId, customers.id))
    .where(eq(customers.id, customerId));
  const figures: CustomerFigures = row.status === null ? LEAD_FIGURES : {
    status: row.status as CustomerStatus,
    mrr: row.mrr!,
    subscriberSince: row.subscriberSince?.getTime() ?? null,
    subscriptions: row.subscriptions!,
    quantity: row.quantity!,
  };
  return {
    dataSourceName: row.dataSourceName,
    figures,
    netPayments: row.netPayments ?? 0,
    seriesInputs: row.seriesInputs ?? NO_SERIES_INPUTS,
    ledger: await ledgerOf(tx, customerId),
  };
}
