/**
 * The export's file: the activities GET /v1/activities lists for the same days and type (its
 * query and its serializer), oldest first, one CSV row each with the activity's fields as
 * columns (RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled).
 */
import type { MovementType } from '../../../shared/index.ts';
import type { Tx } from '../../db/client.ts';
import { activityRows } from '../../store/derived.ts';
import type { ActivityExportParams } from '../../store/activity-exports.ts';
import type { Activity } from '../activities/schemas.ts';
import { activityJson } from '../activities/serialize.ts';

export const ACTIVITY_COLUMNS: readonly (keyof Activity)[] = [
  'uuid', 'date', 'type', 'description', 'activity-mrr-movement', 'activity-mrr', 'activity-arr', 'currency',
  'customer-uuid', 'customer-external-id', 'customer-name', 'subscription-external-id', 'subscription-set-external-id',
  'plan-external-id', 'billing-connector-uuid',
];

const PAGE = 5_000;

const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const record = (values: readonly string[]) => `${values.map(field).join(',')}\n`;

export async function activitiesCsv(tx: Tx, accountId: string, params: ActivityExportParams, currency: string): Promise<string> {
  const filter = {
    startDay: params.start_day,
    endDay: params.end_day,
    type: params.activity_type as MovementType | undefined,
    descending: false,
  };
  const lines = [record(ACTIVITY_COLUMNS)];
  for (let offset = 0; ; offset += PAGE) {
    const rows = await activityRows(tx, accountId, filter, offset, PAGE);
    for (const row of rows) {
      const activity = activityJson(row, currency);
      lines.push(record(ACTIVITY_COLUMNS.map((c) => String(activity[c]))));
    }
    if (rows.length < PAGE) break;
  }
  return lines.join('');
}
