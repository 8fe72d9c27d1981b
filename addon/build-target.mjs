// What one build of the add-on is for: the Mogul server it may fetch, and whether it is a
// development build. Apps Script fetches from Google's servers, and a published add-on may only
// fetch the URL prefixes listed in its manifest's urlFetchWhitelist, which must be https:
// https://developers.google.com/apps-script/manifest/allowlist-url ("Each prefix must use
// https://", "must have a full domain", "must have a non-empty path": https://host/ and not
// https://host; a prefix matches itself and the URLs below it).

export class BuildTargetError extends Error {}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;
const PRIVATE = /^(10(\.\d{1,3}){3}|192\.168(\.\d{1,3}){2}|172\.(1[6-9]|2\d|3[01])(\.\d{1,3}){2}|[^.]+\.local|\[f[cd][0-9a-f:]*\])$/i;

function parseUrl(text) {
  try {
    return new URL(text);
  } catch {
    throw new BuildTargetError(`--api-url must be a URL such as https://mogul.example.workers.dev; got '${text}'`);
  }
}

/**
 * The server's URL as the add-on stores it (no trailing slash), checked: https on a host the
 * internet can reach; a development build may also use http://localhost or http://127.0.0.1.
 */
export function serverUrl(text, dev) {
  const url = parseUrl(text.trim());
  const host = url.hostname;
  const loopback = LOOPBACK.test(host);
  if (dev && loopback && (url.protocol === 'http:' || url.protocol === 'https:')) return stripped(url);
  if (url.protocol !== 'https:') {
    throw new BuildTargetError(
      `--api-url must be an https:// URL; got '${text}'. Apps Script fetches from Google's servers, and a published ` +
        'add-on may only fetch https addresses listed in its manifest: deploy the API where the internet can reach it over https (see the README).',
    );
  }
  if (loopback || PRIVATE.test(host) || !host.includes('.')) {
    throw new BuildTargetError(
      `--api-url ${text} is not reachable from the internet. Apps Script fetches from Google's servers, not from this ` +
        'computer, so a server on a laptop or a private network cannot be reached: deploy the API (see the README).',
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new BuildTargetError(`--api-url must be the server's address only (no query, fragment or credentials); got '${text}'`);
  }
  return stripped(url);
}

function stripped(url) {
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * The build's target: { apiUrl, dev, urlFetchWhitelist }. The whitelist holds the server's https
 * URL with a trailing slash (a non-empty path, as Apps Script requires); no URL, no whitelist.
 */
export function buildTarget({ apiUrl = '', dev = false } = {}) {
  const url = apiUrl.trim() === '' ? '' : serverUrl(apiUrl, dev);
  return { apiUrl: url, dev: Boolean(dev), urlFetchWhitelist: url.startsWith('https://') ? [`${url}/`] : [] };
}

/** The manifest of a build: the template (runtime, scopes) plus the target's whitelist. */
export function manifestFor(template, target) {
  const manifest = { ...template };
  delete manifest.urlFetchWhitelist;
  if (target.urlFetchWhitelist.length > 0) manifest.urlFetchWhitelist = target.urlFetchWhitelist;
  return manifest;
}

/**
 * The command line: --api-url URL (or MOGUL_API_URL), --dev, --out DIR. Answers
 * { apiUrl, dev, out } or throws BuildTargetError naming the wrong argument.
 */
export function parseBuildArgs(argv, env = {}) {
  const options = { apiUrl: env.MOGUL_API_URL ?? '', dev: false, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new BuildTargetError(`${name} needs a value`);
      return v;
    };
    if (name === '--api-url') options.apiUrl = value();
    else if (name === '--out') options.out = value();
    else if (name === '--dev') options.dev = true;
    else throw new BuildTargetError(`Unknown option ${arg}; use --api-url https://… [--out DIR] [--dev]`);
  }
  return options;
}

/** What the build says it made. */
export function describeTarget(dir, target) {
  const lines = [];
  if (target.apiUrl) {
    lines.push(`Add-on built in ${dir} for ${target.apiUrl} (the default API URL in Settings).`);
    if (target.urlFetchWhitelist.length) lines.push(`urlFetchWhitelist: ${target.urlFetchWhitelist.join(', ')}`);
  } else {
    lines.push(`Add-on built in ${dir} with no server URL: local mode only (Compute in this sheet).`);
    lines.push('To sync to a Mogul server, build with --api-url https://your-server (or MOGUL_API_URL=https://your-server).');
  }
  if (target.dev) lines.push('Development build: Settings also accept http://localhost and http://127.0.0.1. Never publish it.');
  return lines.join('\n');
}
