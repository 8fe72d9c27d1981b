/**
 * The wait a `Retry-After` header asks for, in milliseconds: delta-seconds (`120`) or an HTTP
 * date (`Wed, 21 Oct 2026 07:28:00 GMT`, measured from `now`, never negative); null when the
 * header is absent or unreadable. Mogul's own clients (the CLI and the add-on) read it alike.
 */
export function retryAfterMs(value: string | null | undefined, now: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
