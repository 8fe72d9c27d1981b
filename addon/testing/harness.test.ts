import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadAddon, type LoadAddonOptions } from './harness.ts';
import { startTestServer, type TestServer } from './test-server.test-util.ts';

const bundlePath = join(import.meta.dirname, 'fixtures', 'Code.js');
const load = (o: LoadAddonOptions = {}) => loadAddon({ bundlePath, ...o });

describe('loadAddon', () => {
  test('runs onOpen and records the menu; menu items call top-level functions', () => {
    const addon = load();
    expect(addon.open()).toBe('LIMITED');
    expect(addon.ui.menus).toEqual([{
      caption: 'Mogul', addon: true, items: [
        { kind: 'item', caption: 'Create template tabs', functionName: 'createTemplateTabs' },
        { kind: 'separator' },
        { kind: 'item', caption: 'Sync to Mogul', functionName: 'showSidebar' },
      ],
    }]);
    expect(addon.ui.menuFunctionNames().filter((f) => !addon.fn(f))).toEqual([]);
    expect(addon.clickMenu('Create template tabs')).toBe('Customers');
    const sheet = addon.spreadsheet.getSheetByName('Customers')!;
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['External ID', 'Name', 'Since']]);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getRange('C5').getDataValidation()?.getCriteriaType()).toBe('DATE_IS_VALID_DATE');
    expect(() => addon.call('nope')).toThrow('Script function not found: nope');
  });

  test('sidebar from a template file in the bundle folder', () => {
    const addon = load({ userEmail: 'ann@example.com' });
    addon.open();
    addon.clickMenu('Sync to Mogul');
    const [shown] = addon.ui.shown;
    expect(shown.kind).toBe('sidebar');
    expect(shown.title).toBe('Mogul');
    expect(shown.html).toContain('Signed in as ann@example.com');
    expect(shown.html).toContain('<b>raw</b>');
    expect(shown.html).toContain('<i>0</i><i>1</i>');
  });

  test("values, Dates and errors belong to the add-on's realm; Date reads the fake clock; no Node globals", () => {
    const addon = load({ now: Date.UTC(2024, 5, 1) });
    const r = addon.call('realmChecks', [1, 2]) as Record<string, unknown>;
    expect(r).toEqual({
      valuesIsArray: true, dateIsDate: true, errorIsError: true, errorText: 'Exception: Range not found', argIsArray: true,
      now: Date.UTC(2024, 5, 1), newDate: Date.UTC(2024, 5, 1), loadedAt: Date.UTC(2024, 5, 1),
      nodeGlobals: ['undefined', 'undefined', 'undefined', 'undefined'],
    });
    addon.clock.advance(1000);
    expect((addon.call('realmChecks', []) as { now: number }).now).toBe(Date.UTC(2024, 5, 1) + 1000);
  });

  test('results come back as plain host values', () => {
    const addon = load();
    const out = addon.call('echo', { a: [1, new Date(5)] }) as { a: [number, Date] };
    expect(out).toEqual({ a: [1, new Date(5)] });
    expect(out.a).toBeInstanceOf(Array);
    expect(out.a[1]).toBeInstanceOf(Date);
  });

  test('runFromSidebar: a Date in the result arrives as null; a Date argument fails', () => {
    const addon = load();
    expect(addon.runFromSidebar('returnsDate')).toBeNull();
    expect(addon.runFromSidebar('echo', { n: 1 })).toEqual({ n: 1 });
    expect(() => addon.runFromSidebar('echo', new Date())).toThrow('Failed due to illegal value in property: 0');
  });

  test('logs are recorded', () => {
    const addon = load();
    addon.call('logSomething');
    expect(addon.logs).toEqual([{ level: 'log', text: 'hello {"a":1}' }, { level: 'Logger', text: 'value 42' }]);
  });
});

describe('manifest scopes', () => {
  test('a service outside the granted scopes is refused as Apps Script refuses it', () => {
    const addon = load({ oauthScopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'] });
    expect(() => addon.call('fetchJson', 'http://127.0.0.1:9/')).toThrow(
      'You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
    );
    expect(() => addon.call('showSidebar')).toThrow('You do not have permission to call Ui.showSidebar');
    expect(addon.call('createTemplateTabs')).toBe('Customers');
    expect(() => load({ oauthScopes: [] }).call('createTemplateTabs')).toThrow('You do not have permission to call SpreadsheetApp.getActiveSpreadsheet');
  });
});

describe('manifest urlFetchWhitelist', () => {
  /** The fixture bundle beside a manifest of our own. */
  function withManifest(manifest: Record<string, unknown>): string {
    const dir = mkdtempSync(join(tmpdir(), 'mogul-manifest-'));
    copyFileSync(bundlePath, join(dir, 'Code.js'));
    writeFileSync(join(dir, 'appsscript.json'), JSON.stringify(manifest));
    return join(dir, 'Code.js');
  }

  test('UrlFetchApp refuses a URL outside it with Apps Script\'s message', () => {
    const addon = loadAddon({ bundlePath: withManifest({ urlFetchWhitelist: ['https://mogul.invalid/'] }) });
    const url = 'http://127.0.0.1:9/echo'; // nothing listens there: the refusal comes first
    expect(() => addon.call('fetchJson', url)).toThrow(`Request to ${url} failed because the URL has not been whitelisted in the script manifest.`);
    expect(addon.urlFetch.calls).toBe(0);
  });

  test('a manifest Apps Script would not save is refused at load', () => {
    expect(() => loadAddon({ bundlePath: withManifest({ urlFetchWhitelist: ['http://127.0.0.1:8787/'] }) })).toThrow(
      'appsscript.json has errors: URLs must use the HTTPS scheme: http://127.0.0.1:8787/',
    );
  });
});

describe('custom function mode', () => {
  test('reads work, writes are refused like Apps Script', () => {
    const addon = load();
    addon.spreadsheet.getActiveSheet().getRange('A1:A3').setValues([[1], [2], [3]]);
    expect(addon.callCustomFunction('DOUBLE', addon.argOf('A1:A3'))).toEqual([[2], [4], [6]]);
    expect(addon.callCustomFunction('DOUBLE', addon.argOf('A2'))).toBe(4);
    expect(() => addon.callCustomFunction('SNEAKY_WRITE')).toThrow('You do not have permission to call setValue');
    expect(() => addon.callCustomFunction('SNEAKY_PROPERTY')).toThrow('You do not have permission to call setProperty');
    expect(addon.spreadsheet.getActiveSheet().getRange('A1').getValue()).toBe(1);
    addon.call('setProp', 'k', 'v');
    expect(addon.callCustomFunction('CUSTOM_GET_PROP')).toBe('v');
    // The same functions write in a normal execution.
    addon.call('writeTo', 'A1', 'ok');
    expect(addon.spreadsheet.getActiveSheet().getRange('A1').getValue()).toBe('ok');
  });
});

describe('executions: locks and the time limit', () => {
  test('two executions contend for the document lock', () => {
    const addon = load();
    const first = addon.startExecution();
    expect(first.call('tryLock', 0)).toBe(true);
    const t0 = addon.clock.now();
    expect(addon.call('tryLock', 5000)).toBe(false);
    expect(addon.clock.now() - t0).toBe(5000);
    expect(() => addon.call('waitLock', 1000)).toThrow('Lock timeout: another process was holding the lock for too long.');
    first.end();
    expect(addon.call('tryLock', 0)).toBe(true);
    // A lock is released when its execution ends.
    expect(addon.call('tryLock', 0)).toBe(true);
  });

  test('a simulated holder that finishes in time', () => {
    const addon = load();
    addon.locks.holdElsewhere('document', addon.clock.now() + 3000);
    expect(addon.call('waitLock', 10_000)).toBe(addon.clock.now());
    expect(addon.clock.now()).toBe(Date.UTC(2024, 0, 15, 9, 30, 3));
  });

  test('the 6-minute limit: resumable work continues in the next execution', () => {
    const addon = load();
    expect(addon.call('longSync', 50_000, 5 * 60_000)).toBe(6);
    expect(addon.call('longSync', 50_000, 5 * 60_000)).toBe(10);
    addon.executionLimitMs = 100_000;
    addon.properties.getDocumentProperties().deleteAllProperties();
    expect(() => addon.call('longSync', 50_000, 5 * 60_000)).toThrow('Exceeded maximum execution time');
    expect(addon.properties.document.data.get('done')).toBe('2');
  });

  test('reading and writing cells can cost fake time; past 6 minutes the execution fails', () => {
    const addon = load({ cellCostMs: { read: 250, write: 1000 } });
    addon.spreadsheet.getActiveSheet().getRange('A1:J10').setValue(1); // the test's own writes are free
    expect(addon.clock.now()).toBe(Date.UTC(2024, 0, 15, 9, 30));
    expect(addon.call('readCells', 'A1:J10', 10)).toBe(250_000); // 1,000 cells
    expect(() => addon.call('writeTo', 'A1:J1', 'x')).not.toThrow();
    expect(addon.clock.now()).toBe(Date.UTC(2024, 0, 15, 9, 34, 20)); // + 10 cells written
    // 1,500 cells: the read that passes 6 minutes fails, even though the script catches it.
    expect(() => addon.call('readCells', 'A1:J10', 15)).toThrow('Exceeded maximum execution time');
    addon.rt.cellCostMs = { read: 0.3, write: 0 }; // fractions add up
    expect(addon.call('readCells', 'A1:J10', 10)).toBe(300);
  });

  test('a timed-out execution cannot swallow the error', () => {
    const addon = load();
    expect(() => addon.call('swallowTimeout')).toThrow('Exceeded maximum execution time');
  });
});

describe('UrlFetchApp from the bundle', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(() => server?.close());

  test('synchronous fetch, counted, with fake time spent per call', () => {
    const addon = load({ urlFetchCostMs: 250 });
    const t0 = addon.clock.now();
    expect(addon.call('fetchJson', `${server.url}/echo`)).toMatchObject({ method: 'GET', url: '/echo' });
    expect(addon.urlFetch.calls).toBe(1);
    expect(addon.urlFetch.requests[0].executionId).not.toBeNull();
    expect(addon.clock.now() - t0).toBe(250);
  });
});
