// The sidebar as a menu item shows it (built from dist/addon/Sidebar.html) in headless Chromium, with a google.script.run stand-in
// injected before the page's own script runs. Each call crosses to Node (page.exposeFunction)
// and runs there as addon.runFromSidebar(name, ...args): one Apps Script execution of the built
// bundle, with google.script.run's argument and result rules. The answer comes back
// asynchronously to the success or failure handler, as google.script.run does.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Addon } from '../testing/harness.ts';

export const CHROMIUM = '/usr/bin/chromium';
/** The sidebar's width in Sheets. */
export const SIDEBAR_WIDTH = 300;

/** Why the browser tests cannot run here, or null when they can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install -y chromium)`;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'mogul-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: SIDEBAR_WIDTH, height: 720 },
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface ServerCall {
  name: string;
  args: unknown[];
  value?: unknown;
  error?: string;
}

export interface SidebarPage {
  page: Page;
  /** Every google.script.run call the page made, with its answer. */
  calls: ServerCall[];
  /** The n-th call of `name` (counting from the page's first; default the next) waits until the returned function is called. */
  hold(name: string, n?: number): () => void;
  /** Resolves when the page has made a call of `name` (counting earlier ones: the n-th). */
  called(name: string, n?: number): Promise<void>;
  close(): Promise<void>;
}

/** What google.script.run offers: the script's top-level functions, except private ones (name_). */
export function serverFunctions(bundlePath: string): string[] {
  return [...readFileSync(bundlePath, 'utf8').matchAll(/^function ([A-Za-z0-9_$]+)\(/gm)]
    .map((m) => m[1])
    .filter((name) => !name.endsWith('_'));
}

/** Runs in the page before its scripts: google.script.run and google.script.host. */
function installGoogleScript(names: string[]): void {
  type Handler = (value: unknown, userObject?: unknown) => void;
  type Answer = { value?: unknown; error?: string };
  const page = globalThis as unknown as {
    __mogulServer(name: string, args: unknown[]): Promise<Answer>;
    google: unknown;
  };
  const runner = (success?: Handler, failure?: Handler, userObject?: unknown): Record<string, unknown> => {
    const run: Record<string, unknown> = {
      withSuccessHandler: (f: Handler) => runner(f, failure, userObject),
      withFailureHandler: (f: Handler) => runner(success, f, userObject),
      withUserObject: (o: unknown) => runner(success, failure, o),
    };
    for (const name of names) {
      run[name] = (...args: unknown[]) => {
        void page.__mogulServer(name, args).then((answer) => {
          if (answer.error !== undefined) {
            const error = new Error(answer.error);
            error.name = 'ScriptError';
            if (failure) failure(error, userObject);
            else console.error(`Uncaught ${error.name}: ${error.message}`);
          } else if (success) {
            success(answer.value, userObject);
          }
        });
      };
    }
    return run;
  };
  page.google = { script: { run: runner(), host: { close() {}, setHeight() {}, setWidth() {}, editor: { focus() {} } } } };
}

let pagesShown = 0;

/**
 * The page a menu item of Extensions → Mogul shows (the HtmlOutput the bundle hands to
 * showSidebar, not the file it starts from), saved beside the bundle to load from a file URL.
 */
function shownPage(addon: Addon, bundleDir: string, menuItem: string): string {
  if (addon.ui.menus.length === 0) addon.open();
  const before = addon.ui.shown.length;
  addon.clickMenu(menuItem);
  if (addon.ui.shown.length !== before + 1) throw new Error(`${menuItem} showed no sidebar`);
  const file = join(bundleDir, `shown-${++pagesShown}.html`);
  writeFileSync(file, addon.ui.shown[before].html);
  return file;
}

/** Opens the sidebar a menu item shows (default Sync to Mogul) against `addon`. */
export async function openSidebar(browser: Browser, addon: Addon, bundleDir: string, menuItem = 'Sync to Mogul'): Promise<SidebarPage> {
  const html = shownPage(addon, bundleDir, menuItem);
  const page = await browser.context.newPage();
  const calls: ServerCall[] = [];
  const holds = new Map<string, Promise<void>>(); // `${name}#${n}`
  const waiters: { name: string; n: number; resolve(): void }[] = [];
  const countOf = (name: string) => calls.filter((c) => c.name === name).length;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.exposeFunction('__mogulServer', async (name: string, args: unknown[]) => {
    const call: ServerCall = { name, args };
    calls.push(call);
    for (const w of waiters.filter((w) => w.name === name && countOf(name) >= w.n)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
    const held = holds.get(`${name}#${countOf(name)}`);
    if (held) await held;
    try {
      call.value = addon.runFromSidebar(name, ...args);
      return { value: call.value };
    } catch (e) {
      call.error = (e as Error).message;
      return { error: call.error };
    }
  });
  await page.addInitScript(installGoogleScript, serverFunctions(join(bundleDir, 'Code.js')));
  await page.goto(pathToFileURL(html).href);
  // The page asks for its state at once (getSidebarState) and shows the mode.
  await page.locator('#mode:not(:empty)').waitFor();
  if (errors.length) throw new Error(`the sidebar failed: ${errors.join('; ')}`);

  return {
    page,
    calls,
    hold(name, n = countOf(name) + 1) {
      let release!: () => void;
      holds.set(`${name}#${n}`, new Promise<void>((r) => (release = r)));
      return () => release();
    },
    called(name, n = countOf(name) + 1) {
      if (countOf(name) >= n) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push({ name, n, resolve }));
    },
    close: () => page.close(),
  };
}
