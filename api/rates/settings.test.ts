import { describe, expect, it } from 'vitest';
import { SettingError } from '../setting-error.ts';
import { ECB_HISTORY_URL, ecbUrlSetting } from './settings.ts';

describe('MOGUL_ECB_URL', () => {
  it("is ECB's history when unset, none when off, the URL given otherwise", () => {
    expect(ecbUrlSetting(undefined)).toBe('https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.xml');
    expect(ECB_HISTORY_URL).toBe(ecbUrlSetting(undefined));
    expect(ecbUrlSetting('off')).toBeNull();
    expect(ecbUrlSetting(' off ')).toBeNull();
    expect(ecbUrlSetting('https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml')).toBe('https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml');
    expect(ecbUrlSetting('http://127.0.0.1:8080/rates.xml')).toBe('http://127.0.0.1:8080/rates.xml');
  });

  it('refuses anything else, saying what it takes', () => {
    for (const bad of ['', ' ', 'ftp://example.com/rates.xml', 'eurofxref-hist.xml', 'false']) {
      expect(() => ecbUrlSetting(bad)).toThrow(SettingError);
      expect(() => ecbUrlSetting(bad)).toThrow(/MOGUL_ECB_URL must be an http\(s\) URL of ECB's reference rates XML, or off/);
    }
  });
});
