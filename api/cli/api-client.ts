/** A small client for Mogul's own API (Basic auth with the key, JSON in and out). */
import { retryAfterMs } from '../../shared/index.ts';

export class ApiRequestError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** A request body sent as it is, with its own content type (e.g. a CSV slice). */
export class TextBody {
  constructor(readonly text: string, readonly contentType: string) {}
}

export interface ApiClient {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export interface ApiClientOptions {
  /** Told each time the server asks to wait (429, or 503 while it computes) and for how long. */
  onWait?: (message: string, seconds: number) => void;
  /** Waiting the server asks for, at most this long in all for one request (default 15 minutes). */
  maxWaitMs?: number;
  /** How to wait (tests may shorten it); default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Told of every HTTP exchange and how long it took (benchmarks). */
  onExchange?: (exchange: { method: string; path: string; status: number; ms: number }) => void;
}

/** Network failures worth one more try: the connection was reset or closed under us. */
function isReset(e: unknown): boolean {
  const text = String((e as Error).cause ?? (e as Error).message ?? e);
  return /EPIPE|ECONNRESET|socket hang up|other side closed/i.test(text);
}

interface Answer {
  response: Response;
  text: string;
  json: unknown;
}

export function apiClient(baseUrl: string, key: string, options: ApiClientOptions = {}): ApiClient {
  const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  const base = baseUrl.replace(/\/+$/, '');
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxWaitMs = options.maxWaitMs ?? 15 * 60_000;

  async function send(method: string, path: string, payload: string | undefined, contentType: string): Promise<Answer> {
    // Every request of Mogul's own clients is safe to repeat (/sync upserts), so a reset
    // connection gets one more try on a fresh one.
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      const started = performance.now();
      try {
        response = await fetch(`${base}${path}`, { method, headers: { authorization: auth, 'content-type': contentType }, body: payload });
      } catch (e) {
        if (attempt < 2 && isReset(e)) continue;
        throw new ApiRequestError(0, `Cannot reach ${base}: ${(e as Error).cause ?? (e as Error).message}`);
      }
      const text = await response.text();
      options.onExchange?.({ method, path, status: response.status, ms: performance.now() - started });
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { response, text, json };
    }
  }

  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const payload = body === undefined ? undefined : body instanceof TextBody ? body.text : JSON.stringify(body);
      const contentType = body instanceof TextBody ? body.contentType : 'application/json';
      let waited = 0;
      for (;;) {
        const { response, text, json } = await send(method, path, payload, contentType);
        const message = (json as { message?: string } | null)?.message ?? (text || response.statusText);
        // 429 (rate limit) and 503 (figures still being computed) say when to come back.
        const wait = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get('retry-after'), Date.now()) : null;
        if (wait !== null && waited + wait <= maxWaitMs) {
          options.onWait?.(message, Math.ceil(wait / 1000));
          await sleep(wait);
          waited += wait;
          continue;
        }
        if (!response.ok) throw new ApiRequestError(response.status, `${method} ${path}: ${response.status} ${message}`);
        return json as T;
      }
    },
  };
}
