/** An activities export as ChartMogul answers it; file_url is Mogul's own download of the CSV. */
import type { ActivityExportRow } from '../../store/activity-exports.ts';
import { metricsInstant } from '../conventions/time.ts';
import type { ActivitiesExport } from './schemas.ts';

/** The download's path (outside /v1: the token in its URL stands for the API key). */
export const FILE_PATH = '/exports/activities';

export function fileUrl(origin: string, row: ActivityExportRow): string {
  return `${origin}${FILE_PATH}/${row.id}?token=${encodeURIComponent(row.params.file_token)}`;
}

export function activitiesExportJson(row: ActivityExportRow, origin: string, now: number): ActivitiesExport {
  const { activity_type, start_date, end_date } = row.params;
  const made = row.status === 'succeeded';
  return {
    id: row.id,
    status: row.status,
    file_url: made && row.expiresAt.getTime() > now ? fileUrl(origin, row) : null,
    params: {
      kind: 'activities',
      params: {
        ...(activity_type === undefined ? {} : { activity_type }),
        ...(start_date === undefined ? {} : { start_date }),
        ...(end_date === undefined ? {} : { end_date }),
      },
    },
    expires_at: made ? metricsInstant(row.expiresAt) : null,
    created_at: metricsInstant(row.createdAt)!,
  };
}
