/** Calls to Mogul's API through UrlFetchApp (synchronous), Basic auth with the stored key. */
import { answerFailed, fetchFailed, ApiError } from './api-errors.ts';
import { apiKey, readSettings } from './settings.ts';
import { JsonBody } from './sync-chunks.ts';

export { ApiError, NotReadyError } from './api-errors.ts';

export function apiRequest<T>(method: 'get' | 'post' | 'patch', path: string, body?: unknown): T {
  const { apiUrl } = readSettings();
  const key = apiKey();
  if (!apiUrl || !key) throw new ApiError(0, 'Set the API URL and key in Extensions → Mogul → Settings first');
  let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
  try {
    response = UrlFetchApp.fetch(`${apiUrl}${path}`, {
      method,
      contentType: 'application/json',
      headers: { Authorization: `Basic ${Utilities.base64Encode(`${key}:`)}` },
      payload: body === undefined ? undefined : body instanceof JsonBody ? body.text : JSON.stringify(body),
      muteHttpExceptions: true,
    });
  } catch (e) {
    throw fetchFailed(apiUrl, e as Error);
  }
  const status = response.getResponseCode();
  const text = response.getContentText();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  if (status >= 400) throw answerFailed(apiUrl, status, text, json, response.getHeaders() as Record<string, string>);
  return json as T;
}
