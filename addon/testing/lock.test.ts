import { describe, expect, test } from 'vitest';
import { FakeClock } from './clock.ts';
import { FakeLockService, LOCK_TIMEOUT_MESSAGE } from './lock.ts';
import { Runtime } from './runtime.ts';

describe('LockService', () => {
  test('one execution at a time; waiting spends the timeout on the fake clock', () => {
    const rt = new Runtime(new FakeClock(0));
    const locks = new FakeLockService(rt);
    const a = rt.create();
    const b = rt.create();
    rt.execution = a;
    const lockA = locks.getDocumentLock();
    expect(lockA.hasLock()).toBe(false);
    expect(lockA.tryLock(0)).toBe(true);
    expect(lockA.hasLock()).toBe(true);
    expect(locks.getDocumentLock().tryLock(0)).toBe(true); // same execution
    expect(locks.getScriptLock().tryLock(0)).toBe(true); // another lock
    rt.execution = b;
    expect(locks.getDocumentLock().hasLock()).toBe(false);
    expect(locks.getDocumentLock().tryLock(2000)).toBe(false);
    expect(rt.clock.now()).toBe(2000);
    expect(() => locks.getDocumentLock().waitLock(1000)).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(rt.clock.now()).toBe(3000);
    locks.releaseHeldBy(a.id);
    expect(locks.getDocumentLock().tryLock(0)).toBe(true);
    locks.getDocumentLock().releaseLock();
    expect(locks.document.holder).toBeNull();
  });

  test('releaseLock by a non-holder changes nothing', () => {
    const rt = new Runtime(new FakeClock(0));
    const locks = new FakeLockService(rt);
    locks.holdElsewhere('script');
    locks.getScriptLock().releaseLock();
    expect(locks.getScriptLock().tryLock(100)).toBe(false);
  });

  test('waiting past the execution deadline ends the execution', () => {
    const rt = new Runtime(new FakeClock(0));
    const locks = new FakeLockService(rt);
    locks.holdElsewhere('document');
    rt.begin('normal', 10_000);
    expect(() => locks.getDocumentLock().waitLock(30_000)).toThrow('Exceeded maximum execution time');
  });
});
