/**
 * The limits of one POST /sync/{dataset} request, which the API enforces and its clients (the
 * add-on, `mogul import`) cut their rows by. Apart from the schemas (sync-request.ts), so that
 * the add-on's bundle carries these numbers without the schemas.
 */

/** Rows one request carries at most. */
export const SYNC_MAX_ROWS = 5_000;
/** Bytes of one request body at most; more is a 413. */
export const SYNC_MAX_BYTES = 5 * 1024 * 1024;
/** Row numbers are stored as PostgreSQL integers. */
export const SYNC_MAX_ROW_NUMBER = 2 ** 31 - 1;
/**
 * What a client puts in one body at most (the add-on counts the rows' UTF-8 bytes, `mogul
 * import` the rows' characters): a margin under SYNC_MAX_BYTES, so that the JSON around the
 * rows (`{"rows":[…],"source":…}`, a source name of up to 9 KB) and characters that turn out
 * to be several bytes never take a body over the limit.
 */
export const SYNC_CLIENT_BODY_BYTES = 4_500_000;

const int = (n: number) => n.toLocaleString('en-US');

/** The 413's message: what was too much, then the limits. */
export function syncTooLargeMessage(what: string): string {
  return `${what}: a /sync request carries at most ${int(SYNC_MAX_ROWS)} rows and ${SYNC_MAX_BYTES / 1024 / 1024} MB; send the rest in further requests`;
}
