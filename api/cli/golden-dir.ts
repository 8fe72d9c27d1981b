/**
 * Where the golden cases are. The repository's own copy (shared/golden) is always walked, so
 * a clone alone passes its tests; the project's shared folder beside the checkout
 * (../shared/golden) is walked as well when it is there, and must be there under CI=true,
 * so a case added to it is picked up with no code change.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths.ts';

/** The repository's copy: tests that use one named case read it from here. */
export const GOLDEN_DIR = join(REPO_ROOT, 'shared', 'golden');
/** The project's shared cases beside the checkout. */
export const SHARED_GOLDEN_DIR = join(REPO_ROOT, '..', 'shared', 'golden');

export interface GoldenCase {
  /** The case's folder name, e.g. `06-lifecycle`. */
  name: string;
  /** What a test is called: `06-lifecycle` (repository) or `../shared/06-lifecycle`. */
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
 * Every case to walk: the repository's, then those of ../shared/golden when it exists.
 * Under CI=true a missing ../shared/golden is an error (the walkers must run there), thrown
 * when the test file is collected so the run fails rather than skips.
 */
export function goldenCases(
  { env = process.env, sharedDir = SHARED_GOLDEN_DIR }: { env?: { CI?: string }; sharedDir?: string } = {},
): GoldenCase[] {
  const own = casesIn(GOLDEN_DIR, '');
  if (!existsSync(sharedDir)) {
    if (env.CI === 'true') throw new Error(`CI=true needs the project's golden cases at ${sharedDir}`);
    return own;
  }
  return [...own, ...casesIn(sharedDir, '../shared/')];
}
