import { describe, expect, test } from 'vitest';
import { utf8Length, utf8Pieces } from './utf8.ts';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('utf8Length', () => {
  test('counts what UTF-8 takes: ASCII 1, Latin 2, Japanese 3, an emoji (surrogate pair) 4', () => {
    for (const s of ['', 'abc', 'é', '日本語のテキスト', '😀', 'a😀é日']) expect(utf8Length(s), s).toBe(bytes(s));
  });
});

describe('utf8Pieces', () => {
  test('pieces within the limit, never cutting a character or a surrogate pair, that join to the text', () => {
    const text = 'Mogul 請求書の行 😀 é '.repeat(500);
    for (const max of [4, 5, 7, 100, 1024]) {
      const pieces = utf8Pieces(text, max);
      expect(pieces.join('')).toBe(text);
      for (const p of pieces) {
        expect(bytes(p)).toBeLessThanOrEqual(max);
        expect(p).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
        expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p); // no broken character
      }
      // Each piece is full: the next character would not have fitted.
      for (let i = 0; i + 1 < pieces.length; i++) {
        const next = String.fromCodePoint(pieces[i + 1].codePointAt(0)!);
        expect(bytes(pieces[i] + next)).toBeGreaterThan(max);
      }
    }
  });

  test('an empty text is one empty piece; a limit under 4 bytes is refused', () => {
    expect(utf8Pieces('', 10)).toEqual(['']);
    expect(() => utf8Pieces('x', 3)).toThrow(RangeError);
  });
});
