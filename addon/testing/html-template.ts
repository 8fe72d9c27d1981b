// HtmlTemplate scriptlets, compiled in the add-on's realm (so they see its globals):
//   <?= expr ?> printed HTML-escaped, <?!= expr ?> printed as is, <? code ?> run.
// Properties set on the template (t.data = ...) are variables inside; `output.append(...)` works.
// Not supported: contextual escaping inside <script>/attributes (always HTML-escaped), <?!= include ?>
// helpers unless the bundle defines them.
import { escapeHtml, FakeHtmlOutput } from './html-output.ts';
import type { Runtime } from './runtime.ts';

type Compiled = (template: object, esc: (v: unknown) => string) => string;

export function compileTemplate(source: string): string {
  const parts: string[] = [];
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    parts.push(`__o += ${JSON.stringify(source.slice(last, m.index))};`);
    if (m[1] === '=') parts.push(`__o += __esc(${m[2]});`);
    else if (m[1] === '!=') parts.push(`__o += String(${m[2]});`);
    else parts.push(m[2]);
    last = re.lastIndex;
  }
  parts.push(`__o += ${JSON.stringify(source.slice(last))};`);
  return `(function (__t, __esc) { var __o = ''; var output = { append: function (s) { __o += String(s); return output; },
    appendUntrusted: function (s) { __o += __esc(s); return output; } };
    with (__t) {\n${parts.join('\n')}\n} return __o; })`;
}

export class FakeHtmlTemplate {
  [key: string]: unknown;

  constructor(private readonly rt: Runtime, private readonly source: string) {}

  getCode(): string { return compileTemplate(this.source); }
  getRawContent(): string { return this.source; }

  evaluate(): FakeHtmlOutput {
    this.rt.tick();
    const fn = this.rt.evalInRealm(compileTemplate(this.source)) as Compiled;
    const vars: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== 'rt' && k !== 'source') vars[k] = v;
    return new FakeHtmlOutput(this.rt, fn(vars, escapeHtml));
  }
}
