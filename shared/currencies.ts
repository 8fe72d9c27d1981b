/**
 * Minor units of currencies (ISO 4217 exponents). Amounts ("in cents") are integers in the
 * currency's minor unit: yen for JPY, fils for BHD, cents for most; exchange rates are per
 * major unit, so converting minor units scales by 10^(exponent(to) - exponent(from)).
 */

/** Currencies whose minor unit is not 1/100 of the major unit; every other one has 2 decimals. */
const EXPONENTS: Readonly<Record<string, number>> = {
  // No minor unit.
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  // Thousandths.
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  // Ten-thousandths (units of account).
  CLF: 4, UYW: 4,
};

/** Decimal places of the currency's minor unit: 0 for JPY, 3 for BHD, 2 for USD and any code not listed. */
export function minorUnitExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}
