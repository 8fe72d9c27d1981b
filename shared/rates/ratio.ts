/**
 * Exchange rates as exact fractions (money.ts's Decimal, num / den): a rate between minor
 * units, and a cross rate through the euro, are products and quotients of published decimals,
 * kept exact so that converting an amount is one rounding (METRICS.md section 2).
 */
import { minorUnitExponent } from '../currencies.ts';
import type { Decimal } from '../money.ts';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function gcdNumber(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * num / den (both > 0) in lowest terms. A fraction whose lowest terms do not fit in safe
 * integers (only rates of 15 significant digits scaled by 1,000 come near) drops decimal
 * digits from both until they do: a relative error below 10^-15, far under a cent of any amount.
 */
export function ratio(num: bigint, den: bigint): Decimal {
  const g = gcd(num, den);
  num /= g;
  den /= g;
  while (num > SAFE || den > SAFE) {
    num = (num + 5n) / 10n;
    den = (den + 5n) / 10n;
    if (den === 0n) den = 1n;
  }
  return { num: Number(num), den: Number(den) };
}

/** (a × b) / (c × d) in lowest terms, all factors safe positive integers; in doubles when exact (the common case). */
function product(a: number, b: number, c: number, d: number): Decimal {
  const num = a * b;
  const den = c * d;
  if (Number.isSafeInteger(num) && Number.isSafeInteger(den)) {
    const g = gcdNumber(num, den);
    return { num: num / g, den: den / g };
  }
  return ratio(BigInt(a) * BigInt(b), BigInt(c) * BigInt(d));
}

/**
 * The rate that converts minor units of `currency` into minor units of `base`, from a rate
 * per major unit: 1 JPY = 0.0064 USD is 1 yen = 0.64 cents (exponents 0 and 2).
 */
export function minorUnitRate(rate: Decimal, currency: string, base: string): Decimal {
  const shift = minorUnitExponent(base) - minorUnitExponent(currency);
  return product(rate.num, shift > 0 ? 10 ** shift : 1, rate.den, shift < 0 ? 10 ** -shift : 1);
}

/**
 * Value of one unit of a currency in the base currency, from the units of each per euro
 * (null for the euro itself, worth 1 euro): perEur(base) / perEur(currency).
 */
export function crossRate(basePerEur: Decimal | null, currencyPerEur: Decimal | null): Decimal {
  const b = basePerEur ?? { num: 1, den: 1 };
  const c = currencyPerEur ?? { num: 1, den: 1 };
  return product(b.num, c.den, b.den, c.num);
}
