// What a sync keeps between executions must fit Apps Script's stores whatever the data holds:
// CacheService takes 100 KB per value and PropertiesService 9 KB per value, both counted in
// UTF-8 bytes (the fakes throw "Argument too large" as Apps Script does).
import type { SyncState } from '../../shared/index.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAddon } from '../build.mjs';
import { loadAddon } from '../testing/harness.ts';
import { MAX_VALUE_BYTES } from '../testing/properties.ts';
import { startTestServer, type TestServer } from '../testing/test-server.test-util.ts';
import { startApiServer, type ApiServer } from './api-server.test-util.ts';
import { connect, typeRows } from './sheet.test-util.ts';

let api: ApiServer;
let failing: TestServer;
beforeAll(async () => {
  await buildAddon({ dev: true });
  [api, failing] = await Promise.all([startApiServer({ today: '2024-03-31' }), startTestServer()]);
}, 120_000);
afterAll(async () => {
  failing?.close();
  await api?.stop();
});

function syncToEnd(addon: ReturnType<typeof loadAddon>): SyncState {
  let state = addon.runFromSidebar('startSync') as SyncState;
  for (let i = 0; i < 20 && (state.status === 'running' || state.status === 'writing results'); i++) {
    state = addon.runFromSidebar('continueSync') as SyncState;
  }
  return state;
}

describe('the stores between executions', () => {
  test('800 rows rejected with Japanese text: the error list fits the cache and every cell is marked', () => {
    const addon = loadAddon({ now: Date.parse('2024-03-31T15:00:00Z') });
    const unit = '月額プランの請求間隔はここに書かれていますが正しくありません';
    const rows = Array.from({ length: 800 }, (_, i) => [`Plan ${i}`, '1', `${unit}${i}`, `plan_${i}`]);
    typeRows(addon, 'Plans', [['Name', 'Interval count', 'Interval unit', 'Plan ID'], ...rows]);
    connect(addon, api);
    const state = syncToEnd(addon);
    expect(state.status, state.message).toBe('done');
    const plans = state.datasets.find((d) => d.dataset === 'plans')!;
    expect(plans).toMatchObject({ rows: 800, accepted: 0, rejected: 800 });
    const notes = addon.spreadsheet.getSheetByName('Plans')!.getRange(2, 3, 800, 1).getNotes().map((r) => r[0]);
    notes.forEach((note, i) => expect(note).toContain(`${unit}${i}`));
    // The list was big enough to need more than one cache value.
    const stored = [...addon.cache.document.entries.values()].map((e) => Buffer.byteLength(e.value, 'utf8'));
    expect(stored.filter((n) => n > 50_000).length).toBeGreaterThan(1);
  });

  test('a sync state with every dataset tab and the longest message stays under 9 KB', () => {
    const addon = loadAddon({ now: Date.parse('2024-03-31T15:00:00Z') });
    addon.call('createTemplateTabs'); // every dataset tab, each with its example row
    // A server that fails every request with a 30 KB message.
    connect(addon, { url: `${failing.url}/long-error`, key: 'k' });
    const state = syncToEnd(addon);
    expect(state.status).toBe('failed');
    expect(state.message).toContain('長いエラー');
    expect(state.datasets.length).toBe(10);
    const stored = addon.properties.document.data.get('mogul.sync')!;
    expect(Buffer.byteLength(stored, 'utf8')).toBeLessThanOrEqual(MAX_VALUE_BYTES);
  });

  test('settings too long for a document property are refused with a message, not an exception', () => {
    const addon = loadAddon();
    const saved = addon.runFromSidebar('saveSettings', { apiUrl: api.url, apiKey: api.key, source: 'Books' }) as { errors: string[] };
    expect(saved.errors).toEqual([]);
    const before = new Map(addon.properties.document.data);
    const long = '請求'.repeat(2000); // 12,000 UTF-8 bytes
    const url = `${api.url}/${long}`;
    const answer = addon.runFromSidebar('saveSettings', { apiUrl: url, apiKey: long, source: long }) as { errors: string[] };
    expect(answer.errors).toEqual([
      `API URL is too long to keep (${Buffer.byteLength(url).toLocaleString('en-US')} bytes; at most 9,216)`,
      'API key is too long to keep (12,000 bytes; at most 9,216)',
      'Data source name is too long to keep (12,000 bytes; at most 9,216)',
    ]);
    expect(addon.properties.document.data).toEqual(before);
  });
});
