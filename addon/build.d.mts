export interface BuildOptions {
  /** The Mogul server's URL (https; a development build may also use http://localhost or http://127.0.0.1). */
  apiUrl?: string;
  /** A development build (tests only): Settings also accept http://localhost and http://127.0.0.1. */
  dev?: boolean;
  /** The folder to write; default dist/addon. */
  out?: string;
}

/** Builds Code.js, Sidebar.html and appsscript.json for a server (default: none, local mode only); answers the folder. */
export function buildAddon(options?: BuildOptions): Promise<string>;
