/**
 * Customers' custom attributes (DATA.md: `Attribute: <Key>` columns). A value is typed so that
 * segments compare numbers and dates as such (METRICS.md section 11), not as text.
 */

/** One custom attribute's value; dates are epoch ms (UTC). */
export type AttributeValue =
  | { type: 'number'; value: number }
  | { type: 'date'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'text'; value: string };

export type AttributeType = AttributeValue['type'];
