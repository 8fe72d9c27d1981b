/**
 * The Worker in workerd with its Neon relay, in a process of its own: for callers whose own
 * thread blocks while a request is in flight (the add-on harness's synchronous UrlFetchApp)
 * or that must not share a CPU budget with it (the benchmark).
 *   node --import tsx api/testing/worker-process.ts '{"DATABASE_URL": "...", ...}'
 * prints one line `{"url": "http://127.0.0.1:…"}` when ready and serves until SIGTERM.
 */
import { startNeonRelay } from './neon-relay.ts';
import { startWorker } from './worker.test-util.ts';

const bindings = JSON.parse(process.argv[2] ?? '{}') as Record<string, string> & { DATABASE_URL: string };
const relay = await startNeonRelay();
const worker = await startWorker({ ...bindings, NEON_WS_PROXY: relay.proxy });
process.stdout.write(`${JSON.stringify({ url: worker.url })}\n`);

const stop = async () => {
  await worker.close();
  await relay.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
