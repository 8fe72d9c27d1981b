// The UrlFetchApp global: synchronous like Apps Script, over real HTTP (see url-fetch-sync.ts).
// Every request is recorded (bytes each way, status, time) so tests can assert on the traffic.
import { FakeHTTPResponse } from './http-response.ts';
import type { Runtime } from './runtime.ts';
import { buildRequest, TIMEOUT_MS, type FetchParams } from './url-fetch-request.ts';
import { fetchSync } from './url-fetch-sync.ts';
import { checkNotSameThread } from './url-fetch-thread.ts';
import type { WireResponse } from './url-fetch-wire.ts';
import { whitelisted } from './url-whitelist.ts';

export const MAX_RESPONSE_BYTES = 50 * 1024 * 1024;
const TRUNCATE_AT = 100;

export interface FetchRecord {
  url: string;
  method: string;
  headers: Record<string, string>;
  requestBytes: number;
  responseBytes: number;
  status: number | null;
  error?: string;
  executionId: number | null;
}

export interface UrlFetchOptions {
  /** Fake time one request costs: 'real' spends the measured time; a number, that many ms. */
  costMs?: number | 'real';
  /** The manifest's urlFetchWhitelist: a URL outside it is refused (none: every URL, as in a test deployment). */
  urlFetchWhitelist?: readonly string[];
}

export class FakeUrlFetchApp {
  readonly requests: FetchRecord[] = [];

  constructor(private readonly rt: Runtime, private readonly options: UrlFetchOptions = {}) {}

  get calls(): number { return this.requests.length; }
  get maxRequestBytes(): number { return Math.max(0, ...this.requests.map((r) => r.requestBytes)); }
  get totalRequestBytes(): number { return this.requests.reduce((n, r) => n + r.requestBytes, 0); }
  reset(): void { this.requests.length = 0; }

  fetch(url: string, params: FetchParams = {}): FakeHTTPResponse {
    return this.fetchAll([{ ...params, url }])[0];
  }

  /** Requests run in parallel; any failure throws (as fetchAll does) unless muted per request. */
  fetchAll(requests: (FetchParams & { url: string })[]): FakeHTTPResponse[] {
    this.rt.tick();
    this.rt.requireScope(requests.length === 1 ? 'UrlFetchApp.fetch' : 'UrlFetchApp.fetchAll', 'script.external_request');
    if (!Array.isArray(requests)) this.rt.fail('Invalid argument: requests');
    const built = requests.map((r) => buildRequest(this.rt, r.url, r));
    for (const b of built) this.checkWhitelist(b.wire.url);
    for (const b of built) checkNotSameThread(this.rt, b.wire.url);
    const started = Date.now();
    const answers = fetchSync(built.map((b) => b.wire), TIMEOUT_MS);
    const elapsed = Date.now() - started;
    const records = built.map((b, i) => this.record(b.wire, b.bodyBytes, answers[i]));
    this.rt.spend(this.options.costMs === undefined || this.options.costMs === 'real' ? elapsed : this.options.costMs * built.length);
    return answers.map((a, i) => this.response(requests[i], a, records[i]));
  }

  /** Apps Script's refusal, as users report it (e.g. github.com/grahamearley/FirestoreGoogleAppsScript/issues/135). */
  private checkWhitelist(url: string): void {
    const list = this.options.urlFetchWhitelist;
    if (list && !whitelisted(url, list)) {
      this.rt.fail(`Request to ${url} failed because the URL has not been whitelisted in the script manifest.`);
    }
  }

  getRequest(url: string, params: FetchParams = {}): Record<string, unknown> {
    const { wire } = buildRequest(this.rt, url, params);
    const payload = wire.bodyBase64 === null ? '' : Buffer.from(wire.bodyBase64, 'base64').toString('utf8');
    return this.rt.out({ url: wire.url, method: wire.method.toLowerCase(), headers: wire.headers, payload, contentType: wire.headers['Content-Type'] ?? null, followRedirects: wire.followRedirects, muteHttpExceptions: Boolean(params.muteHttpExceptions) });
  }

  private record(wire: { url: string; method: string; headers: Record<string, string> }, bodyBytes: number, a: WireResponse): FetchRecord {
    const rec: FetchRecord = {
      url: wire.url, method: wire.method, headers: wire.headers, requestBytes: bodyBytes,
      responseBytes: a.ok ? Buffer.byteLength(a.bodyBase64, 'base64') : 0, status: a.ok ? a.status : null,
      executionId: this.rt.execution?.id ?? null,
    };
    if (!a.ok) rec.error = a.error;
    this.requests.push(rec);
    return rec;
  }

  private response(params: FetchParams & { url: string }, a: WireResponse, rec: FetchRecord): FakeHTTPResponse {
    if (!a.ok) return this.rt.fail(a.error);
    if (rec.responseBytes > MAX_RESPONSE_BYTES) this.rt.fail('Limit Exceeded: URLFetch response size.');
    const body = Buffer.from(a.bodyBase64, 'base64');
    if (a.status >= 400 && !params.muteHttpExceptions) {
      const text = body.toString('utf8');
      const shown = text.length > TRUNCATE_AT ? `${text.slice(0, TRUNCATE_AT)}...` : text;
      this.rt.fail(`Request failed for ${new URL(params.url).origin} returned code ${a.status}. Truncated server response: ${shown} (use muteHttpExceptions option to examine full response)`);
    }
    return new FakeHTTPResponse(this.rt, a.status, a.rawHeaders, body);
  }
}
