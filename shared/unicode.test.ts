import { describe, expect, it } from 'vitest';
import { escapeLoneSurrogates, hasLoneSurrogate } from './unicode.ts';

describe('lone surrogates', () => {
  it('finds a high or low half alone, never a whole pair', () => {
    for (const bad of ['\ud800', 'a\udbffb', '\udc00', 'x\udfff', '\ude00\ud83d', '\ud83d\ud83d\ude00\ud800']) expect(hasLoneSurrogate(bad), escape(bad)).toBe(true);
    for (const good of ['', 'plain', '\ud83d\ude00', 'é漢字\u{10ffff}', '\ufffd']) expect(hasLoneSurrogate(good), escape(good)).toBe(false);
  });
  it('writes them as \\uXXXX and leaves pairs alone', () => {
    expect(escapeLoneSurrogates('a\ud800b\ud83d\ude00\udc01')).toBe('a\\ud800b\ud83d\ude00\\udc01');
  });
});
