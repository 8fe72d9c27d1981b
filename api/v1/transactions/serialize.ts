/** A stored transaction as ChartMogul's import API shows it. */
import type { TransactionRow } from '../../store/transactions.ts';
import { PREFIX } from '../conventions/ids.ts';
import type { Transaction } from './schemas.ts';

export function transactionJson(t: TransactionRow): Transaction {
  return {
    uuid: `${PREFIX.transaction}${t.id}`,
    external_id: t.externalId ?? null,
    type: t.type,
    date: t.date.toISOString(),
    result: t.result,
    amount_in_cents: t.amountInCents ?? null,
    // Not stored (the templates have no such column).
    transaction_fees_in_cents: null,
    transaction_fees_currency: null,
  };
}
