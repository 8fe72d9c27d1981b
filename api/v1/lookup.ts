/**
 * Finding the account's own objects by their /v1 IDs. Every lookup filters on account_id: an
 * ID of another account is as unknown as an ID that never existed (404 in a path, 422 in a
 * body field).
 */
import type { Tx } from '../db/client.ts';
import { HttpError, notFound, validationFailed } from '../http/errors.ts';
import { PREFIX, uuidOf } from './conventions/ids.ts';

export interface DataSourceRow {
  id: string;
  name: string;
  system: string;
  created_at: unknown;
}

export interface CustomerKey {
  id: string;
  data_source_id: string;
  external_id: string;
}

export const dataSourceNotFound = () => new HttpError(404, { error: 'Data source not found' });

export async function dataSourceById(tx: Tx, accountId: string, value: unknown): Promise<DataSourceRow | null> {
  const id = uuidOf(PREFIX.dataSource, typeof value === 'string' ? value : null);
  if (!id) return null;
  const rows = await tx.query<DataSourceRow>(
    'SELECT id, name, system, created_at FROM data_sources WHERE account_id = $1 AND id = $2',
    [accountId, id],
  );
  return rows[0] ?? null;
}

/** The data source a body names (data_source_uuid): required, and one of the account's. */
export async function bodyDataSource(tx: Tx, accountId: string, value: unknown, field = 'data_source_uuid'): Promise<string> {
  if (value === undefined || value === null || value === '') throw validationFailed({ [field]: `${field} is required` });
  const ds = await dataSourceById(tx, accountId, value);
  if (!ds) throw validationFailed({ [field]: `No data source with UUID '${String(value)}' in this account` });
  return ds.id;
}

export async function customerById(tx: Tx, accountId: string, value: unknown): Promise<CustomerKey | null> {
  const id = uuidOf(PREFIX.customer, typeof value === 'string' ? value : null);
  if (!id) return null;
  const rows = await tx.query<CustomerKey>(
    'SELECT id, data_source_id, external_id FROM customers WHERE account_id = $1 AND id = $2',
    [accountId, id],
  );
  return rows[0] ?? null;
}

/** The customer of a path parameter, or 404. */
export async function requireCustomer(tx: Tx, accountId: string, value: string | undefined): Promise<CustomerKey> {
  const customer = await customerById(tx, accountId, value);
  if (!customer) throw notFound('customer', 'customer_uuid');
  return customer;
}

/** A body's data_source_uuid, when sent, must be the object's own (objects never change data source). */
export function checkSameDataSource(value: unknown, dataSourceId: string, message: string): void {
  if (value === undefined || value === null) return;
  if (uuidOf(PREFIX.dataSource, String(value)) !== dataSourceId) throw validationFailed({ data_source_uuid: message });
}

/** A WHERE clause built condition by condition, numbering its parameters. */
export class Where {
  readonly conditions: string[] = [];
  constructor(readonly params: unknown[]) {}

  /**
   * Adds `sql` with `$?` replaced by the next parameter. Text with a NUL character matches
   * nothing (Postgres stores no such text, and refuses it as a parameter).
   */
  add(sql: string, value: unknown): this {
    if (typeof value === 'string' && value.includes('\u0000')) return this.none();
    this.params.push(value);
    this.conditions.push(sql.replace('$?', `$${this.params.length}`));
    return this;
  }

  /** A condition that matches nothing (a filter naming an object that is not the account's). */
  none(): this {
    this.conditions.push('FALSE');
    return this;
  }

  toString(): string {
    return this.conditions.join(' AND ');
  }
}
