/** UTF-8 sizes without making the bytes (Apps Script has no TextEncoder). */

/** UTF-8 bytes of one UTF-16 code unit: a surrogate half counts 2 (a pair is 4 bytes). */
function unitBytes(c: number): number {
  if (c < 0x80) return 1;
  if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)) return 2;
  return 3;
}

/** UTF-8 bytes of a string (what a request body or a stored value weighs). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) n += unitBytes(text.charCodeAt(i));
  return n;
}

/**
 * The string cut into pieces of at most `maxBytes` UTF-8 bytes each, never inside a character:
 * a surrogate pair stays in one piece. Joined, the pieces give the string back.
 */
export function utf8Pieces(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError('a piece must hold any character (4 bytes)');
  const pieces: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    const size = pair ? 4 : unitBytes(c);
    if (bytes + size > maxBytes) {
      pieces.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    if (pair) i++;
  }
  if (start < text.length || pieces.length === 0) pieces.push(text.slice(start));
  return pieces;
}
