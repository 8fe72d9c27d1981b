/**
 * The Node server's refresh of the reference rates (`mogul serve`, `npm start`): at start-up
 * when none were fetched, they are a day old or came from another URL, then again whenever
 * they are a day old (checked hourly). In the background: the server answers meanwhile, and
 * a failure (offline) is one line in the log and another try an hour later.
 */
import type { Database } from '../db/client.ts';
import { referenceRateUpdate } from '../store/reference-rates.ts';
import { describeRefresh } from './describe.ts';
import { refreshReferenceRates } from './refresh.ts';
import { ECB_SOURCE } from './settings.ts';

const DAY_MS = 86_400_000;
const CHECK_EVERY_MS = 3_600_000;

export interface RefreshSchedule {
  /** The start-up check (and refresh) done. */
  firstCheck: Promise<void>;
  /** Stops the checks and waits for a refresh under way. */
  stop(): Promise<void>;
}

export function scheduleRefresh(db: Database, url: string, log: (line: string) => void): RefreshSchedule {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  // A stop cuts a download short (the transaction that stores one always finishes).
  const abort = new AbortController();
  const fetchUntilStopped: typeof fetch = (input, init) =>
    fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, abort.signal]) : abort.signal });
  const check = () => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        const last = await db.read((tx) => referenceRateUpdate(tx, ECB_SOURCE));
        if (last !== null && last.url === url && Date.now() - last.fetchedAt.getTime() < DAY_MS) return;
        log(describeRefresh(await refreshReferenceRates(db, url, fetchUntilStopped)));
      } catch (e) {
        if (stopped) return;
        log(`Reference rates not refreshed (another try in an hour): ${(e as Error).message}`);
      }
    });
  };
  check();
  const firstCheck = running;
  const timer = setInterval(check, CHECK_EVERY_MS);
  timer.unref();
  return {
    firstCheck,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      abort.abort();
      await running;
    },
  };
}
