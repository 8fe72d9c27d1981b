/**
 * What addon/build.mjs baked into this bundle (esbuild's define of MOGUL_BUILD): the server it
 * was built for (the default API URL), the manifest's urlFetchWhitelist (a script cannot read
 * its own manifest), and whether it is a development build.
 */
export interface BuildInfo {
  apiUrl: string;
  dev: boolean;
  urlFetchWhitelist: string[];
}

declare const MOGUL_BUILD: BuildInfo | undefined;

/** Outside a build (no define): no server, local mode only. */
export const BUILD: BuildInfo = typeof MOGUL_BUILD === 'undefined' ? { apiUrl: '', dev: false, urlFetchWhitelist: [] } : MOGUL_BUILD;
