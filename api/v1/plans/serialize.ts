/** A stored plan as /v1 shows it. */
import type { PlanRow } from '../../store/plans.ts';
import { PREFIX, prefixed } from '../conventions/ids.ts';
import type { Plan } from './schemas.ts';

export function planJson(row: PlanRow): Plan {
  return {
    external_id: row.externalId,
    name: row.name,
    interval_count: row.intervalCount,
    interval_unit: row.intervalUnit,
    data_source_uuid: prefixed(PREFIX.dataSource, row.dataSourceId),
    uuid: prefixed(PREFIX.plan, row.id),
  };
}
