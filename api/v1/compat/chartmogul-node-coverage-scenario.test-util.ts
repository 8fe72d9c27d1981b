/** What every coverage scenario gets, and the few things they share. */
import type { TestServer } from '../../testing/server.test-util.ts';
import { ChartMogul } from './chartmogul-node-coverage-inventory.test-util.ts';
import type { World } from './chartmogul-node-coverage-world.test-util.ts';

export const cm = ChartMogul;

export interface Ctx {
  w: World;
  /** The client's Config (our server's URL and key, no retries). */
  config: unknown;
  /** Plain HTTP to the same server, for preparing a scenario and checking its effect. */
  call: TestServer['call'];
}

/** One in-scope method driven against the server: throws when the method does not work. */
export type Scenario = (c: Ctx) => Promise<void>;

/**
 * A plain request a scenario needs to have succeeded (preparation or a check of the effect);
 * its failure says so, so it is not taken for the method's own.
 */
export async function raw(c: Ctx, method: string, path: string, body?: unknown): Promise<any> {
  const r = await c.call(method, path, body);
  if (r.status >= 300) throw new Error(`preparation ${method} ${path} answered ${r.status}: ${JSON.stringify(r.json)}`);
  return r.json;
}

/** The HTTP status of a plain GET (a check that something is gone: 404). */
export async function statusOf(c: Ctx, path: string): Promise<number> {
  return (await c.call('GET', path)).status;
}

/** Dates the server answers as ISO 8601 instants, compared as instants. */
export function sameInstant(a: unknown, b: string): boolean {
  return typeof a === 'string' && Date.parse(a) === Date.parse(b);
}
