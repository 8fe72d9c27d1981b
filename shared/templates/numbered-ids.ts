/**
 * IDs of one prefix and a fixed count of digits (`inv_0000001`, `li_00000001`), as billing
 * systems and the generator issue them. Kept as their numbers they cost 4 or 8 bytes each
 * instead of a string (issue 13: 19M keys at tier L).
 */
export class NumberedIds {
  private constructor(readonly prefix: string, readonly width: number) {}

  /** The pattern `id` follows when it ends in 1 to `maxDigits` digits; else null. */
  static of(id: string, maxDigits: number): NumberedIds | null {
    let start = id.length;
    while (start > 0 && id.charCodeAt(start - 1) >= 48 && id.charCodeAt(start - 1) <= 57) start--;
    const width = id.length - start;
    return width >= 1 && width <= maxDigits ? new NumberedIds(id.slice(0, start), width) : null;
  }

  /** The number of `id`; -1 when it does not follow the pattern. */
  numberOf(id: unknown): number {
    if (typeof id !== 'string' || id.length !== this.prefix.length + this.width || !id.startsWith(this.prefix)) return -1;
    let n = 0;
    for (let i = this.prefix.length; i < id.length; i++) {
      const digit = id.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return -1;
      n = n * 10 + digit;
    }
    return n;
  }

  /** The ID of number `n`. */
  idOf(n: number): string {
    const digits = String(n);
    return this.prefix + (digits.length < this.width ? digits.padStart(this.width, '0') : digits);
  }
}
