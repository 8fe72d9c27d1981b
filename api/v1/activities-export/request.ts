/**
 * The parameters of an activities export, as ChartMogul takes them: `start-date` and
 * `end-date` (a day, or a date-time as ChartMogul's docs write them: its UTC day counts) and
 * `type` (one of the movement types). The days select as GET /v1/activities's do, inclusive.
 */
import { formatDate, MOVEMENT_TYPES, parseInstant, startOfDay } from '../../../shared/index.ts';
import { FieldErrors } from '../../ingest/template-rows.ts';
import type { ActivityExportParams } from '../../store/activity-exports.ts';
import { instantCell } from '../conventions/time.ts';

export type ExportRequest = Omit<ActivityExportParams, 'file_token'>;

/** 2022-01-01T00:00:00.000+00:00, as ChartMogul answers the export's dates. */
const answered = (t: number) => new Date(t).toISOString().replace('Z', '+00:00');

export function exportRequest(body: Record<string, unknown>): ExportRequest {
  const errors = new FieldErrors();
  const out: ExportRequest = {};
  const instants: Record<string, number> = {};
  for (const name of ['start-date', 'end-date'] as const) {
    const raw = body[name];
    if (raw === undefined || raw === null || raw === '') continue;
    const t = typeof raw === 'string' ? parseInstant(String(instantCell(raw))) : null;
    if (t === null) {
      errors.add(name, `${name} must be a date YYYY-MM-DD or a date-time such as 2022-01-01T00:00:00Z; got '${String(raw)}'`);
      continue;
    }
    instants[name] = t;
  }
  if (instants['start-date'] !== undefined && instants['end-date'] !== undefined && startOfDay(instants['start-date']) > startOfDay(instants['end-date'])) {
    errors.add('start-date', 'start-date must be on or before end-date');
  }
  const type = body.type;
  if (type !== undefined && type !== null && type !== '') {
    if (typeof type !== 'string' || !(MOVEMENT_TYPES as readonly string[]).includes(type)) {
      errors.add('type', `type must be one of ${MOVEMENT_TYPES.join(', ')}; got '${String(type)}'`);
    } else {
      out.activity_type = type;
    }
  }
  errors.throwIfAny();
  if (instants['start-date'] !== undefined) {
    out.start_date = answered(instants['start-date']);
    out.start_day = formatDate(startOfDay(instants['start-date']));
  }
  if (instants['end-date'] !== undefined) {
    out.end_date = answered(instants['end-date']);
    out.end_day = formatDate(startOfDay(instants['end-date']));
  }
  return out;
}
