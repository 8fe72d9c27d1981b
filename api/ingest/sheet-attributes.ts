/**
 * Customers' tags and custom attributes from the template's `Tags` and `Attribute: <Key>`
 * columns (DATA.md), into the attributes the /v1 attributes endpoints read and write. The sheet
 * owns exactly the columns it has: a batch with a Tags column replaces the customer's tags (a
 * blank cell leaves none); one with `Attribute: Seats` sets `Seats` from its cell or, when the
 * cell is blank, removes it (whatever its case: keys match like headers). Tags and attributes
 * the sheet has no column for (added through /v1) are kept.
 *
 * Values are stored as ChartMogul types its custom attributes: a number as a number (Integer
 * or Decimal), a date as an instant `2016-01-01T00:00:00.000Z` (Timestamp), TRUE/FALSE as a
 * boolean, text as a string.
 */
import { cellText, DATASET_SPECS, normaliseHeader, type AttributeValue, type CustomerRecord } from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { attributesByExternalId, saveAttributesOf, type Attributes } from '../store/customers.ts';

/** The attribute columns of a customers batch. */
export interface AttributeColumns {
  tags: boolean;
  /** The keys of its `Attribute: <Key>` columns, as the headers write them. */
  keys: string[];
}

const spec = DATASET_SPECS.customers;
const TAGS = normaliseHeader(spec.columns.find((c) => c.key === 'tags')!.header);
const KEYED = new RegExp(`^${spec.keyedColumns!.prefix}\\s*:\\s*(.*)$`, 'i');

/** Which attribute columns a customers batch's header row has (null when none). */
export function attributeColumns(headers: readonly unknown[]): AttributeColumns | null {
  let tags = false;
  const keys: string[] = [];
  for (const raw of headers) {
    if (normaliseHeader(raw) === TAGS) tags = true;
    const key = KEYED.exec(cellText(raw).replace(/\s+/g, ' '))?.[1];
    // As the table parser reads them: a key once (the first spelling), never an empty one or __proto__.
    if (key && key !== '__proto__' && !keys.some((k) => k.toLowerCase() === key.toLowerCase())) keys.push(key);
  }
  return tags || keys.length > 0 ? { tags, keys } : null;
}

/** An attribute value as the /v1 attributes endpoints store and show it. */
export function storedValue(v: AttributeValue): number | string | boolean {
  return v.type === 'date' ? new Date(v.value).toISOString() : v.value;
}

/** The customer's attributes after a sync of its row. */
export function withSheetAttributes(stored: Attributes, record: Pick<CustomerRecord, 'tags' | 'attributes'>, columns: AttributeColumns): Attributes {
  const owned = new Set(columns.keys.map((k) => k.toLowerCase()));
  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored.custom)) if (!owned.has(key.toLowerCase())) custom[key] = value;
  for (const [key, value] of Object.entries(record.attributes)) custom[key] = storedValue(value);
  return { tags: columns.tags ? [...record.tags] : stored.tags, custom };
}

/** Equal tags in the same order and equal custom values (jsonb keeps keys in an order of its own). */
function sameAttributes(a: Attributes, b: Attributes): boolean {
  const entries = (c: Record<string, unknown>) => JSON.stringify(Object.entries(c).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return JSON.stringify(a.tags) === JSON.stringify(b.tags) && entries(a.custom) === entries(b.custom);
}

/** Stores the sheet's tags and attributes of the batch's customers (upserted already); only changed ones are written. */
export async function storeSheetAttributes(
  tx: Tx, dataSourceId: string, records: readonly CustomerRecord[], columns: AttributeColumns,
): Promise<void> {
  const stored = await attributesByExternalId(tx, dataSourceId, records.map((r) => r.externalId));
  const changed: { id: string; attributes: Attributes }[] = [];
  for (const record of records) {
    const current = stored.get(record.externalId);
    if (!current) continue;
    const attributes = withSheetAttributes(current.attributes, record, columns);
    if (!sameAttributes(attributes, current.attributes)) changed.push({ id: current.id, attributes });
  }
  await saveAttributesOf(tx, changed);
}
