/** A small client for Mogul's own API (Basic auth with the key, JSON in and out). */

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

/** Network failures worth one more try: the connection was reset or closed under us. */
function isReset(e: unknown): boolean {
  const text = String((e as Error).cause ?? (e as Error).message ?? e);
  return /EPIPE|ECONNRESET|socket hang up|other side closed/i.test(text);
}

export function apiClient(baseUrl: string, key: string): ApiClient {
  const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let response: Response | null = null;
      const payload = body === undefined ? undefined : body instanceof TextBody ? body.text : JSON.stringify(body);
      const contentType = body instanceof TextBody ? body.contentType : 'application/json';
      // Every request of Mogul's own clients is safe to repeat (/sync upserts), so a reset
      // connection gets one more try on a fresh one.
      for (let attempt = 1; response === null; attempt++) {
        try {
          response = await fetch(`${base}${path}`, {
            method,
            headers: { authorization: auth, 'content-type': contentType },
            body: payload,
          });
        } catch (e) {
          if (attempt < 2 && isReset(e)) continue;
          throw new ApiRequestError(0, `Cannot reach ${base}: ${(e as Error).cause ?? (e as Error).message}`);
        }
      }
      const text = await response.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      if (!response.ok) {
        const message = (json as { message?: string } | null)?.message ?? (text || response.statusText);
        throw new ApiRequestError(response.status, `${method} ${path}: ${response.status} ${message}`);
      }
      return json as T;
    },
  };
}
