/** What an official client's call that failed says: its status and the 422's field errors. */
export interface ClientRejection {
  status: number;
  errors: Record<string, string>;
}

/** The rejection of a chartmogul-node call that must fail (one that succeeds is an error). */
export function rejection(promise: Promise<unknown>): Promise<ClientRejection> {
  return promise.then(
    () => { throw new Error('resolved'); },
    (e: { status: number; response: { text: string } }) => ({ status: e.status, errors: JSON.parse(e.response.text).errors ?? {} }),
  );
}
