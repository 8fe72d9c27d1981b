/** A real HTTP server on an ephemeral port over a test database, as clients meet it. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { parseDateOnly } from '../../shared/index.ts';
import { createApp, type AppOptions } from '../app.ts';
import type { Database } from '../db/client.ts';
import type { RecomputeLimits } from '../derived/recompute-limits.ts';
import { SeriesInputsCache } from '../derived/series-inputs.ts';
import { inProcessRunner } from '../jobs/runner.ts';
import { createAccount } from '../store/accounts.ts';

export interface TestServer {
  url: string;
  /** Key of a fresh account made for this server. */
  key: string;
  accountId: string;
  /** Makes another account and returns its key. */
  newAccount(name?: string): Promise<{ key: string; id: string }>;
  /** fetch with Basic auth of `key` (or the one given), JSON body when given. */
  call(method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; json: any; headers: Headers }>;
  /** Resolves when the background jobs requests started (JSON imports, exports) have ended. */
  jobsIdle(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(
  db: Database,
  options: AppOptions & { today?: string; recompute?: RecomputeLimits } = {},
): Promise<TestServer> {
  const day = parseDateOnly(options.today ?? '2026-11-21')!;
  const jobs = inProcessRunner(() => {});
  const app = createApp(
    { db, today: () => day, inputs: new SeriesInputsCache(db), recompute: options.recompute, jobs },
    { logError: () => {}, checkResponses: true, ...options },
  );
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const newAccount = async (name = 'Test') => {
    const a = await db.transaction((tx) => createAccount(tx, name));
    return { key: a.key, id: a.id };
  };
  const first = await newAccount();
  const call = httpCaller(url, first.key);
  return {
    url, key: first.key, accountId: first.id, newAccount, call,
    jobsIdle: () => jobs.idle(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => jobs.idle()),
  };
}

/** fetch with Basic auth (the given key or `defaultKey`) and a JSON body, answering status, JSON and headers. */
export function httpCaller(url: string, defaultKey: string): TestServer['call'] {
  return async (method, path, body, key = defaultKey) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: response.status, json, headers: response.headers };
  };
}
