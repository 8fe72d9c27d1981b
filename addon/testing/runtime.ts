// What every fake shares within one loaded add-on: the realm, the clock, the running execution
// (its deadline) and whether it runs as a custom function (read-only, like Apps Script).
import { FakeClock } from './clock.ts';
import { gasError, hostRealm, toRealm, type Realm } from './realm.ts';

export type ExecutionKind = 'normal' | 'custom-function';

/** Apps Script's limits: 6 minutes per execution, 30 seconds per custom function call. */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;
export const CUSTOM_FUNCTION_LIMIT_MS = 30 * 1000;

export class Execution {
  timedOut = false;
  constructor(
    readonly id: number,
    readonly kind: ExecutionKind,
    readonly startedAt: number,
    readonly deadline: number,
  ) {}
}

export class Runtime {
  realm: Realm = hostRealm;
  /** The manifest's oauthScopes (null: every scope granted). */
  scopes: ReadonlySet<string> | null = null;
  /** Runs code as a script in the add-on's realm (the harness points it at the vm context). */
  evalInRealm: (code: string) => unknown = (code) => (0, eval)(code);
  execution: Execution | null = null;
  /**
   * Fake time a cell costs inside an execution when a script reads it (values, notes, formats…)
   * or writes it, to make reading and writing tabs take time as big sheets do. Default 0.
   */
  cellCostMs = { read: 0, write: 0 };
  private cellDebtMs = 0;
  private nextExecutionId = 1;

  constructor(readonly clock: FakeClock = new FakeClock()) {}

  /** How many executions (script calls, custom functions) have been created so far. */
  get executions(): number {
    return this.nextExecutionId - 1;
  }

  get customFunction(): boolean {
    return this.execution?.kind === 'custom-function';
  }

  /** A new execution starting now; limitMs defaults to Apps Script's limit for the kind. */
  create(kind: ExecutionKind = 'normal', limitMs?: number): Execution {
    const limit = limitMs ?? (kind === 'custom-function' ? CUSTOM_FUNCTION_LIMIT_MS : EXECUTION_LIMIT_MS);
    const now = this.clock.now();
    return new Execution(this.nextExecutionId++, kind, now, now + limit);
  }

  /** Creates an execution and makes it the running one. */
  begin(kind: ExecutionKind = 'normal', limitMs?: number): Execution {
    this.execution = this.create(kind, limitMs);
    return this.execution;
  }

  end(): void {
    this.execution = null;
  }

  /** An Apps Script exception made in the add-on's realm. */
  error(message: string): Error {
    return gasError(this.realm, message);
  }

  fail(message: string): never {
    throw this.error(message);
  }

  /** Deep copy into the add-on's realm (arrays, Dates, plain objects). */
  out<T>(value: T): T {
    return toRealm(this.realm, value);
  }

  /** Every service call checks the deadline: past it, the execution is over for good. */
  tick(): void {
    const x = this.execution;
    if (x && (x.timedOut || this.clock.now() > x.deadline)) {
      x.timedOut = true;
      this.fail('Exceeded maximum execution time');
    }
  }

  /** A write: refused while a custom function runs, as Apps Script does. */
  write(method: string): void {
    this.tick();
    if (this.customFunction) this.fail(`You do not have permission to call ${method}`);
  }

  /** A service needs one of these scopes in the manifest, as Apps Script checks. */
  requireScope(api: string, ...anyOf: string[]): void {
    const urls = anyOf.map((s) => `https://www.googleapis.com/auth/${s}`);
    if (this.scopes && !urls.some((u) => this.scopes!.has(u))) {
      this.fail(`You do not have permission to call ${api}. Required permissions: ${urls[0]}`);
    }
  }

  /**
   * Cells read or written inside a script's execution cost their time (whole ms, the rest carried
   * over). Not inside custom functions: Sheets runs those apart from the script that changed cells.
   */
  spendOnCells(kind: 'read' | 'write', cells: number): void {
    if (this.execution?.kind !== 'normal' || this.cellCostMs[kind] === 0) return;
    this.cellDebtMs += cells * this.cellCostMs[kind];
    const whole = Math.floor(this.cellDebtMs);
    this.cellDebtMs -= whole;
    this.spend(whole);
  }

  /** Time passes inside the execution (sleep, a URL fetch), then the deadline is checked. */
  spend(ms: number): void {
    this.clock.advance(ms);
    this.tick();
  }
}
