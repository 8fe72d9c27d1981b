/**
 * Which API URLs this build can use. Apps Script fetches from Google's servers, and a published
 * add-on may only fetch the URL prefixes of its manifest's urlFetchWhitelist (a prefix matches
 * itself and the URLs below it: https://developers.google.com/apps-script/manifest/allowlist-url).
 * The build writes that list from --api-url; a development build also takes a server on this computer.
 */
import { BUILD } from './build-info.ts';
import { SETTING_LABELS } from './setting-labels.ts';

const URL_PARTS = /^(https?):\/\/([^/?#\s]+)([^?#\s]*)$/i;
const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d+)?$/i;
const LABEL = SETTING_LABELS.apiUrl;

/** True when `url` is the prefix or below it (a path segment, query or fragment follows). */
function underPrefix(url: string, prefix: string): boolean {
  if (!url.startsWith(prefix)) return false;
  return url.length === prefix.length || prefix.endsWith('/') || '/?#'.includes(url[prefix.length]);
}

/** The URL to store (scheme and host lower-case, no trailing slash), or why it cannot be used. */
export function checkApiUrl(input: string): { url: string } | { error: string } {
  const trimmed = input.trim().replace(/\/+$/, '');
  if (trimmed === '') return { url: '' };
  const parts = URL_PARTS.exec(trimmed);
  if (!parts) return { error: `${LABEL} must start with https:// (got '${input}')` };
  const [, scheme, host, path] = parts;
  const url = `${scheme.toLowerCase()}://${host.toLowerCase()}${path}`;
  if (BUILD.dev && LOOPBACK_HOST.test(host)) return { url };
  if (scheme.toLowerCase() !== 'https') {
    return {
      error: `${LABEL} must start with https:// (got '${input}'): Apps Script fetches from Google's servers, ` +
        'so the Mogul server must be reachable over https from the internet (see the README).',
    };
  }
  const whitelist = BUILD.urlFetchWhitelist;
  if (whitelist.some((prefix) => underPrefix(`${url}/`, prefix))) return { url };
  if (whitelist.length === 0 && BUILD.dev) return { url }; // a test deployment without a whitelist
  const built = whitelist.length ? `built for ${BUILD.apiUrl}` : 'built without a server (local mode only)';
  return {
    error: `This add-on was ${built}; Apps Script only lets a published add-on fetch the addresses in its manifest. ` +
      `Rebuild the add-on with --api-url ${url} to use ${whitelist.length ? 'another' : 'a'} server.`,
  };
}
