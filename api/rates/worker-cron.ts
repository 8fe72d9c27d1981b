/**
 * The Worker's daily refresh of the reference rates: a cron trigger of its own in
 * api/wrangler.jsonc, after ECB publishes (around 16:00 CET, 15:00 UTC in winter), so a day's
 * rates are in before its end. The five-minute cron then recomputes the accounts it marked.
 */
import type { Database } from '../db/client.ts';
import { describeRefresh } from './describe.ts';
import { refreshReferenceRates } from './refresh.ts';
import { ecbUrlSetting } from './settings.ts';

/** Must be one of api/wrangler.jsonc's crons (worker-rates.test.ts checks). */
export const RATES_CRON = '30 15 * * *';

export async function refreshOnWorker(db: Database, setting: string | undefined, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<void> {
  let url: string | null;
  try {
    url = ecbUrlSetting(setting);
  } catch (e) {
    await db.close();
    throw e; // the run fails, with what to fix, in the Worker's logs
  }
  if (url === null) return db.close();
  const work = refreshReferenceRates(db, url).then((result) => console.log(describeRefresh(result)));
  ctx.waitUntil(work.finally(() => db.close()));
  await work;
}
