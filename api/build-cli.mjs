// Bundles the CLI (api/cli/entry.ts and everything it imports from api/ and shared/) into
// dist/cli/mogul.mjs. Packages from node_modules stay external.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildCli() {
  await build({
    entryPoints: [join(root, 'api', 'cli', 'entry.ts')],
    outfile: join(root, 'dist', 'cli', 'mogul.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
