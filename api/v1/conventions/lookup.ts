/**
 * Finding the account's own objects by their /v1 IDs. Every lookup filters on account_id: an
 * ID of another account is as unknown as an ID that never existed (404 in a path, 422 in a
 * body field).
 */
import type { Tx } from '../../db/client.ts';
import { HttpError, notFound, validationFailed } from '../../http/errors.ts';
import { customerByUuid, type CustomerRef } from '../../store/customers.ts';
import { dataSourceByUuid, type DataSourceRow } from '../../store/data-sources.ts';
import { PREFIX, uuidOf } from './ids.ts';

export type { CustomerRef, DataSourceRow };

export const dataSourceNotFound = () => new HttpError(404, { error: 'Data source not found' });

const idOf = (prefix: string, value: unknown) => uuidOf(prefix, typeof value === 'string' ? value : null);

export async function dataSourceById(tx: Tx, accountId: string, value: unknown): Promise<DataSourceRow | null> {
  const id = idOf(PREFIX.dataSource, value);
  return id ? dataSourceByUuid(tx, accountId, id) : null;
}

/** The data source's UUID (unprefixed) when `value` is a ds_ ID of the account. */
export async function findDataSource(tx: Tx, accountId: string, value: unknown): Promise<string | null> {
  return (await dataSourceById(tx, accountId, value))?.id ?? null;
}

/** The data source a body names (data_source_uuid): required, and one of the account's. */
export async function bodyDataSource(tx: Tx, accountId: string, value: unknown, field = 'data_source_uuid'): Promise<string> {
  if (value === undefined || value === null || value === '') throw validationFailed({ [field]: `${field} is required` });
  const ds = await dataSourceById(tx, accountId, value);
  if (!ds) throw validationFailed({ [field]: `No data source with UUID '${String(value)}' in this account` });
  return ds.id;
}

export async function findCustomer(tx: Tx, accountId: string, value: unknown): Promise<CustomerRef | null> {
  const id = idOf(PREFIX.customer, value);
  return id ? customerByUuid(tx, accountId, id) : null;
}

/** The customer a client names, or 404 (naming `param` when given). */
export async function requireCustomer(tx: Tx, accountId: string, value: unknown, param: string | null = null): Promise<CustomerRef> {
  const customer = await findCustomer(tx, accountId, value);
  if (!customer) throw notFound('customer', param);
  return customer;
}

/** A body's data_source_uuid, when sent, must be the object's own (objects never change data source). */
export function checkSameDataSource(value: unknown, dataSourceId: string, message: string): void {
  if (value === undefined || value === null) return;
  if (uuidOf(PREFIX.dataSource, String(value)) !== dataSourceId) throw validationFailed({ data_source_uuid: message });
}
