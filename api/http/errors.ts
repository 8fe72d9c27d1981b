/**
 * Errors that become HTTP answers: one closed set of codes (ERROR_STATUS) and one error body
 * (error-body.ts). Anything else thrown by a route is a server fault (500); everything a
 * client can cause is one of these, and `not_ready` (503 with Retry-After) says figures are
 * still being computed (try again shortly).
 */
import type { ErrorBody } from './error-body.ts';

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  payload_too_large: 413,
  invalid_fields: 422,
  rate_limited: 429,
  internal: 500,
  not_ready: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];
/** The statuses a request can be answered with for a client's mistake or a wait. */
export type ClientErrorStatus = Exclude<ErrorStatus, 500>;

export class HttpError extends Error {
  constructor(
    readonly status: ClientErrorStatus,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super('message' in body ? body.message : `HTTP ${status}`);
  }
}

/** ChartMogul's shape for most errors: `{code, message, param}`. */
export function apiError(status: ClientErrorStatus, message: string, param: string | null = null): HttpError {
  return new HttpError(status, { code: status, message, param });
}

export function notFound(what: string, param: string | null = null): HttpError {
  return apiError(ERROR_STATUS.not_found, `The requested ${what} could not be found.`, param);
}

/** 422 with `{errors: {field: message}}`, naming every bad field. */
export function validationFailed(errors: Record<string, string>): HttpError {
  return new HttpError(ERROR_STATUS.invalid_fields, { errors });
}

export function badRequest(message: string, param: string | null = null): HttpError {
  return apiError(ERROR_STATUS.bad_request, message, param);
}

/** 429 in the `{code, message, param}` shape, with Retry-After in whole seconds. */
export function tooManyRequests(message: string, retryAfterSeconds: number): HttpError {
  return new HttpError(ERROR_STATUS.rate_limited, apiError(ERROR_STATUS.rate_limited, message).body, { 'Retry-After': String(retryAfterSeconds) });
}

/** The answer to a fault of ours: the message says nothing of the cause (it is logged). */
export const INTERNAL_ERROR: ErrorBody = { code: ERROR_STATUS.internal, message: 'Internal server error', param: null };
