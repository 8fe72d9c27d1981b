/** Currency signs as the metrics API shows them next to the account currency ("€", "zł"). */
const cache = new Map<string, string>();

export function currencySign(code: string): string {
  let sign = cache.get(code);
  if (sign === undefined) {
    try {
      const parts = new Intl.NumberFormat('en', { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' }).formatToParts(0);
      sign = parts.find((p) => p.type === 'currency')?.value ?? code;
    } catch {
      sign = code;
    }
    cache.set(code, sign);
  }
  return sign;
}
