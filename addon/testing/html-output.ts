// HtmlOutput: what HtmlService builds and the Ui shows.
import type { Runtime } from './runtime.ts';

export const SandboxMode = Object.freeze({ EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' });
export const XFrameOptionsMode = Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' });

export const escapeHtml = (v: unknown): string =>
  String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export class FakeHtmlOutput {
  private title = '';
  private width = 0;
  private height = 0;
  sandboxMode = 'IFRAME';
  xFrameOptionsMode = 'DEFAULT';
  readonly metaTags: { name: string; content: string }[] = [];

  constructor(private readonly rt: Runtime, private content = '') {}

  getContent(): string { return this.content; }
  setContent(content: string): this { this.content = String(content); return this; }
  append(html: string): this { this.content += String(html); return this; }
  appendUntrusted(text: string): this { this.content += escapeHtml(text); return this; }
  clear(): this { this.content = ''; return this; }
  getTitle(): string { return this.title; }
  setTitle(title: string): this { this.title = String(title); return this; }
  getWidth(): number { return this.width; }
  setWidth(width: number): this { this.width = width; return this; }
  getHeight(): number { return this.height; }
  setHeight(height: number): this { this.height = height; return this; }
  /** Apps Script ignores the mode now (always IFRAME); it is kept for tests to read. */
  setSandboxMode(mode: string): this { this.sandboxMode = mode; return this; }
  setXFrameOptionsMode(mode: string): this { this.xFrameOptionsMode = mode; return this; }
  addMetaTag(name: string, content: string): this { this.metaTags.push({ name, content }); return this; }
  setFaviconUrl(): this { return this; }
  getBlob(): { getDataAsString(): string; getContentType(): string } {
    return { getDataAsString: () => this.content, getContentType: () => 'text/html' };
  }
  getAs(): ReturnType<FakeHtmlOutput['getBlob']> { return this.getBlob(); }
  /** Checks the deadline only: showing it is the Ui's job. */
  touch(): this { this.rt.tick(); return this; }
}
