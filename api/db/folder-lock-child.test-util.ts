/**
 * A process that takes a folder's lock (argv[2]) for the folder-lock tests: prints `held` and
 * keeps the lock until its standard input ends, or prints `in use <pid>` (the holder) and ends.
 * Run with `node --import tsx`.
 */
import { FolderInUseError, lockFolder } from './folder-lock.ts';

try {
  const lock = lockFolder(process.argv[2]);
  process.stdout.write('held\n');
  process.stdin.resume();
  process.stdin.on('end', () => {
    lock.release();
    process.exit(0);
  });
} catch (e) {
  if (!(e instanceof FolderInUseError)) throw e;
  process.stdout.write(`in use ${e.holder.pid}\n`);
}
