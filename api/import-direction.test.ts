/**
 * Imports flow addon → shared ← api: api/ and addon/ meet only over HTTP. (shared/ is kept
 * pure by its own tsconfig and shared/purity.test.ts.) Tests may cross: an add-on test starts
 * the API and compares with `mogul report`; the code that ships may not.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return /\.(ts|mts|mjs|js)$/.test(e.name) && !/\.test(-util)?\.ts$/.test(e.name) ? [path] : [];
  });
}

const FROM = /(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g;

function importsInto(file: string, folder: 'api' | 'addon'): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(FROM)]
    .map((m) => m[1])
    .filter((spec) => spec.startsWith('.') && relative(ROOT, join(file, '..', spec)).split(/[\\/]/)[0] === folder);
}

describe('import direction', () => {
  it('api/ never imports addon/', () => {
    const offenders = sources(join(ROOT, 'api')).flatMap((f) => importsInto(f, 'addon').map((i) => `${relative(ROOT, f)}: ${i}`));
    expect(offenders).toEqual([]);
  });
  it('addon/ never imports api/', () => {
    const offenders = sources(join(ROOT, 'addon')).flatMap((f) => importsInto(f, 'api').map((i) => `${relative(ROOT, f)}: ${i}`));
    expect(offenders).toEqual([]);
  });
  it('the check sees a violation', () => {
    const probe = join(ROOT, 'api', 'cli', 'main.ts');
    expect(importsInto(probe, 'api').length).toBeGreaterThan(0); // main.ts imports api/cli siblings
  });
});
