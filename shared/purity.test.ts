/**
 * shared/ runs unchanged in the API, the CLI and Apps Script, so it must stay pure: no
 * imports from api/ or addon/, no Node or Apps Script modules, no clock, no randomness.
 * (tsconfig enforces the imports and globals at type-check time; this catches the clock.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return /\.ts$/.test(e.name) && !/\.test(-util)?\.ts$/.test(e.name) ? [path] : [];
  });
}

const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"](\.\.\/)+(api|addon)\//, 'imports from api/ or addon/'],
  [/from\s+['"]node:/, 'imports a Node module'],
  [/\bDate\.now\s*\(/, 'reads the clock (Date.now)'],
  [/new Date\(\s*\)/, 'reads the clock (new Date())'],
  [/\bMath\.random\s*\(/, 'uses Math.random (not reproducible)'],
  [/\b(process|require|SpreadsheetApp|UrlFetchApp|PropertiesService|console)\b\s*[.(]/, 'uses a runtime global'],
];

describe('shared/ is pure', () => {
  it('has sources to check', () => expect(sources(ROOT).length).toBeGreaterThan(10));
  for (const file of sources(ROOT)) {
    it(relative(ROOT, file), () => {
      const text = readFileSync(file, 'utf8');
      const problems = FORBIDDEN.filter(([re]) => re.test(text)).map(([, what]) => what);
      expect(problems).toEqual([]);
    });
  }
});
