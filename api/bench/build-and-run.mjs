// `npm run bench`: bundles the benchmark like the CLI (esbuild, no tsx wrappers, so the
// engine is measured as users run it), then runs it with any arguments passed through.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli, bundleForNode } from '../build-cli.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = join(root, 'dist', 'bench', 'main.mjs');
await buildCli(); // the end-to-end figures run the CLI bundle
// Code of the bundle still finds the repository (the CLI bundle, .bench/) from here.
await bundleForNode(join(root, 'api', 'bench', 'main.ts'), outfile, {
  // import.meta.filename too: a module's "run as a script" check must not take the bundle for itself.
  define: {
    'import.meta.dirname': JSON.stringify(join(root, 'api', 'bench')),
    'import.meta.filename': JSON.stringify(join(root, 'api', 'bench', 'bundled-module.ts')),
  },
});
const run = spawnSync(process.execPath, ['--enable-source-maps', '--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
