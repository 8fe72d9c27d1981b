/**
 * The European Central Bank's euro foreign exchange reference rates, as it publishes them in
 * XML (eurofxref-hist.xml, eurofxref-hist-90d.xml, eurofxref-daily.xml: one format):
 *
 *   <gesmes:Envelope …><Cube>
 *     <Cube time="2024-05-17"><Cube currency="USD" rate="1.0866"/><Cube currency="JPY" rate="169.28"/>…</Cube>
 *     …
 *   </Cube></gesmes:Envelope>
 *
 * Each rate is the units of the currency one euro buys that day. The format is this small
 * and fixed, so a tokenizer of tags reads it (no XML library); anything else in the file
 * (other elements, comments, processing instructions, CDATA) is skipped, and a file that is
 * not this format is refused whole rather than half read.
 */
import { parseDateOnly } from '../time.ts';

/** One published rate: units of `currency` per 1 EUR on `date` (YYYY-MM-DD), as an exact decimal. */
export interface EcbRate {
  date: string;
  currency: string;
  /** Canonical decimal text: no leading zeros before the units, no trailing zeros after the point. */
  perEur: string;
}

export interface EcbRates {
  /** Every rate of the file, by date then currency. */
  rows: EcbRate[];
  /** The latest day of the file. */
  latestDate: string;
  /** How many days the file has. */
  days: number;
}

/** A file that is not ECB's reference rates XML, or a value in it that is not a rate. */
export class EcbFormatError extends Error {
  override name = 'EcbFormatError';
}

const SKIPPED = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>/g;
const TAG = /<(\/?)(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)([^>]*?)(\/?)>/g;
const ATTRIBUTE = /\s*([^\s=>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const BLANK = /^\s*$/;
const CURRENCY = /^[A-Z]{3}$/;

interface CubeAttributes {
  time?: string;
  currency?: string;
  rate?: string;
}

/** A Cube's attributes; null when its tag has anything else (an unquoted value, a stray word). */
function attributes(text: string): CubeAttributes | null {
  const result: CubeAttributes = {};
  let end = 0;
  ATTRIBUTE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTRIBUTE.exec(text)) !== null) {
    end = ATTRIBUTE.lastIndex;
    const name = m[1];
    if (name === 'time' || name === 'currency' || name === 'rate') result[name] = m[2] ?? m[3];
  }
  return BLANK.test(text.slice(end)) ? result : null;
}

const NUMBER = /^0*(\d*?)(?:\.(\d*?)0*)?$/;

/**
 * "0012.3400" → "12.34"; null when not an unsigned decimal above 0 that money.ts's
 * parseDecimal reads exactly (at most 15 significant digits, 12 after the point).
 */
function canonicalRate(s: string): string | null {
  if (s === '' || s[0] === '.' || s[s.length - 1] === '.') return null;
  const m = NUMBER.exec(s);
  if (!m) return null;
  const whole = m[1];
  const frac = m[2] ?? '';
  if (frac.length > 12 || whole.length + frac.length > 15 || /^0*$/.test(whole + frac)) return null;
  return frac ? `${whole || '0'}.${frac}` : whole;
}

export function parseEcbXml(xml: string): EcbRates {
  const text = xml.replace(SKIPPED, '');
  // Per day, per currency: a day or a rate given twice must agree.
  const byDay = new Map<string, Map<string, string>>();
  let day: string | null = null;
  let depth = 0; // open Cube elements
  let dayDepth = -1; // depth of the open day's Cube
  let sawEnvelope = false;
  TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TAG.exec(text)) !== null) {
    const [tag, closing, name, attrText, selfClosing] = m;
    if (name === 'Envelope') sawEnvelope = true;
    if (name !== 'Cube') continue;
    if (closing) {
      if (depth === 0) throw new EcbFormatError('An unbalanced </Cube>: not the European Central Bank\'s reference rates XML');
      depth--;
      if (depth === dayDepth) {
        day = null;
        dayDepth = -1;
      }
      continue;
    }
    const attrs = attributes(attrText);
    if (attrs === null) throw new EcbFormatError(`Not a Cube of reference rates: ${tag.slice(0, 80)}`);
    const { time, currency, rate } = attrs;
    if (time !== undefined) {
      if (day !== null) throw new EcbFormatError(`The day ${time} is inside the day ${day}`);
      if (parseDateOnly(time) === null) throw new EcbFormatError(`'${time}' is not a date (YYYY-MM-DD)`);
      if (!selfClosing) {
        if (!byDay.has(time)) byDay.set(time, new Map());
        day = time;
        dayDepth = depth;
      }
    } else if (currency !== undefined || rate !== undefined) {
      if (day === null) throw new EcbFormatError(`A rate (currency '${currency ?? ''}') outside any day`);
      if (currency === undefined || !CURRENCY.test(currency))
        throw new EcbFormatError(`On ${day}, '${currency ?? ''}' is not a currency code (three upper-case letters)`);
      const perEur = rate === undefined ? null : canonicalRate(rate.trim());
      if (perEur === null) throw new EcbFormatError(`On ${day}, the ${currency} rate '${rate ?? ''}' is not a positive decimal number`);
      if (currency === 'EUR' && perEur !== '1') throw new EcbFormatError(`On ${day}, one euro is worth ${perEur} euros`);
      const rates = byDay.get(day)!;
      const earlier = rates.get(currency);
      if (earlier !== undefined && earlier !== perEur)
        throw new EcbFormatError(`On ${day}, ${currency} has two rates: ${earlier} and ${perEur}`);
      if (currency !== 'EUR') rates.set(currency, perEur);
    }
    if (!selfClosing) depth++;
  }
  if (depth !== 0) throw new EcbFormatError('The file ends inside a <Cube>: it was cut short');
  const days = [...byDay.keys()].filter((d) => byDay.get(d)!.size > 0).sort();
  const rows: EcbRate[] = [];
  for (const date of days) {
    const rates = byDay.get(date)!;
    for (const currency of [...rates.keys()].sort()) rows.push({ date, currency, perEur: rates.get(currency)! });
  }
  if (rows.length === 0) {
    throw new EcbFormatError(
      sawEnvelope ? 'The file has no rates' : "No rates: not the European Central Bank's reference rates XML (eurofxref)",
    );
  }
  return { rows, latestDate: days[days.length - 1], days: days.length };
}
