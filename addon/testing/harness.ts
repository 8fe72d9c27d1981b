// loadAddon: runs the built bundle (dist/addon/Code.js) in a vm realm whose globals are the
// Apps Script fakes, and calls its top-level functions as Apps Script executions would.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeClock } from './clock.ts';
import { createAddonRealm } from './context.ts';
import { hostRealm, toRealm } from './realm.ts';
import { readManifest } from './manifest.ts';
import { Runtime, type Execution, type ExecutionKind } from './runtime.ts';
import { createServices, type Services } from './services.ts';
import { AuthMode } from './session.ts';
import { checkSidebarArgs, sidebarResult } from './sidebar-call.ts';
import { FakeSpreadsheet, type SpreadsheetOptions } from './spreadsheet.ts';

export const DEFAULT_BUNDLE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'addon', 'Code.js');

export interface LoadAddonOptions {
  /** The built script; default dist/addon/Code.js. HTML files are read from its folder. */
  bundlePath?: string;
  /** Options for a new spreadsheet (id, name, timeZone). */
  spreadsheet?: SpreadsheetOptions;
  /** The spreadsheet's time zone; default 'Europe/Berlin'. */
  timeZone?: string;
  /** The script's time zone (Session.getScriptTimeZone); default the manifest's, else 'Etc/UTC'. */
  scriptTimeZone?: string;
  /** The fake clock's start; default 2024-01-15T09:30:00Z. */
  now?: Date | number;
  userEmail?: string;
  /** Fake time one UrlFetchApp request costs: 'real' (default) or ms per request. */
  urlFetchCostMs?: number | 'real';
  /** Fake time per cell a script reads or writes (ms; default 0): slow tabs, as in big sheets. */
  cellCostMs?: { read?: number; write?: number };
  /** Per-execution limit in ms; default 6 minutes (custom functions: 30 s). */
  executionLimitMs?: number;
  addonName?: string;
  /** Print the add-on's console/Logger output as it happens. */
  echoLogs?: boolean;
  /** Granted scopes; default the oauthScopes of appsscript.json beside the bundle (none there: all). */
  oauthScopes?: string[] | null;
}

export interface ExecutionHandle {
  readonly execution: Execution;
  /** Calls a top-level function inside this (still running) execution. */
  call(name: string, ...args: unknown[]): unknown;
  /** Ends the execution: its locks are released. */
  end(): void;
}

export class Addon {
  readonly rt: Runtime;
  readonly clock: FakeClock;
  readonly spreadsheet: FakeSpreadsheet;
  readonly services: Services;
  readonly context: Record<string, unknown>;
  /** Limit for the next executions started by call() (custom functions keep 30 s). */
  executionLimitMs: number | undefined;

  constructor(options: LoadAddonOptions = {}) {
    const bundlePath = resolve(options.bundlePath ?? DEFAULT_BUNDLE);
    this.clock = new FakeClock(options.now);
    this.rt = new Runtime(this.clock);
    const manifest = readManifest(dirname(bundlePath));
    const scopes = options.oauthScopes === undefined ? manifest?.oauthScopes ?? null : options.oauthScopes;
    this.rt.scopes = scopes ? new Set(scopes) : null;
    this.rt.cellCostMs = { read: options.cellCostMs?.read ?? 0, write: options.cellCostMs?.write ?? 0 };
    this.spreadsheet = new FakeSpreadsheet(this.rt, { timeZone: options.timeZone, ...options.spreadsheet });
    this.services = createServices(this.rt, this.spreadsheet, {
      htmlFolder: dirname(bundlePath), addonName: options.addonName, echoLogs: options.echoLogs,
      scriptTimeZone: options.scriptTimeZone ?? manifest?.timeZone, userEmail: options.userEmail, costMs: options.urlFetchCostMs,
      urlFetchWhitelist: manifest?.urlFetchWhitelist,
    });
    this.executionLimitMs = options.executionLimitMs;
    // Sheets calls a script's top-level function from a formula by its name, in any case.
    const byName = (name: string) => Object.keys(this.context).find((k) => k.toUpperCase() === name && this.fn(k));
    this.spreadsheet.recalculation.host = {
      has: (name) => byName(name) !== undefined,
      call: (name, args) => this.callCustomFunction(byName(name)!, ...args) as never,
    };
    const realm = createAddonRealm(this.clock, this.services.globals);
    this.context = realm.context as Record<string, unknown>;
    this.rt.realm = realm.realm;
    this.rt.evalInRealm = (code) => realm.evalInRealm(code);
    // Loading the script is an execution too (Apps Script runs the global code on every call).
    this.inExecution('normal', undefined, () => realm.evalInRealm(readFileSync(bundlePath, 'utf8'), bundlePath));
  }

  get ui() { return this.services.ui; }
  get properties() { return this.services.properties; }
  get cache() { return this.services.cache; }
  get locks() { return this.services.locks; }
  get urlFetch() { return this.services.urlFetch; }
  get logs() { return this.services.logs.lines; }

  /** A top-level function of the bundle (undefined if none). */
  fn(name: string): ((...args: unknown[]) => unknown) | undefined {
    const f = this.context[name];
    return typeof f === 'function' ? (f as (...args: unknown[]) => unknown) : undefined;
  }

  /** Runs a top-level function as a new execution; arguments go in, results come out, deep-copied across realms. */
  call(name: string, ...args: unknown[]): unknown {
    return this.inExecution('normal', this.executionLimitMs, () => this.invoke(name, args));
  }

  /** Runs a custom function: reads work, writes throw "You do not have permission to call …". */
  callCustomFunction(name: string, ...args: unknown[]): unknown {
    return this.inExecution('custom-function', undefined, () => this.invoke(name, args));
  }

  /** What a custom function receives for a reference: a 2-D array, or the value for one cell. */
  argOf(a1: string): unknown {
    const values = this.spreadsheet.getRange(a1).getValues();
    return values.length === 1 && values[0].length === 1 ? values[0][0] : values;
  }

  /** google.script.run from the sidebar: argument rules enforced, a result holding a Date arrives as null. */
  runFromSidebar(name: string, ...args: unknown[]): unknown {
    checkSidebarArgs(args);
    return sidebarResult(this.call(name, ...args));
  }

  /** onOpen with the event Apps Script passes (authMode LIMITED unless told). */
  open(authMode: keyof typeof AuthMode = 'LIMITED'): unknown {
    return this.call('onOpen', { authMode, source: this.spreadsheet });
  }

  /** Runs the function a menu item names (matched by caption, submenus included). */
  clickMenu(caption: string): unknown {
    type Entry = Services['ui']['menus'][number]['items'][number];
    const find = (items: Entry[]): string | undefined => {
      for (const e of items) {
        if (e.kind === 'item' && e.caption === caption) return e.functionName;
        if (e.kind === 'submenu') { const f = find(e.menu.items); if (f) return f; }
      }
      return undefined;
    };
    const functionName = this.ui.menus.map((m) => find(m.items)).find(Boolean);
    if (!functionName) throw new Error(`No menu item "${caption}"`);
    return this.call(functionName);
  }

  /** An execution that stays open (holding its locks) until end(): for contention tests. */
  startExecution(kind: ExecutionKind = 'normal'): ExecutionHandle {
    const execution = this.rt.create(kind, this.executionLimitMs);
    return {
      execution,
      call: (name, ...args) => this.withExecution(execution, () => this.invoke(name, args)),
      end: () => {
        this.services.locks.releaseHeldBy(execution.id);
        this.spreadsheet.recalculation.run();
      },
    };
  }

  private invoke(name: string, args: unknown[]): unknown {
    const f = this.fn(name);
    if (!f) throw new Error(`Script function not found: ${name}`);
    return f(...args.map((a) => toRealm(this.rt.realm, a)));
  }

  private inExecution(kind: ExecutionKind, limitMs: number | undefined, body: () => unknown): unknown {
    const execution = this.rt.create(kind, kind === 'custom-function' ? undefined : limitMs);
    try {
      return this.withExecution(execution, body);
    } finally {
      this.services.locks.releaseHeldBy(execution.id);
      // The script's changes are applied when it ends: custom-function cells are recalculated.
      if (kind === 'normal') this.spreadsheet.recalculation.run();
    }
  }

  private withExecution(execution: Execution, body: () => unknown): unknown {
    const outer = this.rt.execution;
    this.rt.execution = execution;
    try {
      const result = body();
      // Past the limit on its clock, an execution has failed, whatever it did after.
      if (execution.timedOut || this.clock.now() > execution.deadline) throw new Error('Exceeded maximum execution time');
      return toRealm(hostRealm, result);
    } catch (e) {
      // Apps Script ends a timed-out execution whatever the script catches.
      if (execution.timedOut) throw new Error('Exceeded maximum execution time', { cause: e });
      throw e;
    } finally {
      this.rt.execution = outer;
    }
  }
}

export function loadAddon(options: LoadAddonOptions = {}): Addon {
  return new Addon(options);
}
