/**
 * JSON imports (POST /v1/data_sources/{ds}/json_imports) in the store: the request kept until
 * the job has imported it, and the outcome. `result` holds the caller's `external_id` (the
 * status endpoint finds an import by it too) and the `status_details` answered.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { invoices, jsonImports } from '../db/schema.ts';
import { claimJob, lockClaimedJob, PROCESSING, unfinishedJobs } from './job-claims.ts';

export type JsonImportStatus = 'queued' | 'processing' | 'completed' | 'failed';
export const JSON_IMPORT_WAITING = 'queued';

export interface JsonImportRow {
  id: string;
  accountId: string;
  dataSourceId: string;
  status: JsonImportStatus;
  externalId: string | null;
  statusDetails: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

interface StoredResult {
  external_id?: string | null;
  status_details?: Record<string, unknown>;
}

const COLUMNS = {
  id: jsonImports.id,
  accountId: jsonImports.accountId,
  dataSourceId: jsonImports.dataSourceId,
  status: jsonImports.status,
  result: jsonImports.result,
  createdAt: jsonImports.createdAt,
  updatedAt: jsonImports.updatedAt,
};

function rowOf(r: { result: Record<string, unknown> | null; status: string } & Omit<JsonImportRow, 'status' | 'externalId' | 'statusDetails'>): JsonImportRow {
  const { result, ...rest } = r;
  const stored = (result ?? {}) as StoredResult;
  return { ...rest, status: r.status as JsonImportStatus, externalId: stored.external_id ?? null, statusDetails: stored.status_details ?? {} };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const byExternalId = (externalId: string) => sql`${jsonImports.result}->>'external_id' = ${externalId}`;

export async function insertJsonImport(
  tx: Tx,
  values: { accountId: string; dataSourceId: string; externalId: string | null; payload: Record<string, unknown> },
): Promise<JsonImportRow> {
  const [row] = await tx.db
    .insert(jsonImports)
    .values({
      accountId: values.accountId,
      dataSourceId: values.dataSourceId,
      status: JSON_IMPORT_WAITING,
      payload: values.payload,
      result: { external_id: values.externalId, status_details: {} },
    })
    .returning(COLUMNS);
  return rowOf(row);
}

/** An import of the data source by its ID or, as ChartMogul's docs track it, the caller's external_id; the latest such. */
export async function jsonImportOf(tx: Tx, accountId: string, dataSourceId: string, ref: string): Promise<JsonImportRow | null> {
  const [row] = await tx.db
    .select(COLUMNS)
    .from(jsonImports)
    .where(and(
      eq(jsonImports.accountId, accountId),
      eq(jsonImports.dataSourceId, dataSourceId),
      UUID.test(ref) ? sql`(${jsonImports.id} = ${ref.toLowerCase()}::uuid or ${byExternalId(ref)})` : byExternalId(ref),
    ))
    // The ID first, then the latest import with that external_id.
    .orderBy(sql`(${jsonImports.id}::text = ${ref.toLowerCase()}) desc`, desc(jsonImports.createdAt))
    .limit(1);
  return row ? rowOf(row) : null;
}

export async function jsonImportExternalIdTaken(tx: Tx, accountId: string, dataSourceId: string, externalId: string): Promise<boolean> {
  const rows = await tx.db
    .select({ id: jsonImports.id })
    .from(jsonImports)
    .where(and(eq(jsonImports.accountId, accountId), eq(jsonImports.dataSourceId, dataSourceId), byExternalId(externalId)))
    .limit(1);
  return rows.length > 0;
}

export const claimJsonImport = (tx: Tx, id: string, staleSeconds: number | null) =>
  claimJob(tx, jsonImports, id, JSON_IMPORT_WAITING, staleSeconds);

export const unfinishedJsonImports = (tx: Tx) => unfinishedJobs(tx, jsonImports, JSON_IMPORT_WAITING);

export interface JsonImportWork {
  accountId: string;
  dataSourceId: string;
  externalId: string | null;
  payload: Record<string, unknown>;
}

/** In the work transaction: the claimed import, locked, with its request; null when another attempt has it or it is done. */
export async function jsonImportToRun(tx: Tx, id: string): Promise<JsonImportWork | null> {
  if (!await lockClaimedJob(tx, jsonImports, id)) return null;
  const [row] = await tx.db
    .select({ accountId: jsonImports.accountId, dataSourceId: jsonImports.dataSourceId, payload: jsonImports.payload, result: jsonImports.result })
    .from(jsonImports)
    .where(eq(jsonImports.id, id));
  return {
    accountId: row.accountId,
    dataSourceId: row.dataSourceId,
    externalId: ((row.result ?? {}) as StoredResult).external_id ?? null,
    payload: row.payload ?? {},
  };
}

/** The outcome: the request is dropped (it has been imported), the details kept. */
export async function finishJsonImport(
  tx: Tx, id: string, status: 'completed' | 'failed', externalId: string | null, statusDetails: Record<string, unknown>,
): Promise<void> {
  await tx.db
    .update(jsonImports)
    .set({ status, payload: null, result: { external_id: externalId, status_details: statusDetails }, updatedAt: sql`now()` })
    .where(eq(jsonImports.id, id));
}

/** A job that broke off (a fault of ours): failed with the message, unless it finished meanwhile. */
export async function failJsonImport(tx: Tx, id: string, message: string): Promise<void> {
  await tx.db
    .update(jsonImports)
    .set({
      status: 'failed',
      payload: null,
      result: sql`jsonb_set(coalesce(${jsonImports.result}, '{}'::jsonb), '{status_details}', ${JSON.stringify({ error: message })}::jsonb)`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(jsonImports.id, id), inArray(jsonImports.status, [JSON_IMPORT_WAITING, PROCESSING])));
}

/** The customer of each stored invoice among `invoiceIds` in the data source. */
export async function invoiceCustomers(tx: Tx, dataSourceId: string, invoiceIds: readonly string[]): Promise<Map<string, string>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await tx.db
    .select({ invoice: invoices.externalId, customer: invoices.customerExternalId })
    .from(invoices)
    .where(and(eq(invoices.dataSourceId, dataSourceId), sql`${invoices.externalId} = ANY(${sql.param([...invoiceIds])}::text[])`));
  return new Map(rows.map((r) => [r.invoice, r.customer]));
}
