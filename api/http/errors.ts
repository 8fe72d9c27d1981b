/**
 * Errors that become HTTP answers. Anything else thrown by a route is a server fault (500);
 * everything a client can cause is one of these (400, 401, 404, 413, 422, 429), and 503
 * with Retry-After says figures are still being computed (try again shortly).
 */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
  }
}

/** ChartMogul's shape for most errors: `{code, message, param}`. */
export function apiError(status: HttpError['status'], message: string, param: string | null = null): HttpError {
  return new HttpError(status, { code: status, message, param });
}

export function notFound(what: string, param: string | null = null): HttpError {
  return apiError(404, `The requested ${what} could not be found.`, param);
}

/** 422 with `{errors: {field: message}}`, naming every bad field. */
export function validationFailed(errors: Record<string, string>): HttpError {
  return new HttpError(422, { errors });
}

export function badRequest(message: string, param: string | null = null): HttpError {
  return apiError(400, message, param);
}

/** 429 in the `{code, message, param}` shape, with Retry-After in whole seconds. */
export function tooManyRequests(message: string, retryAfterSeconds: number): HttpError {
  return new HttpError(429, apiError(429, message).body, { 'Retry-After': String(retryAfterSeconds) });
}
