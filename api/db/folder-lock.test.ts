/**
 * The PGlite folder lock with real processes: a live holder keeps it (and is named in the
 * refusal), a SIGKILLed one leaves a stale lock that the next process takes over, racing
 * processes end with exactly one holder, and a reused pid or a lock nobody could have written
 * does not keep a folder locked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../paths.ts';
import { FolderInUseError, LOCK_FILE, lockFolder, type FolderLock, type LockHolder } from './folder-lock.ts';
import { createPglite } from './pglite.ts';

const CHILD = join(REPO_ROOT, 'api', 'db', 'folder-lock-child.test-util.ts');
const root = mkdtempSync(join(tmpdir(), 'mogul-lock-'));
const children: ChildProcess[] = [];
const locks: FolderLock[] = [];

afterEach(() => {
  for (const lock of locks.splice(0)) lock.release();
});
afterAll(async () => {
  await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? (c.kill('SIGKILL'), exited(c)) : null)));
  rmSync(root, { recursive: true, force: true });
});

let folders = 0;
function folder(): string {
  const dir = join(root, `f${++folders}`);
  mkdirSync(dir);
  return realpathSync(dir);
}

/** A process that tries to take the folder's lock; its first line: `held` or `in use <pid>`. */
function contender(dir: string): { child: ChildProcess; answer: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  const answer = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`the contender ended (${code}) before answering: ${out}`)));
  });
  return { child, answer };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await exited(child);
  return child.pid!;
}

function writeLock(dir: string, holder: Partial<LockHolder> & { pid: number }): void {
  const full: LockHolder = { host: hostname(), command: 'mogul serve', started: new Date().toISOString(), ...holder };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(full));
}

function lockedBy(dir: string): LockHolder {
  return JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
}

function take(dir: string): FolderLock {
  const lock = lockFolder(dir);
  locks.push(lock);
  return lock;
}

describe('the PGlite folder lock', () => {
  it('is taken once: the same process cannot take it twice; released, the file is gone and it can be taken again', () => {
    const dir = folder();
    const lock = take(dir);
    expect(lockedBy(dir).pid).toBe(process.pid);
    expect(() => lockFolder(dir)).toThrow(`The PGlite folder ${dir} is already open in this process.`);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    take(dir);
    expect(lockedBy(dir).pid).toBe(process.pid);
  });

  it('refuses while another process holds it, naming the folder, the process and what to do; after a SIGKILL the stale lock is taken over', async () => {
    const dir = folder();
    const holder = contender(dir);
    expect(await holder.answer).toBe('held');
    let refusal: unknown;
    try {
      lockFolder(dir);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(FolderInUseError);
    const message = (refusal as Error).message;
    expect(message).toContain(`The PGlite folder ${dir} is in use by process ${holder.child.pid} (folder-lock-child.test-util ${dir}, started `);
    expect(message).toContain(`Stop that process (Ctrl-C where it runs, or \`kill ${holder.child.pid}\`) and run this again`);
    expect(message).toContain('use PostgreSQL (DATABASE_URL)');
    expect(lockedBy(dir).pid).toBe(holder.child.pid); // the refusal took nothing away

    holder.child.kill('SIGKILL');
    await exited(holder.child);
    expect(lockedBy(dir).pid).toBe(holder.child.pid); // stale: SIGKILL runs no clean-up
    take(dir);
    expect(lockedBy(dir).pid).toBe(process.pid);
  });

  it('a holder that ends cleanly removes its lock', async () => {
    const dir = folder();
    const holder = contender(dir);
    expect(await holder.answer).toBe('held');
    holder.child.stdin!.end();
    await exited(holder.child);
    expect(holder.child.exitCode).toBe(0);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  for (const start of ['no lock', 'a stale lock'] as const) {
    it(`processes racing for a folder with ${start}: exactly one holds it, the others name it`, async () => {
      const dir = folder();
      if (start === 'a stale lock') writeLock(dir, { pid: await deadPid() });
      const racers = Array.from({ length: 6 }, () => contender(dir));
      const answers = await Promise.all(racers.map((r) => r.answer));
      const winners = racers.filter((_, i) => answers[i] === 'held');
      expect(winners.length).toBe(1);
      const winner = winners[0].child.pid!;
      expect(answers.filter((a) => a !== 'held')).toEqual(Array(racers.length - 1).fill(`in use ${winner}`));
      expect(lockedBy(dir).pid).toBe(winner);
      winners[0].child.stdin!.end();
      await exited(winners[0].child);
    });
  }

  it('a lock file Mogul could not have written (not its JSON) is stale', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), '');
    take(dir);
    expect(lockedBy(dir).pid).toBe(process.pid);
  });

  it('a lock naming this process, which it does not hold, is stale (a previous process had the pid: pid 1 in a container)', () => {
    const dir = folder();
    writeLock(dir, { pid: process.pid, processStart: '1' });
    take(dir);
    expect(lockedBy(dir).started).not.toBe(undefined);
    expect(lockedBy(dir).processStart).not.toBe('1');
  });

  it.runIf(process.platform === 'linux')('a lock whose pid now belongs to a process started later (a reused pid) is stale', async () => {
    const dir = folder();
    const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    children.push(sleeper);
    await new Promise((resolve) => sleeper.once('spawn', resolve));
    writeLock(dir, { pid: sleeper.pid!, processStart: '1' });
    take(dir);
    expect(lockedBy(dir).pid).toBe(process.pid);
    const other = folder();
    writeLock(other, { pid: sleeper.pid! }); // a lock without a start time: the live pid holds it
    expect(() => lockFolder(other)).toThrow(FolderInUseError);
    sleeper.kill('SIGKILL');
  });

  it('holds a PGlite folder while the database is open: a second open is refused, the first keeps working, close releases', async () => {
    const dir = folder();
    const db = await createPglite(dir);
    try {
      await expect(createPglite(dir)).rejects.toThrow(FolderInUseError);
      expect(await db.read((tx) => tx.query<{ n: number }>('SELECT 1 AS n'))).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 60_000);
});
