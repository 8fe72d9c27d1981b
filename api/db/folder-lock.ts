/**
 * One process per PGlite folder. PGlite does not lock its folder, and what a second process
 * writes into a folder another one has open is lost (or damages the folder). So whoever opens
 * a folder first writes a lock file into it naming itself (pid, host, command, start); the file
 * is written aside and hard-linked into place, which fails when a lock is already there, so no
 * one ever reads half a lock. A lock whose process is gone (SIGKILL, a crash, a power cut) is
 * stale and taken over; on Linux the process's start time must match too, so a pid reused by
 * another program does not keep a stale lock alive. Liveness is judged on this machine: the
 * lock keeps apart the processes of one host.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';

export const LOCK_FILE = 'mogul.lock';

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  /** When the lock was taken (ISO 8601, UTC). */
  started: string;
  /** Linux: the process's start time in clock ticks after boot (/proc/<pid>/stat), against pid reuse. */
  processStart?: string;
}

export interface FolderLock {
  /** The lock file. */
  path: string;
  /** Removes the lock file if it is still this process's (idempotent). */
  release(): void;
}

export class FolderInUseError extends Error {
  override name = 'FolderInUseError';
  constructor(readonly folder: string, readonly lockFile: string, readonly holder: LockHolder) {
    super(inUseMessage(folder, lockFile, holder));
  }
}

function inUseMessage(folder: string, lockFile: string, holder: LockHolder): string {
  if (holder.pid === process.pid) return `The PGlite folder ${folder} is already open in this process.`;
  const started = holder.started.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return [
    `The PGlite folder ${folder} is in use by process ${holder.pid} (${holder.command}, started ${started} on ${holder.host}).`,
    'PGlite lets one process at a time open a folder, so this one stopped before changing anything.',
    `Stop that process (Ctrl-C where it runs, or \`kill ${holder.pid}\`) and run this again,`,
    'or use PostgreSQL (DATABASE_URL) to share one database between processes.',
    `If process ${holder.pid} is not Mogul, delete ${lockFile}.`,
  ].join('\n');
}

/** Lock files this process holds: a second open in the same process is refused too. */
const heldHere = new Set<string>();

/** Takes the folder's lock (the folder must exist), or throws FolderInUseError naming the holder. */
export function lockFolder(folder: string): FolderLock {
  const dir = realpathSync(folder);
  const path = join(dir, LOCK_FILE);
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeDurably(aside, `${JSON.stringify(me())}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(aside, path);
        return held(path, statSync(path, { bigint: true }).ino);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const current = readLock(path);
      if (!current) continue; // released meanwhile
      if (current.holder && isAlive(current.holder, path)) throw new FolderInUseError(dir, path, current.holder);
      removeStale(path, current.ino);
    }
    throw new Error(`Could not lock the PGlite folder ${dir}: ${path} kept changing`);
  } finally {
    rmSync(aside, { force: true });
  }
}

function held(path: string, ino: bigint): FolderLock {
  heldHere.add(path);
  const release = () => {
    if (!heldHere.delete(path)) return;
    process.off('exit', release);
    // Only our own file: after a takeover by mistake (see removeStale) it may be someone else's.
    try {
      if (statSync(path, { bigint: true }).ino === ino) rmSync(path, { force: true });
    } catch {
      // already gone
    }
  };
  // A process that ends without closing its database (process.exit, an uncaught error) leaves
  // no lock behind; after SIGKILL the lock stays, and is stale.
  process.on('exit', release);
  return { path, release };
}

function me(): LockHolder {
  const script = process.argv[1] ? basename(process.argv[1]).replace(/\.(mjs|cjs|js|ts)$/, '') : 'node';
  const command = [script, ...process.argv.slice(2)].join(' ').slice(0, 200);
  const self = procStat(process.pid);
  return { pid: process.pid, host: hostname(), command, started: new Date().toISOString(), processStart: self?.start };
}

function readLock(path: string): { holder: LockHolder | null; ino: bigint } | null {
  try {
    const ino = statSync(path, { bigint: true }).ino;
    return { holder: parseHolder(readFileSync(path, 'utf8')), ino };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** A lock we cannot read was not written by Mogul (which links only whole files): stale. */
function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as LockHolder;
    return Number.isSafeInteger(value.pid) && value.pid > 0 ? value : null;
  } catch {
    return null;
  }
}

function isAlive(holder: LockHolder, path: string): boolean {
  // Our own pid on a lock we do not hold: a previous process had our pid (pid 1 in a container).
  if (holder.pid === process.pid) return heldHere.has(path);
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: alive, another user's process
  }
  const stat = procStat(holder.pid);
  if (!stat) return true; // no /proc (macOS, Windows): the pid is all we can go by
  if (stat.state === 'Z' || stat.state === 'X') return false; // killed, not yet reaped
  return holder.processStart === undefined || holder.processStart === stat.start;
}

/** Linux: a process's state and start time from /proc/<pid>/stat; undefined elsewhere. */
function procStat(pid: number): { state: string; start: string } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], start: fields[19] };
}

/**
 * Removes the stale lock with this inode. It is moved aside first, atomically: if what was moved
 * is not the stale lock (another process took the lock over in between), it is put back.
 */
function removeStale(path: string, ino: bigint): void {
  const moved = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, moved);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    if (statSync(moved, { bigint: true }).ino !== ino) {
      try {
        linkSync(moved, path);
      } catch {
        // a third process locked it meanwhile; its lock stands
      }
    }
  } finally {
    rmSync(moved, { force: true });
  }
}

function writeDurably(path: string, text: string): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
