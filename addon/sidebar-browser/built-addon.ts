// Builds the add-on (npm run build:addon's buildAddon) into a folder of this test's own, so
// another test's build cannot change the files under it. A development build by default: the
// API the tests start listens on 127.0.0.1.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAddon, type BuildOptions } from '../build.mjs';

export async function buildAddonCopy(options: BuildOptions = { dev: true }): Promise<string> {
  return buildAddon({ ...options, out: mkdtempSync(join(tmpdir(), 'mogul-addon-')) });
}
