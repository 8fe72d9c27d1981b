/**
 * A segment (METRICS.md section 11): conditions in ChartMogul's filter language (API.md
 * "Segments: the `filters` parameter"), split into those that keep or drop whole customers
 * and those that keep a subscription while the plan in force matches.
 */

export const SEGMENT_OPERATORS = ['ANY', 'ALL', 'NONE', 'EQ', 'NOT_EQ', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN'] as const;
export type SegmentOperator = (typeof SEGMENT_OPERATORS)[number];

/** Fields that describe a customer; `custom.<key>` is a custom attribute. */
export const CUSTOMER_FIELDS = ['region', 'state', 'city', 'tags', 'data_source', 'currency'] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

/** Fields that describe the plan in force of a subscription. */
export const PLAN_FIELDS = ['plan', 'billing_cycle'] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

/** A condition's values as written: quotes removed, in order. */
export interface CustomerCondition {
  /** `custom.<key>` keeps the key as written; match it case-insensitively. */
  field: CustomerField | `custom.${string}`;
  operator: SegmentOperator;
  values: string[];
}

export interface PlanCondition {
  field: PlanField;
  operator: SegmentOperator;
  values: string[];
}

export interface Segment {
  /** The filters text it was parsed from. */
  text: string;
  customer: CustomerCondition[];
  plan: PlanCondition[];
}

/** A segment with no conditions: everything is in it. */
export const WHOLE_BUSINESS: Segment = { text: '', customer: [], plan: [] };

export const hasPlanConditions = (s: Segment): boolean => s.plan.length > 0;
export const hasCustomerConditions = (s: Segment): boolean => s.customer.length > 0;
export const isWholeBusiness = (s: Segment): boolean => s.plan.length === 0 && s.customer.length === 0;

/** The key of a `custom.<key>` field, or null for another field. */
export function customKeyOf(field: string): string | null {
  return field.startsWith('custom.') ? field.slice('custom.'.length) : null;
}

/** A plan's billing cycle as the filter language writes it: `month-1`, `year-1`, `day-7`. */
export function billingCycleOf(intervalUnit: string, intervalCount: number): string {
  return `${intervalUnit}-${intervalCount}`;
}
