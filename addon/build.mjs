// `npm run build:addon`: bundles the add-on into dist/addon/ for clasp:
//   Code.js      the server code (one IIFE bundle) + one top-level stub per entry point
//   Sidebar.html the sidebar, its script bundled for the browser and inlined
//   appsscript.json the manifest: ../appsscript.json (the template) with the server's URL in
//                   urlFetchWhitelist
// `node addon/build.mjs --api-url https://mogul.example.workers.dev` (or MOGUL_API_URL=…) builds
// for that server: the URL is whitelisted and is the default API URL in Settings (the bundle
// carries it as MOGUL_BUILD). Without one the add-on runs in local mode only. `--dev` (tests
// only, never the default) also lets Settings take http://localhost and http://127.0.0.1.
// Apps Script only sees top-level function declarations, and a custom function needs its
// JSDoc right above one, so the stubs carry the JSDoc and forward to the bundle.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildTargetError, buildTarget, describeTarget, manifestFor, parseBuildArgs } from './build-target.mjs';
import { ENTRY_POINTS } from './entry-points.mjs';
import { scriptForTemplate, styleForTemplate } from './sidebar-template.mjs';
import { zodEnglishOnly } from './zod-english-only.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUT = join(root, 'dist', 'addon');

/**
 * Writes a file whole or not at all (a temporary file renamed over it): test files build in
 * parallel while others load the bundle, and must never read half of one.
 */
function writeAtomic(path, content) {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}

/** Builds into `out` (default dist/addon) for `apiUrl`; throws BuildTargetError for a URL it refuses. */
export async function buildAddon({ apiUrl = '', dev = false, out = DEFAULT_OUT } = {}) {
  const target = buildTarget({ apiUrl, dev });
  mkdirSync(out, { recursive: true });
  const server = await build({
    entryPoints: [join(root, 'addon', 'src', 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'MogulAddon',
    platform: 'neutral',
    target: 'es2020',
    mainFields: ['module', 'main'],
    // Apps Script parses every file on every execution: smaller is faster to start.
    minify: true,
    legalComments: 'none',
    plugins: [zodEnglishOnly],
    define: { MOGUL_BUILD: JSON.stringify(target) },
    logLevel: 'warning',
  });
  const stubs = ENTRY_POINTS.map(({ name, params, doc }) => {
    const jsdoc = doc ? `/**\n${doc.map((l) => ` * ${l}`).join('\n')}\n */\n` : '';
    return `${jsdoc}function ${name}(${params.join(', ')}) {\n  return MogulAddon.${name}(${params.join(', ')});\n}\n`;
  });
  writeAtomic(join(out, 'Code.js'), `${server.outputFiles[0].text}\n${stubs.join('\n')}`);

  const sidebar = await build({
    entryPoints: [join(root, 'addon', 'sidebar', 'sidebar.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser', // escapes </script inside strings
    target: 'es2020',
    logLevel: 'warning',
  });
  const html = readFileSync(join(root, 'addon', 'sidebar', 'sidebar.html'), 'utf8')
    .replace('<!--STYLE-->', () => `<style>\n${styleForTemplate(readFileSync(join(root, 'addon', 'sidebar', 'sidebar.css'), 'utf8'))}</style>`)
    .replace('<!--SCRIPT-->', () => `<script>\n${scriptForTemplate(sidebar.outputFiles[0].text)}</script>`);
  writeAtomic(join(out, 'Sidebar.html'), html);
  const template = JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8'));
  writeAtomic(join(out, 'appsscript.json'), `${JSON.stringify(manifestFor(template, target), null, 2)}\n`);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const options = parseBuildArgs(process.argv.slice(2), process.env);
    const dir = await buildAddon(options);
    console.log(describeTarget(dir, buildTarget(options)));
  } catch (e) {
    if (!(e instanceof BuildTargetError)) throw e;
    console.error(`Add-on not built: ${e.message}`);
    process.exit(2);
  }
}
