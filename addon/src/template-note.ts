/**
 * The note on a template header: the hand-written one (template-notes.ts) or, for the other
 * columns, one made from the column's schema (required or not, and what the cell takes).
 */
import {
  boolean, cents, currency, DATASET_SPECS, instant, integer, nonZeroInteger, positiveDecimal, positiveInteger,
  type DatasetName,
} from '../../shared/index.ts';
import { HEADER_NOTES } from './template-notes.ts';

const KINDS = new Map<unknown, string>([
  [instant, 'A date YYYY-MM-DD (or a date cell), or an ISO date-time such as 2024-01-01T10:30:00Z.'],
  [cents, 'Whole cents, no decimal point (12.50 USD is 1250).'],
  [currency, 'Three upper-case letters (ISO 4217), e.g. USD.'],
  [boolean, 'TRUE or FALSE.'],
  [integer, 'A whole number.'],
  [positiveInteger, 'A whole number of 1 or more.'],
  [nonZeroInteger, 'A whole number other than 0.'],
  [positiveDecimal, 'A number above 0.'],
]);

export function headerNote(dataset: DatasetName, header: string): string {
  const own = HEADER_NOTES[dataset]?.[header];
  if (own) return own;
  const column = DATASET_SPECS[dataset].columns.find((c) => c.header === header);
  if (!column) return '';
  const options = (column.parse as { options?: readonly { display: string }[] }).options;
  const kind = options
    ? `One of ${options.map((o) => o.display).join(', ')}.`
    : KINDS.get(column.parse) ?? (/\bID\b/.test(header) ? 'An ID (up to 255 characters).' : 'Text.');
  return `${column.required ? 'Required' : 'Optional'}. ${kind}`;
}
