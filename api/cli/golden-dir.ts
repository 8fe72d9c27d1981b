/**
 * Where the golden cases are. The repository's own copy (shared/golden) is always walked, so
 * a clone alone passes its tests; the project's shared folders beside the checkout
 * (../shared/golden, and ../shared/golden-next with the cases of the issue in progress) are
 * walked as well when they are there, and must be there under CI=true, so a case added to
 * one is picked up with no code change. A shared case identical file for file to the
 * repository's case of the same name is that case: it is walked once.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths.ts';

/** The repository's copy: tests that use one named case read it from here. */
export const GOLDEN_DIR = join(REPO_ROOT, 'shared', 'golden');
/** The project's shared cases beside the checkout. */
export const SHARED_GOLDEN_DIR = join(REPO_ROOT, '..', 'shared', 'golden');
/** The project's next cases beside the checkout (worked cases of the issue being built). */
export const SHARED_GOLDEN_NEXT_DIR = join(REPO_ROOT, '..', 'shared', 'golden-next');

export interface GoldenCase {
  /** The case's folder name, e.g. `06-lifecycle`. */
  name: string;
  /** What a test is called: `06-lifecycle` (repository), `../shared/06-lifecycle` or `../shared/golden-next/23-…`. */
  label: string;
  dir: string;
}

function casesIn(root: string, prefix: string): GoldenCase[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'expected.json')))
    .map((d) => ({ name: d.name, label: `${prefix}${d.name}`, dir: join(root, d.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Every case to walk: the repository's, then those of ../shared/golden and ../shared/golden-next
 * when they exist. Under CI=true a missing one is an error (the walkers must run there), thrown
 * when the test file is collected so the run fails rather than skips.
 */
export function goldenCases(
  { env = process.env, sharedDir = SHARED_GOLDEN_DIR, sharedNextDir = SHARED_GOLDEN_NEXT_DIR }:
    { env?: { CI?: string }; sharedDir?: string; sharedNextDir?: string } = {},
): GoldenCase[] {
  const own = casesIn(GOLDEN_DIR, '');
  const ownByName = new Map(own.map((c) => [c.name, c]));
  const cases = [...own];
  for (const [dir, prefix] of [[sharedDir, '../shared/'], [sharedNextDir, '../shared/golden-next/']] as const) {
    if (existsSync(dir)) {
      cases.push(...casesIn(dir, prefix).filter((c) => !sameCase(c, ownByName.get(c.name))));
    } else if (env.CI === 'true') {
      throw new Error(`CI=true needs the project's golden cases at ${dir}`);
    }
  }
  return cases;
}

/** The same files with the same bytes (a copy in the repository walks for both). */
function sameCase(a: GoldenCase, b: GoldenCase | undefined): boolean {
  if (!b) return false;
  const files = (c: GoldenCase) => readdirSync(c.dir).sort();
  const names = files(a);
  if (names.join('\0') !== files(b).join('\0')) return false;
  return names.every((n) => readFileSync(join(a.dir, n)).equals(readFileSync(join(b.dir, n))));
}
