/**
 * Activities exports (POST /v1/activities_export) in the store: what was asked for, the CSV
 * once made, and when its download expires. `params` also holds the download's token.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { activityExports } from '../db/schema.ts';
import { claimJob, lockClaimedJob, PROCESSING, unfinishedJobs } from './job-claims.ts';

export type ActivityExportStatus = 'pending' | 'processing' | 'succeeded' | 'failed';
export const ACTIVITY_EXPORT_WAITING = 'pending';

/** What an export selects (the days inclusive, as /v1/activities takes them) and the answered forms of the request. */
export interface ActivityExportParams {
  activity_type?: string;
  start_date?: string;
  end_date?: string;
  start_day?: string;
  end_day?: string;
  /** The secret in the file's URL: a download needs it, not the API key. */
  file_token: string;
}

export interface ActivityExportRow {
  id: string;
  accountId: string;
  status: ActivityExportStatus;
  params: ActivityExportParams;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
}

const COLUMNS = {
  id: activityExports.id,
  accountId: activityExports.accountId,
  status: activityExports.status,
  params: activityExports.params,
  error: activityExports.error,
  createdAt: activityExports.createdAt,
  updatedAt: activityExports.updatedAt,
  expiresAt: activityExports.expiresAt,
};

const rowOf = (r: Omit<ActivityExportRow, 'status' | 'params'> & { status: string; params: Record<string, unknown> }): ActivityExportRow => ({
  ...r, status: r.status as ActivityExportStatus, params: r.params as unknown as ActivityExportParams,
});

/** How long a made file can be downloaded (ChartMogul's pre-signed URLs last a week). */
const LIFETIME = sql`now() + interval '7 days'`;

export async function insertActivityExport(tx: Tx, accountId: string, params: ActivityExportParams): Promise<ActivityExportRow> {
  const [row] = await tx.db
    .insert(activityExports)
    .values({ accountId, status: ACTIVITY_EXPORT_WAITING, params: { ...params }, expiresAt: LIFETIME })
    .returning(COLUMNS);
  return rowOf(row);
}

export async function activityExportById(tx: Tx, accountId: string, id: string): Promise<ActivityExportRow | null> {
  const [row] = await tx.db.select(COLUMNS).from(activityExports).where(and(eq(activityExports.accountId, accountId), eq(activityExports.id, id)));
  return row ? rowOf(row) : null;
}

/** A made file by its export's ID, when `token` is its token and it has not expired; null otherwise. */
export async function activityExportFile(tx: Tx, id: string, token: string): Promise<string | null> {
  const [row] = await tx.db
    .select({ csv: activityExports.csv, token: sql<string>`${activityExports.params}->>'file_token'` })
    .from(activityExports)
    .where(and(eq(activityExports.id, id), eq(activityExports.status, 'succeeded'), sql`${activityExports.expiresAt} > now()`));
  if (!row || row.csv === null || !sameText(row.token, token)) return null;
  return row.csv;
}

/** Compares in time independent of where the texts differ. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export const claimActivityExport = (tx: Tx, id: string, staleSeconds: number | null) =>
  claimJob(tx, activityExports, id, ACTIVITY_EXPORT_WAITING, staleSeconds);

export const unfinishedActivityExports = (tx: Tx) => unfinishedJobs(tx, activityExports, ACTIVITY_EXPORT_WAITING);

/** In the work transaction: the claimed export, locked; null when another attempt has it or it is done. */
export async function activityExportToRun(tx: Tx, id: string): Promise<{ accountId: string; params: ActivityExportParams } | null> {
  if (!await lockClaimedJob(tx, activityExports, id)) return null;
  const [row] = await tx.db.select({ accountId: activityExports.accountId, params: activityExports.params }).from(activityExports).where(eq(activityExports.id, id));
  return { accountId: row.accountId, params: row.params as unknown as ActivityExportParams };
}

/** The account of an export (the job reads figures of that account before its work transaction). */
export async function activityExportAccount(tx: Tx, id: string): Promise<string | null> {
  const [row] = await tx.db.select({ accountId: activityExports.accountId }).from(activityExports).where(eq(activityExports.id, id));
  return row?.accountId ?? null;
}

export async function finishActivityExport(tx: Tx, id: string, csv: string): Promise<void> {
  await tx.db
    .update(activityExports)
    .set({ status: 'succeeded', csv, error: null, updatedAt: sql`now()`, expiresAt: LIFETIME })
    .where(eq(activityExports.id, id));
}

/** A job that broke off (a fault of ours): failed with the message, unless it finished meanwhile. */
export async function failActivityExport(tx: Tx, id: string, message: string): Promise<void> {
  await tx.db
    .update(activityExports)
    .set({ status: 'failed', error: message, updatedAt: sql`now()` })
    .where(and(eq(activityExports.id, id), inArray(activityExports.status, [ACTIVITY_EXPORT_WAITING, PROCESSING])));
}
