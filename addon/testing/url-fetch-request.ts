// Turns UrlFetchApp's (url, params) into a wire request, as Apps Script builds it: method GET by
// default, a payload object form-encoded, contentType defaulting to form encoding, its User-Agent.
import { FakeBlob, toBuffer } from './blob.ts';
import { isPlainObject } from './realm.ts';
import type { Runtime } from './runtime.ts';
import type { WireRequest } from './url-fetch-wire.ts';

export const MAX_URL_CHARS = 2 * 1024;
export const MAX_PAYLOAD_BYTES = 50 * 1024 * 1024;
export const TIMEOUT_MS = 60_000;
const USER_AGENT = 'Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: fake)';
const METHODS = ['GET', 'DELETE', 'PATCH', 'POST', 'PUT'];

export interface FetchParams {
  method?: string;
  contentType?: string;
  payload?: unknown;
  headers?: Record<string, unknown>;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
}

function formEncode(obj: Record<string, unknown>): string {
  return Object.entries(obj).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
}

export function buildRequest(rt: Runtime, url: unknown, params: FetchParams = {}): { wire: WireRequest; bodyBytes: number } {
  const u = String(url);
  let parsed: URL | null = null;
  try { parsed = new URL(u); } catch { /* below */ }
  if (!parsed || !/^https?:$/.test(parsed.protocol)) rt.fail(`Invalid argument: ${u}`);
  if (u.length > MAX_URL_CHARS) rt.fail('Limit Exceeded: URLFetch URL Length.');
  const method = String(params.method ?? 'get').toUpperCase();
  if (!METHODS.includes(method)) rt.fail(`Invalid argument: method`);
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
  for (const [k, v] of Object.entries(params.headers ?? {})) headers[k] = String(v);
  let body: Buffer | null = null;
  let contentType = params.contentType;
  const p = params.payload;
  if (p !== undefined && p !== null) {
    if (p instanceof FakeBlob) { body = toBuffer(p); contentType ??= p.getContentType() ?? undefined; }
    else if (isPlainObject(p)) { body = Buffer.from(formEncode(p), 'utf8'); contentType = 'application/x-www-form-urlencoded'; }
    else body = toBuffer(p);
    contentType ??= 'application/x-www-form-urlencoded';
  }
  if (contentType) {
    for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-type') delete headers[k];
    headers['Content-Type'] = contentType;
  }
  if (body && body.length > MAX_PAYLOAD_BYTES) rt.fail('Limit Exceeded: URLFetch POST Size.');
  return {
    wire: {
      url: u, method, headers, bodyBase64: body ? body.toString('base64') : null,
      followRedirects: params.followRedirects ?? true, timeoutMs: TIMEOUT_MS,
    },
    bodyBytes: body?.length ?? 0,
  };
}
