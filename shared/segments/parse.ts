/**
 * The filter language (API.md "Segments: the `filters` parameter"): conditions
 * `field~OPERATOR~value` joined by `~AND~`; strings in single quotes (a quote or backslash
 * inside one is escaped with a backslash), several values comma-separated.
 * Anything Mogul does not know is a SegmentError naming it, never ignored.
 */
import {
  CUSTOMER_FIELDS, PLAN_FIELDS, SEGMENT_OPERATORS,
  type CustomerCondition, type CustomerField, type PlanCondition, type PlanField, type Segment, type SegmentOperator,
} from './segment.ts';

/** A filters text Mogul cannot use; the message names the field, operator or value at fault. */
export class SegmentError extends Error {
  constructor(
    message: string,
    /** The condition's field when the fault is in one condition (for example `custom.Seats`), else null. */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'SegmentError';
  }
}

const FIELD_LIST = 'region, state, city, tags, custom.<key>, data_source, currency, plan or billing_cycle';
const OPERATOR_LIST = 'ANY, ALL, NONE, EQ, NOT_EQ, GT, GTE, LT, LTE or BETWEEN';
/** Operators of fields that hold names (a customer's region, tags, a plan's IDs…), not quantities. */
const SET_OPERATORS: readonly SegmentOperator[] = ['ANY', 'ALL', 'NONE', 'EQ', 'NOT_EQ'];
const BILLING_CYCLE = /^(day|month|year)-[1-9]\d{0,8}$/;

/** Parses a filters text; an empty text is the whole business (no conditions). */
export function parseSegment(text: string): Segment {
  const customer: CustomerCondition[] = [];
  const plan: PlanCondition[] = [];
  const tokens = splitOutsideQuotes(text, '~');
  if (tokens.length === 1 && tokens[0].trim() === '') return { text, customer, plan };
  for (let i = 0; i < tokens.length; i += 4) {
    const parts = tokens.slice(i, i + 3);
    const written = parts.join('~');
    if (parts.length < 3) {
      throw new SegmentError(
        `'${written}' is not a condition: write field~OPERATOR~value, conditions joined by ~AND~`,
        parts.length > 0 && parts[0].trim() !== '' ? parts[0].trim() : null,
      );
    }
    if (i + 3 < tokens.length && tokens[i + 3].trim().toUpperCase() !== 'AND') {
      throw new SegmentError(`expected ~AND~ after '${written}'; got '~${tokens[i + 3]}~'`);
    }
    const rest = tokens.slice(i + 4);
    if (i + 3 < tokens.length && (rest.length === 0 || (rest.length === 1 && rest[0].trim() === ''))) {
      throw new SegmentError(`'${text}' ends with ~AND~: a condition must follow it`);
    }
    const condition = parseCondition(parts[0].trim(), parts[1].trim(), parts[2]);
    if (condition.kind === 'plan') plan.push(condition.condition);
    else customer.push(condition.condition);
  }
  return { text, customer, plan };
}

type Parsed =
  | { kind: 'customer'; condition: CustomerCondition }
  | { kind: 'plan'; condition: PlanCondition };

function parseCondition(rawField: string, rawOperator: string, rawValues: string): Parsed {
  const field = fieldOf(rawField);
  const operator = rawOperator.toUpperCase() as SegmentOperator;
  if (!SEGMENT_OPERATORS.includes(operator)) {
    throw new SegmentError(`unknown operator '${rawOperator}' on ${field}; expected ${OPERATOR_LIST}`, field);
  }
  const custom = field.startsWith('custom.');
  if (!custom && !SET_OPERATORS.includes(operator)) {
    throw new SegmentError(`${field} takes ANY, ALL, NONE, EQ or NOT_EQ; got ${operator} (comparisons apply to custom.<key> attributes)`, field);
  }
  const values = parseValues(rawValues, field);
  checkCount(field, operator, values.length);
  if (field === 'billing_cycle') {
    const wrong = values.find((v) => !BILLING_CYCLE.test(v));
    if (wrong !== undefined) {
      throw new SegmentError(`billing_cycle values are <unit>-<count> with unit day, month or year, as in month-1 or year-1; got '${wrong}'`, field);
    }
  }
  if ((PLAN_FIELDS as readonly string[]).includes(field)) {
    return { kind: 'plan', condition: { field: field as PlanField, operator, values } };
  }
  return { kind: 'customer', condition: { field: field as CustomerField | `custom.${string}`, operator, values } };
}

function fieldOf(raw: string): string {
  if (/^custom\./i.test(raw)) {
    const key = raw.slice('custom.'.length).trim();
    if (key === '') throw new SegmentError(`custom. needs an attribute key, as in custom.Industry`, raw);
    return `custom.${key}`;
  }
  const field = raw.toLowerCase();
  if ((CUSTOMER_FIELDS as readonly string[]).includes(field) || (PLAN_FIELDS as readonly string[]).includes(field)) return field;
  throw new SegmentError(
    raw === '' ? `a condition has no field; expected ${FIELD_LIST}` : `unknown field '${raw}'; expected ${FIELD_LIST}`,
    raw === '' ? null : raw,
  );
}

function checkCount(field: string, operator: SegmentOperator, count: number): void {
  const wanted = operator === 'BETWEEN' ? 2 : operator === 'ANY' || operator === 'ALL' || operator === 'NONE' ? null : 1;
  if (wanted === null || count === wanted) return;
  const shape = wanted === 2 ? 'two values, low,high' : 'one value';
  throw new SegmentError(`${operator} on ${field} takes ${shape}; got ${count}`, field);
}

/** `'US','CA'` or `10` or `'vip'` → the values, quotes removed. */
function parseValues(raw: string, field: string): string[] {
  const items = splitOutsideQuotes(raw, ',');
  return items.map((item) => {
    const s = item.trim();
    if (s === '') throw new SegmentError(`${field} has an empty value in '${raw}'`, field);
    if (s.startsWith("'")) {
      if (s.length < 2 || !s.endsWith("'") || isEscaped(s, s.length - 1)) {
        throw new SegmentError(`${field} has an unterminated quoted value in '${raw}'`, field);
      }
      const inner = s.slice(1, -1);
      if (/(^|[^\\])(\\\\)*'/.test(inner)) {
        throw new SegmentError(`${field} has text after a quoted value in '${raw}'; separate values with commas`, field);
      }
      return inner.replace(/\\(.)/g, '$1');
    }
    if (s.includes("'")) throw new SegmentError(`${field} has a stray quote in '${raw}'`, field);
    return s;
  });
}

function isEscaped(s: string, at: number): boolean {
  let slashes = 0;
  for (let i = at - 1; i >= 0 && s[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/** Splits on a separator outside single quotes (backslash escapes inside quotes). */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '\\') i++;
    else if (c === "'") quoted = !quoted;
    else if (!quoted && c === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted) throw new SegmentError(`a quoted value is not closed in '${text}'`);
  parts.push(text.slice(start));
  return parts;
}

/** A value written so that parseSegment reads it back as it is. */
export function quoteSegmentValue(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
