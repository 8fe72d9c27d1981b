// appsscript.json beside the bundle: the script's time zone and the OAuth scopes the fakes enforce.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
}

/** The manifest in the bundle's folder, or null when there is none. */
export function readManifest(folder: string): Manifest | null {
  const file = join(folder, 'appsscript.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : null;
}
