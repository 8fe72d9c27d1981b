// Bundles the CLI (api/cli/entry.ts and everything it imports from api/ and shared/) into
// dist/cli/mogul.mjs. Packages from node_modules stay external.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A Node ESM bundle of one entry point; packages from node_modules stay external. */
export async function bundleForNode(entry, outfile, extra = {}) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    ...extra,
  });
}

export async function buildCli() {
  await bundleForNode(join(root, 'api', 'cli', 'entry.ts'), join(root, 'dist', 'cli', 'mogul.mjs'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
