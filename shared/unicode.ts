/**
 * Lone UTF-16 surrogates: a JavaScript string can hold half of a surrogate pair (JSON's
 * `"\ud800"` makes one), but no UTF-8 text can, so storing one silently turns it into U+FFFD.
 * Text holding one is refused rather than changed, so that sending it again answers the same.
 */

/** Index of the first lone surrogate in text at or after `from`, or -1. */
export function loneSurrogateAt(text: string, from = 0): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

export function hasLoneSurrogate(text: string): boolean {
  return loneSurrogateAt(text) >= 0;
}

/** The text with each lone surrogate written as `\uXXXX` (for messages that quote it). */
export function escapeLoneSurrogates(text: string): string {
  let out = '';
  let from = 0;
  for (let at = loneSurrogateAt(text); at >= 0; at = loneSurrogateAt(text, from)) {
    out += `${text.slice(from, at)}\\u${text.charCodeAt(at).toString(16)}`;
    from = at + 1;
  }
  return out + text.slice(from);
}

export const LONE_SURROGATE_MESSAGE = 'contains a lone UTF-16 surrogate; text must be valid Unicode';
