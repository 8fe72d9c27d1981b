/**
 * The note on a template header (the add-on writes it on the header cell): the column's own
 * `note` where its spec has one, else one made from the column's type (required or not, and
 * what the cell takes).
 */
import type { ColumnSpec } from './spec.ts';
import {
  boolean, cents, currency, instant, integer, nonZeroInteger, positiveDecimal, positiveInteger, type EnumParser,
} from './values.ts';

export const DATE_NOTE = 'A date YYYY-MM-DD (or a date cell), or an ISO date-time such as 2024-01-01T10:30:00Z.';
export const CENTS_NOTE = 'Whole cents, no decimal point (12.50 USD is 1250).';

type Column = Pick<ColumnSpec<never>, 'header' | 'parse' | 'required' | 'note'>;

const KINDS = new Map<unknown, string>([
  [instant, DATE_NOTE],
  [cents, CENTS_NOTE],
  [currency, 'Three upper-case letters (ISO 4217), e.g. USD.'],
  [boolean, 'TRUE or FALSE.'],
  [integer, 'A whole number.'],
  [positiveInteger, 'A whole number of 1 or more.'],
  [nonZeroInteger, 'A whole number other than 0.'],
  [positiveDecimal, 'A number above 0.'],
]);

/** The values a column offers (a dropdown in the sheet), or undefined for a column of free values. */
export function columnOptions(column: Column): readonly string[] | undefined {
  return (column.parse as Partial<EnumParser<string>>).options?.map((o) => o.display);
}

export function columnNote(column: Column): string {
  if (column.note) return column.note;
  const options = columnOptions(column);
  const kind = options
    ? `One of ${options.join(', ')}.`
    : KINDS.get(column.parse) ?? (/\bID\b/.test(column.header) ? 'An ID (up to 255 characters).' : 'Text.');
  return `${column.required ? 'Required' : 'Optional'}. ${kind}`;
}
