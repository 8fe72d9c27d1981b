// One set of fakes over one runtime: what loadAddon exposes as globals and to the test.
import { ChartType } from './charts.ts';
import { FakeCacheService } from './cache.ts';
import { FakeHtmlService } from './html-service.ts';
import { FakeLockService } from './lock.ts';
import { FakePropertiesService } from './properties.ts';
import type { Runtime } from './runtime.ts';
import { FakeScriptApp, FakeSession, LogSink, type SessionOptions } from './session.ts';
import { FakeSpreadsheetApp } from './spreadsheet-app.ts';
import type { FakeSpreadsheet } from './spreadsheet.ts';
import { FakeUi } from './ui.ts';
import { FakeUrlFetchApp, type UrlFetchOptions } from './url-fetch.ts';
import { FakeUtilities } from './utilities.ts';

export interface ServiceOptions extends SessionOptions, UrlFetchOptions {
  /** Folder of the bundle, where HtmlService finds Sidebar.html and the like. */
  htmlFolder: string;
  addonName?: string;
  echoLogs?: boolean;
}

export function createServices(rt: Runtime, spreadsheet: FakeSpreadsheet, options: ServiceOptions) {
  const ui = new FakeUi(rt, options.addonName);
  const logs = new LogSink(options.echoLogs);
  const services = {
    spreadsheetApp: new FakeSpreadsheetApp(rt, spreadsheet, ui),
    ui,
    html: new FakeHtmlService(rt, options.htmlFolder),
    properties: new FakePropertiesService(rt),
    cache: new FakeCacheService(rt),
    locks: new FakeLockService(rt),
    urlFetch: new FakeUrlFetchApp(rt, options),
    utilities: new FakeUtilities(rt),
    session: new FakeSession(options),
    scriptApp: new FakeScriptApp(rt),
    logs,
  };
  const globals: Record<string, unknown> = {
    SpreadsheetApp: services.spreadsheetApp,
    Charts: { ChartType },
    HtmlService: services.html,
    PropertiesService: services.properties,
    CacheService: services.cache,
    LockService: services.locks,
    UrlFetchApp: services.urlFetch,
    Utilities: services.utilities,
    Session: services.session,
    ScriptApp: services.scriptApp,
    Logger: logs.logger(),
    console: logs.console(),
  };
  return { ...services, globals };
}

export type Services = ReturnType<typeof createServices>;
