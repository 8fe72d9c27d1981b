/**
 * What went wrong with a request to the Mogul server, in words a user can act on (never
 * Apps Script's raw exception): UrlFetchApp runs on Google's servers, so "unreachable" usually
 * means the server is on this computer or a private network; a 401 is the key; a 5xx is the
 * server's own failure; a 503 with Retry-After is a server still computing figures.
 */
import { retryAfterMs } from '../../shared/index.ts';
import { BUILD } from './build-info.ts';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** 503 with Retry-After: the server is recomputing after an import; ask again later. */
export class NotReadyError extends ApiError {
  constructor(message: string, readonly retryAfterMs: number) {
    super(503, message);
  }
}

const QUOTE_CHARS = 160;

/** UrlFetchApp threw: refused by the manifest's whitelist, or the server could not be reached. */
export function fetchFailed(apiUrl: string, error: Error): Error {
  const raw = error.message;
  if (/has not been (whitelisted|allowlisted)/.test(raw)) {
    const built = BUILD.apiUrl || 'no server';
    return new ApiError(0,
      `Apps Script refused to fetch ${apiUrl}: this add-on was built for ${built}, and a published add-on may only fetch the addresses in its manifest. ` +
      `Set Settings → API URL to ${built}, or rebuild the add-on with --api-url ${apiUrl}.`);
  }
  if (/^(DNS error|Address unavailable|Timeout|SSL error|Unexpected error)/i.test(raw)) {
    return new ApiError(0,
      `The Mogul server at ${apiUrl} could not be reached from Google's servers (${raw}). Apps Script fetches from Google, not from this computer, ` +
      'so a server on a laptop or a private network is unreachable: deploy the API where the internet can reach it over https (see the README).');
  }
  return error; // the execution's own limits (time, quota) are Apps Script's to report
}

function numberText(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The Retry-After header's wait, whatever the case of its name. */
function retryAfterOf(headers: Record<string, string>): number | null {
  return retryAfterMs(Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1], Date.now());
}

/** A short quote of an error body: its JSON message, an HTML page's title or text, or the text. */
function quote(text: string, json: unknown): string {
  const message = (json as { message?: unknown } | null)?.message;
  let shown = typeof message === 'string' ? message : text;
  if (typeof message !== 'string' && /<html|<!doctype/i.test(text)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
    shown = title ?? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ');
  }
  shown = shown.replace(/\s+/g, ' ').trim();
  return shown.length > QUOTE_CHARS ? `${shown.slice(0, QUOTE_CHARS)}…` : shown;
}

/** An answer with status >= 400. */
export function answerFailed(apiUrl: string, status: number, text: string, json: unknown, headers: Record<string, string>): ApiError {
  if (status === 401) {
    return new ApiError(status, `The Mogul server at ${apiUrl} did not accept the API key (401): check the API key in Extensions → Mogul → Settings.`);
  }
  const wait = status === 503 ? retryAfterOf(headers) : null;
  if (wait !== null) {
    const pending = (json as { pending_customers?: unknown } | null)?.pending_customers;
    const progress = typeof pending === 'number'
      ? `Computing figures: ${numberText(pending)} customers to go`
      : quote(text, json) || 'The server is still computing figures';
    return new NotReadyError(progress, wait);
  }
  if (status >= 500) {
    return new ApiError(status, `The Mogul server at ${apiUrl} failed (status ${status}): "${quote(text, json)}". Try again later; if it goes on, look at the server's logs.`);
  }
  return new ApiError(status, `${status}: ${quote(text, json)}`);
}
