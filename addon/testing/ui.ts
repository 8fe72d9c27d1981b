// SpreadsheetApp.getUi(): menus (recorded for tests), sidebars, dialogs, alerts and prompts with
// responses a test scripts in advance (else the first button: OK or YES).
import type { FakeHtmlOutput } from './html-output.ts';
import type { Runtime } from './runtime.ts';

export const Button = Object.freeze({ CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' });
export const ButtonSet = Object.freeze({ OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' });
type ButtonName = keyof typeof Button;

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; menu: MenuRecord };

export interface MenuRecord {
  caption: string;
  addon: boolean;
  items: MenuEntry[];
}

export interface Shown {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  html: string;
  output: FakeHtmlOutput;
}

export interface Asked {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: string;
  answer: ButtonName;
  text?: string;
}

export class FakeMenu {
  readonly record: MenuRecord;
  constructor(private readonly ui: FakeUi, caption: string, addon: boolean) {
    this.record = { caption, addon, items: [] };
  }
  addItem(caption: string, functionName: string): this {
    if (typeof functionName !== 'string' || functionName === '') this.ui.rt.fail('Invalid argument: functionName');
    this.record.items.push({ kind: 'item', caption: String(caption), functionName });
    return this;
  }
  addSeparator(): this { this.record.items.push({ kind: 'separator' }); return this; }
  addSubMenu(menu: FakeMenu): this { this.record.items.push({ kind: 'submenu', menu: menu.record }); return this; }
  addToUi(): void { this.ui.addMenu(this.record); }
}

export class FakeUi {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  readonly menus: MenuRecord[] = [];
  readonly shown: Shown[] = [];
  readonly asked: Asked[] = [];
  private readonly answers: { button: ButtonName; text?: string }[] = [];

  constructor(readonly rt: Runtime, private readonly addonName = 'Mogul') {}

  createMenu(caption: string): FakeMenu { return new FakeMenu(this, String(caption), false); }
  createAddonMenu(): FakeMenu { return new FakeMenu(this, this.addonName, true); }
  addMenu(record: MenuRecord): void {
    const i = this.menus.findIndex((m) => m.caption === record.caption && m.addon === record.addon);
    if (i >= 0) this.menus[i] = record;
    else this.menus.push(record);
  }

  showSidebar(output: FakeHtmlOutput): void { this.show('sidebar', output, output?.getTitle?.()); }
  showModalDialog(output: FakeHtmlOutput, title: string): void { this.show('modal', output, title); }
  showModelessDialog(output: FakeHtmlOutput, title: string): void { this.show('modeless', output, title); }
  private show(kind: Shown['kind'], output: FakeHtmlOutput, title: string | undefined): void {
    this.rt.tick();
    const method = kind === 'sidebar' ? 'showSidebar' : kind === 'modal' ? 'showModalDialog' : 'showModelessDialog';
    this.rt.requireScope(`Ui.${method}`, 'script.container.ui');
    if (typeof output?.getContent !== 'function') this.rt.fail('Invalid argument: userInterface');
    this.shown.push({ kind, title: title ?? '', html: output.getContent(), output });
  }

  /** Test side: the next alert or prompt answers with this button (and text, for a prompt). */
  answerNext(button: ButtonName, text?: string): void { this.answers.push({ button, text }); }

  alert(...args: string[]): ButtonName {
    const a = this.ask('alert', args);
    return a.answer;
  }

  prompt(...args: string[]): { getResponseText(): string; getSelectedButton(): ButtonName } {
    const a = this.ask('prompt', args);
    return { getResponseText: () => a.text ?? '', getSelectedButton: () => a.answer };
  }

  private ask(kind: Asked['kind'], args: string[]): Asked {
    this.rt.tick();
    this.rt.requireScope(`Ui.${kind}`, 'script.container.ui');
    const isSet = (v: unknown): boolean => typeof v === 'string' && v in ButtonSet;
    const buttons = isSet(args[args.length - 1]) && args.length > 1 ? args.pop()! : 'OK';
    const [title, prompt] = args.length >= 2 ? [args[0], args[1]] : ['', args[0] ?? ''];
    const scripted = this.answers.shift();
    const answer = scripted?.button ?? (buttons.startsWith('YES') ? 'YES' : 'OK');
    const asked: Asked = { kind, title: String(title), prompt: String(prompt), buttons, answer };
    if (kind === 'prompt') asked.text = scripted?.text ?? '';
    this.asked.push(asked);
    return asked;
  }

  /** Test helper: the function names of every menu item, submenus included. */
  menuFunctionNames(): string[] {
    const walk = (m: MenuRecord): string[] => m.items.flatMap((e) => (e.kind === 'item' ? [e.functionName] : e.kind === 'submenu' ? walk(e.menu) : []));
    return this.menus.flatMap(walk);
  }
}
