/** Where the repository is, whether running from source (vitest, tsx) or from a bundle in dist/. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'mogul') return dir;
    if (dirname(dir) === dir) throw new Error(`Cannot find the mogul package above ${from}`);
  }
}

export const REPO_ROOT = findRoot(import.meta.dirname);
export const MIGRATIONS_DIR = join(REPO_ROOT, 'api', 'db', 'migrations');
