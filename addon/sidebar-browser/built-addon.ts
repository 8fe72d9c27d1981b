// Builds the add-on (npm run build:addon's buildAddon) and copies dist/addon to a folder of
// this test's own, so another test's build cannot change the files under it.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAddon } from '../build.mjs';

export async function buildAddonCopy(): Promise<string> {
  const out = await buildAddon();
  const dir = mkdtempSync(join(tmpdir(), 'mogul-addon-'));
  for (const file of ['Code.js', 'Sidebar.html', 'appsscript.json']) cpSync(join(out, file), join(dir, file));
  return dir;
}
