/**
 * A clone of the repository alone passes `npm test`: no code reads the project's shared
 * folder beside the checkout (../shared) except api/cli/golden-dir.ts, whose walkers add
 * ../shared/golden when it is there. (A test that read ../../../shared/golden directly once
 * failed in a clone alone.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './paths.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (['node_modules', 'dist', '.git', '.bench', '.data', 'test-artifacts'].includes(e.name)) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|mts|mjs|js)$/.test(e.name) && !e.name.endsWith('Code.js') ? [path] : [];
  });
}

/** Relative paths in the text that lead out of the repository to a `shared` folder. */
function escapes(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const literal = [...text.matchAll(/['"`]((?:\.\.\/)+shared\/[^'"`]*)['"`]/g)]
    .map((m) => m[1])
    .filter((p) => relative(REPO_ROOT, resolve(dirname(file), p)).startsWith('..'));
  // join(import.meta.dirname, '..', '..', 'shared') and join(REPO_ROOT, '..', 'shared')
  const segments = [...text.matchAll(/(import\.meta\.dirname|REPO_ROOT),\s*((?:'\.\.',\s*)+)'shared'/g)]
    .filter((m) => {
      const base = m[1] === 'REPO_ROOT' ? REPO_ROOT : dirname(file);
      const ups = (m[2].match(/'\.\.'/g) ?? []).length;
      return relative(REPO_ROOT, resolve(base, ...Array(ups).fill('..'), 'shared')).startsWith('..');
    })
    .map((m) => m[0]);
  return [...literal, ...segments];
}

describe('the repository stands on its own', () => {
  it('only api/cli/golden-dir.ts reaches for ../shared', () => {
    const offenders = sources(REPO_ROOT)
      .filter((f) => ![join('api', 'cli', 'golden-dir.ts'), join('api', 'self-contained.test.ts')].includes(relative(REPO_ROOT, f)))
      .flatMap((f) => escapes(f).map((e) => `${relative(REPO_ROOT, f)}: ${e}`));
    expect(offenders).toEqual([]);
  });

  it('the check sees a path out of the repository', () => {
    expect(escapes(join(REPO_ROOT, 'api', 'cli', 'golden-dir.ts'))).not.toEqual([]);
    expect(escapes(join(REPO_ROOT, 'addon', 'sidebar-browser', 'golden-tabs.ts'))).toEqual([]); // '..', '..', 'shared': inside
  });
});
