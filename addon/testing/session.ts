// Session, ScriptApp (minimal) and Logger/console that record what the add-on logs.
import type { Runtime } from './runtime.ts';

export const AuthMode = Object.freeze({ NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' });

export interface SessionOptions {
  scriptTimeZone?: string;
  userEmail?: string;
  locale?: string;
}

export class FakeSession {
  constructor(private readonly options: SessionOptions = {}) {}

  getScriptTimeZone(): string { return this.options.scriptTimeZone ?? 'Etc/UTC'; }
  getActiveUserLocale(): string { return this.options.locale ?? 'en'; }
  getActiveUser(): { getEmail(): string } { const email = this.options.userEmail ?? 'user@example.com'; return { getEmail: () => email }; }
  getEffectiveUser(): { getEmail(): string } { return this.getActiveUser(); }
  getTemporaryActiveUserKey(): string { return 'fake-temporary-user-key'; }
}

export class FakeScriptApp {
  readonly AuthMode = AuthMode;
  constructor(private readonly rt: Runtime) {}
  getOAuthToken(): string { return 'fake-oauth-token'; }
  getScriptId(): string { return 'fake-script-id'; }
  getProjectTriggers(): unknown[] { return this.rt.out([]); }
}

export interface LogLine {
  level: 'log' | 'info' | 'warn' | 'error' | 'Logger';
  text: string;
}

const show = (v: unknown): string => (typeof v === 'string' ? v : v instanceof Error ? String(v.stack ?? v) : JSON.stringify(v) ?? String(v));

export class LogSink {
  readonly lines: LogLine[] = [];
  constructor(private readonly echo = false) {}
  add(level: LogLine['level'], args: unknown[]): void {
    const text = args.map(show).join(' ');
    this.lines.push({ level, text });
    if (this.echo) console.log(`[addon ${level}] ${text}`);
  }
  logger(): { log(...a: unknown[]): unknown; getLog(): string; clear(): void } {
    const self = this;
    return {
      log(format: unknown, ...values: unknown[]) {
        let i = 0;
        const text = values.length && typeof format === 'string' ? format.replace(/%s/g, () => show(values[i++])) : format;
        self.add('Logger', [text, ...values.slice(i)]);
        return this;
      },
      getLog: () => this.lines.filter((l) => l.level === 'Logger').map((l) => l.text).join('\n'),
      clear: () => { this.lines.length = 0; },
    };
  }
  console(): Record<'log' | 'info' | 'warn' | 'error', (...a: unknown[]) => void> {
    return {
      log: (...a) => this.add('log', a), info: (...a) => this.add('info', a),
      warn: (...a) => this.add('warn', a), error: (...a) => this.add('error', a),
    };
  }
}
