// The HtmlService global. Files come from the bundle's folder (dist/addon/Name.html).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeHtmlOutput, SandboxMode, XFrameOptionsMode } from './html-output.ts';
import { FakeHtmlTemplate } from './html-template.ts';
import type { Runtime } from './runtime.ts';

export class FakeHtmlService {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(private readonly rt: Runtime, private readonly folder: string) {}

  createHtmlOutput(html = ''): FakeHtmlOutput { return new FakeHtmlOutput(this.rt, String(html)).touch(); }
  createHtmlOutputFromFile(name: string): FakeHtmlOutput { return this.createHtmlOutput(this.read(name)); }
  createTemplate(html: string): FakeHtmlTemplate { return new FakeHtmlTemplate(this.rt, String(html)); }
  createTemplateFromFile(name: string): FakeHtmlTemplate { return this.createTemplate(this.read(name)); }

  /** "Sidebar" reads Sidebar.html (a name ending in .html is accepted too). */
  private read(name: string): string {
    this.rt.tick();
    const file = join(this.folder, String(name).endsWith('.html') ? String(name) : `${name}.html`);
    if (!existsSync(file)) this.rt.fail(`No HTML file named ${name} was found.`);
    return readFileSync(file, 'utf8');
  }
}
