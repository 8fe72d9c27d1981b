// The usual set-up of a test file that syncs: the add-on built (for tests) before its tests, and
// an API server for the case's day, stopped after them.
import { afterAll, beforeAll } from 'vitest';
import { buildAddon } from '../build.mjs';
import { startApiServer, type ApiServer } from './api-server.test-util.ts';

/** The server, filled in before the file's tests run (read it inside tests, not at load). */
export function builtAddonWithApi(today: string): ApiServer {
  const api = {} as ApiServer;
  beforeAll(async () => {
    await buildAddon({ dev: true });
    Object.assign(api, await startApiServer({ today }));
  }, 120_000);
  afterAll(async () => api.stop?.());
  return api;
}
