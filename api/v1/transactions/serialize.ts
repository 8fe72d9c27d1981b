/** A stored transaction as ChartMogul's import API shows it (alone, and in its invoice's `transactions`). */
import type { TransactionRow } from '../../store/transactions.ts';
import { editStateJson } from '../conventions/edit-state.ts';
import { PREFIX } from '../conventions/ids.ts';
import type { Transaction } from './schemas.ts';

/** The fields a PATCH may change, as the API shows them (the edit history records these). */
export function editableJson(t: Pick<TransactionRow, 'type' | 'date' | 'result' | 'amountInCents'>) {
  return {
    type: t.type,
    date: t.date.toISOString(),
    result: t.result,
    amount_in_cents: t.amountInCents ?? null,
  };
}

export function transactionJson(t: TransactionRow): Transaction {
  const { type, date, result, amount_in_cents } = editableJson(t);
  return {
    uuid: `${PREFIX.transaction}${t.id}`,
    external_id: t.externalId ?? null,
    type,
    date,
    result,
    amount_in_cents,
    // Not stored: the templates record fees on line items, not on transactions.
    transaction_fees_in_cents: null,
    transaction_fees_currency: null,
    ...editStateJson(t),
  };
}
