/**
 * One zod schema per dataset, keyed by the template headers, built from the same column
 * specs the table parser uses: a row object in, a typed record (or zod issues naming the
 * column) out. The bulk paths call the column parsers directly for speed; a test keeps the
 * two in agreement.
 */
import { z } from 'zod';
import type { DatasetName } from './datasets.ts';
import type { BaseRecord, ColumnSpec, DatasetSpec } from './spec.ts';
import { DATASET_SPECS, type DatasetRecords } from './specs/index.ts';
import { cellText, Invalid } from './values.ts';

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]).optional();

function cellSchema<R>(header: string, column: ColumnSpec<R>, parse: ColumnSpec<R>['parse']) {
  return cell.transform((raw, ctx) => {
    const text = cellText(raw);
    if (text === '') return undefined;
    const value = parse(text);
    if (value instanceof Invalid) {
      ctx.addIssue({ code: 'custom', message: `${header} ${value.expected}; got '${text}'`, path: [] });
      return z.NEVER;
    }
    return value;
  });
}

export type RowObject = Record<string, string | number | boolean | null | undefined>;

export function datasetSchema<R extends BaseRecord>(spec: DatasetSpec<R>): z.ZodType<Omit<R, 'row'>, RowObject> {
  const shape: Record<string, z.ZodType> = {};
  for (const column of spec.columns) {
    shape[column.header] = cellSchema(column.header, column, column.parse);
    if (column.alternative) {
      shape[column.alternative.header] = cellSchema(column.alternative.header, column, column.alternative.parse);
    }
  }
  const valueOf = (cells: Record<string, unknown>, column: ColumnSpec<R>) =>
    cells[column.header] ?? (column.alternative ? cells[column.alternative.header] : undefined);
  return z
    .object(shape)
    .superRefine(
      (cells, ctx) => {
        for (const column of spec.columns) {
          if (column.required && valueOf(cells, column) === undefined) {
            ctx.addIssue({ code: 'custom', message: `${column.header} is required`, path: [column.header] });
          }
        }
      },
      // Report missing required cells alongside bad ones, as the table parser does.
      { when: () => true },
    )
    .transform((cells, ctx) => {
      const record: Record<string, unknown> = {};
      for (const column of spec.columns) record[column.key] = valueOf(cells, column) ?? column.defaultValue ?? null;
      spec.check?.({ row: 0, ...record } as R, (column, message) =>
        ctx.addIssue({ code: 'custom', message, path: [column] }),
      );
      return record as Omit<R, 'row'>;
    }) as unknown as z.ZodType<Omit<R, 'row'>, RowObject>;
}

export const DATASET_SCHEMAS = Object.fromEntries(
  Object.entries(DATASET_SPECS).map(([name, spec]) => [name, datasetSchema(spec as unknown as DatasetSpec<BaseRecord>)]),
) as { [N in DatasetName]: z.ZodType<Omit<DatasetRecords[N], 'row'>, RowObject> };
