/**
 * Integer-cent arithmetic. Every rounding of money goes through here: half away from zero,
 * once, on an exact rational value, so no cent is lost or invented by floating point.
 */

/** Rounds half away from zero (2.5 → 3, -2.5 → -3). */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * round(product(num) / product(den)), half away from zero, computed exactly.
 * All factors must be integers; the denominator's product must not be 0.
 */
export function roundRatio(num: readonly number[], den: readonly number[]): number {
  let n = 1;
  let d = 1;
  let safe = true;
  for (const f of num) {
    n *= f;
    if (Math.abs(n) > SAFE) safe = false;
  }
  for (const f of den) {
    d *= f;
    if (Math.abs(d) > SAFE) safe = false;
  }
  if (safe) return divRound(n, d);
  let bn = 1n;
  let bd = 1n;
  for (const f of num) bn *= BigInt(f);
  for (const f of den) bd *= BigInt(f);
  return divRoundBig(bn, bd);
}

/** round(a × b / c), half away from zero, exactly; the allocation-free form of roundRatio. */
export function mulDivRound(a: number, b: number, c: number): number {
  const product = a * b;
  if (Math.abs(product) <= SAFE && Math.abs(c) <= SAFE) return divRound(product, c);
  return divRoundBig(BigInt(a) * BigInt(b), BigInt(c));
}

/** round(n / d) half away from zero for safe integers. */
export function divRound(n: number, d: number): number {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const r = n % d;
  const q = (n - r) / d;
  if (2 * Math.abs(r) >= d) return r < 0 ? q - 1 : q + 1;
  return q + 0; // normalise -0
}

function divRoundBig(n: bigint, d: bigint): number {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const r = n % d;
  let q = n / d;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice >= d) q += r < 0n ? -1n : 1n;
  return Number(q);
}

/**
 * A positive rational, exactly: value = num / den (safe integers). A parsed decimal has a power
 * of ten as den; an exchange rate between minor units or through the euro may have any
 * (shared/rates/ratio.ts).
 */
export interface Decimal {
  num: number;
  den: number;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Parses an unsigned decimal such as "1.0825" exactly; null when not one (or too precise). */
export function parseDecimal(s: string): Decimal | null {
  const m = DECIMAL.exec(s);
  if (!m) return null;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > 12 || m[1].length + frac.length > 15) return null;
  return { num: Number(m[1] + frac), den: 10 ** frac.length };
}

/** amount × rate, rounded half away from zero to whole cents. */
export function convert(amount: number, rate: Decimal): number {
  if (rate.den === 1 && rate.num === 1) return amount;
  return mulDivRound(amount, rate.num, rate.den);
}

/**
 * Splits total into integer parts proportional to weights (largest remainder method),
 * so the parts always add up to total exactly.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum === 0) {
    const parts = weights.map(() => 0);
    parts[parts.length - 1] = total;
    return parts;
  }
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const parts = weights.map((w) => Math.floor((abs * w) / sum));
  let rest = abs - parts.reduce((a, b) => a + b, 0);
  const order = weights
    .map((w, i) => ({ i, frac: (abs * w) / sum - parts[i] }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k].i] += 1;
  return parts.map((p) => p * sign + 0);
}
