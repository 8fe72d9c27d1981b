/** Rows matched by the (data source, external ID) pairs of other rows: an invoice's lines, a subscription's cancellations. */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** A row as its data source and external ID name it. */
export interface SourceKey {
  dataSourceId: string;
  externalId: string;
}

/**
 * Rows whose (data source, external ID) columns hold one of the keys: an unnest of two array
 * parameters (drizzle would spend two parameters a key, and an import holds thousands).
 */
export function inSourceKeys(dataSourceColumn: AnyColumn, externalIdColumn: AnyColumn, keys: readonly SourceKey[]): SQL {
  const dataSources = sql.param(keys.map((k) => k.dataSourceId));
  const externalIds = sql.param(keys.map((k) => k.externalId));
  return sql`(${dataSourceColumn}, ${externalIdColumn}) IN (SELECT * FROM unnest(${dataSources}::uuid[], ${externalIds}::text[]))`;
}
