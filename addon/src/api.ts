/** Calls to Mogul's API through UrlFetchApp (synchronous), Basic auth with the stored key. */
import { apiKey, readSettings } from './settings.ts';
import { JsonBody } from './sync-chunks.ts';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function apiRequest<T>(method: 'get' | 'post' | 'patch', path: string, body?: unknown): T {
  const { apiUrl } = readSettings();
  const key = apiKey();
  if (!apiUrl || !key) throw new ApiError(0, 'Set the API URL and key in Extensions → Mogul → Settings first');
  const response = UrlFetchApp.fetch(`${apiUrl}${path}`, {
    method,
    contentType: 'application/json',
    headers: { Authorization: `Basic ${Utilities.base64Encode(`${key}:`)}` },
    payload: body === undefined ? undefined : body instanceof JsonBody ? body.text : JSON.stringify(body),
    muteHttpExceptions: true,
  });
  const status = response.getResponseCode();
  const text = response.getContentText();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  if (status >= 400) {
    const message = (json as { message?: string } | null)?.message ?? text.slice(0, 300);
    throw new ApiError(status, status === 401 ? 'The API key was not accepted (401); check Settings' : `${status}: ${message}`);
  }
  return json as T;
}
