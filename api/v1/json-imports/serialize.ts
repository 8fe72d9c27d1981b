/** A JSON import as ChartMogul answers it (times as 2023-06-27T14:12:38Z). */
import type { JsonImportRow } from '../../store/json-imports.ts';
import { PREFIX } from '../conventions/ids.ts';
import type { JsonImport } from './schemas.ts';

/** 2023-06-27T14:12:38Z: whole seconds, as ChartMogul writes an import's times. */
const seconds = (t: Date) => t.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function jsonImportJson(row: JsonImportRow): JsonImport {
  return {
    id: row.id,
    data_source_uuid: `${PREFIX.dataSource}${row.dataSourceId}`,
    status: row.status,
    external_id: row.externalId,
    status_details: row.statusDetails,
    created_at: seconds(row.createdAt),
    updated_at: seconds(row.updatedAt),
  };
}
