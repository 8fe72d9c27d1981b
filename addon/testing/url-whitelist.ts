// The manifest's urlFetchWhitelist as Apps Script applies it
// (https://developers.google.com/apps-script/manifest/allowlist-url):
// - each prefix is a valid https URL with a full domain and a non-empty path (https://host/,
//   not https://host); Apps Script refuses to save a manifest that breaks this;
// - a prefix matches a URL equal to it or below it ("https://example.com/foo" matches /foo,
//   /foo/, /foo/bar, /foo?bar, /foo#bar); path matching is case-sensitive;
// - one leading wildcard "https://*.example.com/foo" matches one or more subdomains
//   (not example.com itself); more wildcards, or one elsewhere, are refused.
// Written apart from the add-on's own check (addon/src/api-url.ts) on purpose: a fake that
// shared the add-on's code could not catch the add-on's mistakes.

const PARTS = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(.*)$/i;

interface Parsed {
  scheme: string;
  host: string;
  /** Path, query and fragment as written. */
  rest: string;
  path: string;
}

function parse(url: string): Parsed | null {
  const m = PARTS.exec(url);
  if (!m) return null;
  return { scheme: m[1].toLowerCase(), host: m[2].toLowerCase(), rest: `${m[3]}${m[4]}`, path: m[3] };
}

/** What Apps Script says about each prefix it would not save (empty: the list is fine). */
export function whitelistProblems(prefixes: readonly string[]): string[] {
  const problems: string[] = [];
  for (const prefix of prefixes) {
    const p = parse(prefix);
    const wildcards = (p?.host.match(/\*/g) ?? []).length;
    if (!p || p.host === '') problems.push(`Invalid URL: ${prefix}`);
    else if (p.scheme !== 'https') problems.push(`URLs must use the HTTPS scheme: ${prefix}`);
    else if (p.path === '') problems.push(`URLs must have a non-empty path: ${prefix}`);
    else if (wildcards > 1) problems.push(`Only one wildcard is allowed: ${prefix}`);
    else if (wildcards === 1 && !/^\*\.[^*]+\.[^*]+$/.test(p.host)) problems.push(`The wildcard must be the leading subdomain: ${prefix}`);
    else if (wildcards === 0 && !p.host.includes('.')) problems.push(`URLs must have a full domain: ${prefix}`);
  }
  return problems;
}

function matchesRest(rest: string, prefixRest: string): boolean {
  if (!rest.startsWith(prefixRest)) return false;
  return rest.length === prefixRest.length || prefixRest.endsWith('/') || '/?#'.includes(rest[prefixRest.length]);
}

function matches(url: Parsed, prefix: Parsed): boolean {
  if (url.scheme !== prefix.scheme) return false;
  if (prefix.host.startsWith('*.')) {
    const domain = prefix.host.slice(1); // ".example.com"
    if (!url.host.endsWith(domain) || url.host.length === domain.length) return false;
  } else if (url.host !== prefix.host) {
    return false;
  }
  return matchesRest(url.rest, prefix.rest);
}

/** True when `url` may be fetched under these prefixes. */
export function whitelisted(url: string, prefixes: readonly string[]): boolean {
  const u = parse(url);
  return !!u && prefixes.some((p) => {
    const prefix = parse(p);
    return !!prefix && matches(u, prefix);
  });
}
