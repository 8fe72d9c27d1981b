// What crosses between UrlFetchApp (blocked main thread) and its worker thread.
export interface WireRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  bodyBase64: string | null;
  followRedirects: boolean;
  timeoutMs: number;
}

export type WireResponse =
  | { ok: true; status: number; rawHeaders: string[]; bodyBase64: string; finalUrl: string }
  | { ok: false; error: string };

export const MAX_REDIRECTS = 20;
