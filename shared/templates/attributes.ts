/**
 * Customers' custom attributes (DATA.md: `Attribute: <Key>` columns). A value is typed so that
 * segments compare numbers and dates as such (METRICS.md section 11), not as text.
 */
import { parseInstant } from '../time.ts';

/** One custom attribute's value; dates are epoch ms (UTC). */
export type AttributeValue =
  | { type: 'number'; value: number }
  | { type: 'date'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'text'; value: string };

export type AttributeType = AttributeValue['type'];

/** A customer with no custom attribute shares this one frozen object. */
export const NO_ATTRIBUTES: Readonly<Record<string, AttributeValue>> = Object.freeze({});

const NUMBER = /^[+-]?\d+(\.\d+)?$/;
const BOOLEAN = /^(true|false)$/i;

/**
 * The type of a column of attribute texts (DATA.md): all numbers → number, all dates → date,
 * all TRUE/FALSE → boolean, otherwise text.
 */
export function inferAttributeType(texts: Iterable<string>): AttributeType {
  let number = true;
  let date = true;
  let bool = true;
  for (const s of texts) {
    if (number && !NUMBER.test(s)) number = false;
    if (date && parseInstant(s) === null) date = false;
    if (bool && !BOOLEAN.test(s)) bool = false;
    if (!number && !date && !bool) return 'text';
  }
  return number ? 'number' : date ? 'date' : bool ? 'boolean' : 'text';
}

/** A text read as the given type (one inferAttributeType accepted for it). */
export function attributeOfType(type: AttributeType, text: string): AttributeValue {
  switch (type) {
    case 'number': return { type, value: Number(text) + 0 };
    case 'date': return { type, value: parseInstant(text)! };
    case 'boolean': return { type, value: text.toLowerCase() === 'true' };
    case 'text': return { type, value: text };
  }
}

/**
 * Types every attribute key across the records: each cell was read as text while the rows
 * streamed in; once all are in, a key whose texts are all numbers (dates, TRUE/FALSE) becomes one.
 * Records with attributes hold objects of their own (never NO_ATTRIBUTES), so they are updated in place.
 */
export function inferAttributeTypes(attributeMaps: Iterable<Record<string, AttributeValue>>): void {
  const maps = [...attributeMaps].filter((m) => m !== NO_ATTRIBUTES);
  const texts = new Map<string, string[]>();
  for (const m of maps) {
    for (const [key, v] of Object.entries(m)) {
      if (v.type !== 'text') continue;
      let list = texts.get(key);
      if (!list) texts.set(key, (list = []));
      list.push(v.value);
    }
  }
  for (const [key, list] of texts) {
    const type = inferAttributeType(list);
    if (type === 'text') continue;
    for (const m of maps) {
      const v = m[key];
      if (v && v.type === 'text') m[key] = attributeOfType(type, v.value);
    }
  }
}
