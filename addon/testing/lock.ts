// LockService: document, script and user locks shared by every execution of one harness. Code
// runs one execution at a time, so a lock held by another execution is only released when that
// execution ends (or, for a simulated holder, at a time on the fake clock): waiting for it spends
// the whole timeout on the fake clock.
import type { Runtime } from './runtime.ts';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

/** Who holds a lock: an execution id (0 outside any execution), or a simulated holder until a time. */
export class LockState {
  holder: number | null = null;
  until: number | null = null;

  free(now: number): boolean {
    if (this.holder !== null && this.until !== null && this.until <= now) this.release();
    return this.holder === null;
  }

  release(): void {
    this.holder = null;
    this.until = null;
  }
}

export class FakeLock {
  constructor(private readonly rt: Runtime, private readonly state: LockState) {}

  private me(): number { return this.rt.execution?.id ?? 0; }

  tryLock(timeoutInMillis: number): boolean {
    this.rt.tick();
    const s = this.state;
    const now = this.rt.clock.now();
    if (s.free(now) || s.holder === this.me()) {
      s.holder = this.me();
      return true;
    }
    const timeout = Math.max(0, Number(timeoutInMillis) || 0);
    if (s.until !== null && s.until <= now + timeout) {
      this.rt.spend(s.until - now);
      s.release();
      s.holder = this.me();
      return true;
    }
    this.rt.spend(timeout);
    return false;
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) this.rt.fail(LOCK_TIMEOUT_MESSAGE);
  }

  hasLock(): boolean {
    return this.state.holder === this.me();
  }

  releaseLock(): void {
    if (this.state.holder === this.me()) this.state.release();
  }
}

export class FakeLockService {
  readonly document = new LockState();
  readonly script = new LockState();
  readonly user = new LockState();

  constructor(private readonly rt: Runtime) {}

  getDocumentLock(): FakeLock { return new FakeLock(this.rt, this.document); }
  getScriptLock(): FakeLock { return new FakeLock(this.rt, this.script); }
  getUserLock(): FakeLock { return new FakeLock(this.rt, this.user); }

  /** Apps Script releases an execution's locks when it ends. */
  releaseHeldBy(executionId: number): void {
    for (const s of [this.document, this.script, this.user]) if (s.holder === executionId && s.until === null) s.release();
  }

  /** Test side: another execution holds the lock until the fake clock reaches `until` (or forever). */
  holdElsewhere(which: 'document' | 'script' | 'user', until: number | null = null): void {
    const s = this[which];
    s.holder = -1;
    s.until = until;
  }
}
