/**
 * Does a customer, or a plan in force, satisfy a segment's conditions (METRICS.md section 11)?
 * Names (region, tags, plan IDs…) match exactly, case sensitive; a field the customer lacks
 * matches only NONE and NOT_EQ; custom attributes compare by their type, BETWEEN inclusive.
 */
import type { AttributeValue } from '../templates/attributes.ts';
import { parseDateOnly, parseInstant, startOfDay } from '../time.ts';
import {
  billingCycleOf, customKeyOf,
  type CustomerCondition, type PlanCondition, type Segment, type SegmentOperator,
} from './segment.ts';

/** What customer conditions look at. Absent or empty means the customer lacks the field. */
export interface CustomerFacts {
  country?: string | null;
  state?: string | null;
  city?: string | null;
  tags?: readonly string[];
  /** Custom attributes by key (any case: keys match case-insensitively, like headers). */
  attributes?: Readonly<Record<string, AttributeValue | null | undefined>>;
  /** The customer's data source: a condition matches its name or its ID. */
  dataSource?: { name?: string | null; id?: string | null } | null;
  /** Currencies the customer's subscriptions are billed in. */
  currencies?: readonly string[];
}

/** What plan conditions look at: the plan in force. `plan` matches its external ID, name or UUID. */
export interface PlanFacts {
  externalId: string;
  name?: string | null;
  uuid?: string | null;
  intervalUnit: string;
  intervalCount: number;
}

export function customerMatches(segment: Segment, facts: CustomerFacts): boolean {
  return segment.customer.every((c) => customerConditionHolds(c, facts));
}

/** A null plan (none known) lacks every plan field. */
export function planMatches(segment: Segment, plan: PlanFacts | null): boolean {
  return segment.plan.every((c) => planConditionHolds(c, plan));
}

function customerConditionHolds(c: CustomerCondition, f: CustomerFacts): boolean {
  const key = customKeyOf(c.field);
  if (key !== null) return attributeHolds(c.operator, c.values, attributeOf(f.attributes, key));
  switch (c.field) {
    case 'region': return setHolds(c.operator, c.values, one(f.country));
    case 'state': return setHolds(c.operator, c.values, one(f.state));
    case 'city': return setHolds(c.operator, c.values, one(f.city));
    case 'tags': return setHolds(c.operator, c.values, f.tags ?? []);
    case 'currency': return setHolds(c.operator, c.values, f.currencies ?? []);
    case 'data_source': return setHolds(c.operator, c.values, [...one(f.dataSource?.name), ...one(f.dataSource?.id)]);
  }
  return false;
}

function planConditionHolds(c: PlanCondition, plan: PlanFacts | null): boolean {
  if (plan === null) return setHolds(c.operator, c.values, []);
  if (c.field === 'billing_cycle') return setHolds(c.operator, c.values, [billingCycleOf(plan.intervalUnit, plan.intervalCount)]);
  return setHolds(c.operator, c.values, [plan.externalId, ...one(plan.name), ...one(plan.uuid)]);
}

const one = (v: string | null | undefined): string[] => (v === null || v === undefined || v === '' ? [] : [v]);

/** A field as the set of names it holds (a region is a set of one); empty when the customer lacks it. */
function setHolds(operator: SegmentOperator, values: readonly string[], held: readonly string[]): boolean {
  const has = (v: string) => held.includes(v);
  switch (operator) {
    case 'ANY': return values.some(has);
    case 'ALL': return held.length > 0 && values.every(has);
    case 'NONE': return !values.some(has);
    case 'EQ': return has(values[0]);
    case 'NOT_EQ': return !has(values[0]);
    default: return false;
  }
}

function attributeOf(attributes: CustomerFacts['attributes'], key: string): AttributeValue | null {
  if (!attributes) return null;
  const exact = attributes[key];
  if (exact) return exact;
  const wanted = key.toLowerCase();
  for (const [k, v] of Object.entries(attributes)) if (v && k.toLowerCase() === wanted) return v;
  return null;
}

function attributeHolds(operator: SegmentOperator, values: readonly string[], attr: AttributeValue | null): boolean {
  if (attr === null) return operator === 'NONE' || operator === 'NOT_EQ';
  const cmp = (raw: string) => compareAttribute(attr, raw);
  const equal = (raw: string) => cmp(raw) === 0;
  switch (operator) {
    case 'ANY': return values.some(equal);
    case 'ALL': return values.every(equal);
    case 'NONE': return !values.some(equal);
    case 'EQ': return equal(values[0]);
    case 'NOT_EQ': return !equal(values[0]);
    case 'GT': return (cmp(values[0]) ?? NaN) > 0;
    case 'GTE': return (cmp(values[0]) ?? NaN) >= 0;
    case 'LT': return (cmp(values[0]) ?? NaN) < 0;
    case 'LTE': return (cmp(values[0]) ?? NaN) <= 0;
    case 'BETWEEN': return (cmp(values[0]) ?? NaN) >= 0 && (cmp(values[1]) ?? NaN) <= 0;
  }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The sign of (attribute − written value), compared by the attribute's type; null when the
 * written value is not of that type (it then equals nothing and orders against nothing).
 * A date written without a time compares with the attribute's UTC day.
 */
export function compareAttribute(attr: AttributeValue, raw: string): number | null {
  const s = raw.trim();
  switch (attr.type) {
    case 'number': {
      if (!NUMBER.test(s)) return null;
      return Math.sign(attr.value - Number(s));
    }
    case 'date': {
      const day = parseDateOnly(s);
      if (day !== null) return Math.sign(startOfDay(attr.value) - day);
      const t = parseInstant(s);
      return t === null ? null : Math.sign(attr.value - t);
    }
    case 'boolean': {
      const l = s.toLowerCase();
      const b = l === 'true' || l === '1' ? true : l === 'false' || l === '0' ? false : null;
      return b === null ? null : Number(attr.value) - Number(b);
    }
    case 'text':
      return attr.value < raw ? -1 : attr.value > raw ? 1 : 0;
  }
}
