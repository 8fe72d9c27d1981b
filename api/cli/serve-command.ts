/**
 * `mogul serve` (what `npm start` runs): the API until SIGINT or SIGTERM, refreshing the
 * reference exchange rates daily unless MOGUL_ECB_URL is off (api/rates/serve-refresh.ts).
 */
import { scheduleRefresh } from '../rates/serve-refresh.ts';
import { ecbUrlSetting } from '../rates/settings.ts';
import { startServer } from '../server.ts';

export async function serveCommand(_argv: string[]): Promise<number> {
  const ratesUrl = ecbUrlSetting(process.env.MOGUL_ECB_URL);
  // On PostgreSQL, recompute goes through the queue (MOGUL_QUEUE, api/server.ts).
  const server = await startServer(process.env, { queue: true });
  const rates = ratesUrl === null ? null : scheduleRefresh(server.db, ratesUrl, (line) => console.log(line));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('Shutting down…');
  await rates?.stop();
  await server.close();
  return 0;
}
