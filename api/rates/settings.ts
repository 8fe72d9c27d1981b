/** Where the server fetches the reference exchange rates: the MOGUL_ECB_URL setting. */
import { SettingError } from '../setting-error.ts';

/** ECB's whole history since 1999 (its 90-day file, eurofxref-hist-90d.xml, and daily file, eurofxref-daily.xml, have the same format). */
export const ECB_HISTORY_URL = 'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.xml';

/** The source name of ECB's rates in reference_rate_updates. */
export const ECB_SOURCE = 'ecb';

/**
 * The URL of MOGUL_ECB_URL: unset is ECB's history, `off` is none (no fetching: tests, an
 * offline machine); anything else must be an http(s) URL.
 */
export function ecbUrlSetting(value: string | undefined): string | null {
  if (value === undefined) return ECB_HISTORY_URL;
  const v = value.trim();
  if (v === 'off') return null;
  let url: URL | null = null;
  try {
    url = new URL(v);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new SettingError(`MOGUL_ECB_URL must be an http(s) URL of ECB's reference rates XML, or off; got '${value}'`);
  }
  return v;
}
