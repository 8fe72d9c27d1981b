import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FakeClock } from './clock.ts';
import { FakeHtmlService } from './html-service.ts';
import { Runtime } from './runtime.ts';
import { FakeUi } from './ui.ts';

const make = () => {
  const rt = new Runtime(new FakeClock(0));
  return { rt, ui: new FakeUi(rt), html: new FakeHtmlService(rt, join(import.meta.dirname, 'fixtures')) };
};

describe('Ui', () => {
  test('menus with submenus are recorded', () => {
    const { ui } = make();
    ui.createMenu('Tools').addItem('One', 'one').addSubMenu(ui.createMenu('More').addItem('Two', 'two')).addToUi();
    expect(ui.menus[0].caption).toBe('Tools');
    expect(ui.menuFunctionNames()).toEqual(['one', 'two']);
    expect(() => ui.createMenu('x').addItem('Bad', '')).toThrow('Invalid argument: functionName');
  });

  test('alerts and prompts answer as scripted, else with the first button', () => {
    const { ui } = make();
    expect(ui.alert('Hello')).toBe('OK');
    expect(ui.alert('Sure?', 'Delete all?', ui.ButtonSet.YES_NO)).toBe('YES');
    ui.answerNext('NO');
    expect(ui.alert('Delete all?', ui.ButtonSet.YES_NO)).toBe('NO');
    ui.answerNext('OK', 'https://api.example.com');
    const r = ui.prompt('API URL', 'Where is the server?', ui.ButtonSet.OK_CANCEL);
    expect([r.getSelectedButton(), r.getResponseText()]).toEqual(['OK', 'https://api.example.com']);
    expect(ui.asked.map((a) => [a.kind, a.title, a.prompt, a.buttons])).toEqual([
      ['alert', '', 'Hello', 'OK'], ['alert', 'Sure?', 'Delete all?', 'YES_NO'], ['alert', '', 'Delete all?', 'YES_NO'],
      ['prompt', 'API URL', 'Where is the server?', 'OK_CANCEL'],
    ]);
  });

  test('sidebars and dialogs need an HtmlOutput', () => {
    const { ui, html } = make();
    ui.showSidebar(html.createHtmlOutput('<p>x</p>').setTitle('Mogul').setWidth(300));
    ui.showModalDialog(html.createHtmlOutput('<p>y</p>'), 'Settings');
    expect(ui.shown.map((s) => [s.kind, s.title, s.html])).toEqual([['sidebar', 'Mogul', '<p>x</p>'], ['modal', 'Settings', '<p>y</p>']]);
    expect(() => ui.showSidebar('<p>' as never)).toThrow('Invalid argument: userInterface');
  });
});

describe('HtmlService', () => {
  test('files from the bundle folder; templates with scriptlets', () => {
    const { html } = make();
    expect(html.createHtmlOutputFromFile('Sidebar').getContent()).toContain('<h1>Mogul</h1>');
    expect(() => html.createHtmlOutputFromFile('Missing')).toThrow('No HTML file named Missing was found.');
    const t = html.createTemplate('<?= a ?>|<?!= a ?>|<? if (n > 1) { ?>many<? } ?>|<? output.append("!"); ?>');
    t.a = '<x>';
    t.n = 2;
    expect(t.evaluate().getContent()).toBe('&lt;x&gt;|<x>|many|!');
  });

  test('HtmlOutput setters', () => {
    const { html } = make();
    const o = html.createHtmlOutput('a').append('b').appendUntrusted('<c>').setTitle('T').setWidth(400).setHeight(200)
      .setSandboxMode(html.SandboxMode.IFRAME);
    expect([o.getContent(), o.getTitle(), o.getWidth(), o.getHeight(), o.sandboxMode]).toEqual(['ab&lt;c&gt;', 'T', 400, 200, 'IFRAME']);
  });
});
