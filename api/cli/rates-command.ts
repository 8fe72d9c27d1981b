/**
 * `mogul rates update [--url URL]`: fetches the European Central Bank's reference exchange
 * rates into the database (the one DATABASE_URL, DB_DRIVER or MOGUL_DATA_DIR choose, as
 * `mogul serve` does) and marks the accounts they may change for recompute. From MOGUL_ECB_URL
 * (default ECB's whole history) or --url. Daily from cron on a server that does not run
 * `mogul serve` (which refreshes by itself).
 */
import { EcbFormatError, parseEcbXml, type EcbRates } from '../../shared/rates/ecb.ts';
import { createDb } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { describeRefresh } from '../rates/describe.ts';
import { fetchReferenceXml, RatesFetchError, storeReferenceRates } from '../rates/refresh.ts';
import { ecbUrlSetting } from '../rates/settings.ts';
import { commandArgs, UsageError } from './usage.ts';

export const RATES_USAGE = 'Usage: mogul rates update [--url URL]';

export async function ratesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = commandArgs(argv, { url: { type: 'string' } }, RATES_USAGE);
  if (positionals.length !== 1 || positionals[0] !== 'update') throw new UsageError(RATES_USAGE);
  const url = values.url !== undefined ? ecbUrlSetting(values.url) : ecbUrlSetting(process.env.MOGUL_ECB_URL);
  if (url === null) throw new UsageError(`MOGUL_ECB_URL is off: give the rates' URL with --url\n${RATES_USAGE}`);
  // Fetched and read whole before the database is opened: a failure changes nothing.
  let parsed: EcbRates;
  try {
    parsed = parseEcbXml(await fetchReferenceXml(url));
  } catch (e) {
    if (e instanceof RatesFetchError || e instanceof EcbFormatError) {
      process.stderr.write(`mogul rates: ${e.message}; nothing was changed\n`);
      return 1;
    }
    throw e;
  }
  const db = await createDb(process.env);
  try {
    await migrate(db);
    console.log(describeRefresh(await storeReferenceRates(db, url, parsed)));
    return 0;
  } finally {
    await db.close();
  }
}
