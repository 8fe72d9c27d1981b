// appsscript.json beside the bundle: the script's time zone, the OAuth scopes and the
// urlFetchWhitelist the fakes enforce.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { whitelistProblems } from './url-whitelist.ts';

export interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
}

/** The manifest in the bundle's folder, or null when there is none; one Apps Script would not save throws. */
export function readManifest(folder: string): Manifest | null {
  const file = join(folder, 'appsscript.json');
  if (!existsSync(file)) return null;
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  const problems = whitelistProblems(manifest.urlFetchWhitelist ?? []);
  if (problems.length > 0) throw new Error(`appsscript.json has errors: ${problems.join('; ')}`);
  return manifest;
}
