/** Plain-text formatting for the CLI: money from cents, rates, aligned tables. */

export function money(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

export function percent(rate: number): string {
  return `${rate.toFixed(2)}%`;
}

/** Columns right-aligned except the first; header underlined by spacing alone. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}
