// `npm run bench:before-after -- <rev> [bench options]`: the same benchmark on an earlier
// commit (a git worktree of <rev> under .bench/, sharing this checkout's node_modules and
// generated companies) and on this checkout, one after the other in one run, so a change
// can be shown no slower. Prints both runs in full, then their figures side by side.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [rev, ...args] = process.argv.slice(2);
if (!rev) {
  console.error('usage: npm run bench:before-after -- <git revision> [bench options, e.g. --tiers S]');
  process.exit(2);
}
const git = (...a) => spawnSync('git', a, { cwd: root, encoding: 'utf8' });
const sha = git('rev-parse', '--short', rev).stdout.trim();
if (!sha) {
  console.error(`Unknown revision '${rev}'`);
  process.exit(2);
}
const before = join(root, '.bench', `before-${sha}`);
if (!existsSync(before)) {
  mkdirSync(join(root, '.bench'), { recursive: true });
  const added = git('worktree', 'add', '--detach', before, sha);
  if (added.status !== 0) {
    console.error(added.stderr);
    process.exit(1);
  }
  symlinkSync(join(root, 'node_modules'), join(before, 'node_modules'), 'dir');
  // The generated companies depend only on the generator; share them when it is unchanged.
  if (git('diff', '--quiet', sha, 'HEAD', '--', 'shared/generator').status === 0) {
    symlinkSync(join(root, '.bench'), join(before, '.bench'), 'dir');
  }
}

function run(label, cwd) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(process.execPath, [join(cwd, 'api', 'bench', 'build-and-run.mjs'), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (r.status !== 0) process.exit(r.status ?? 1);
  return r.stdout;
}

const outBefore = run(`before: ${sha}`, before);
const outAfter = run('after: this checkout', root);

// Side by side: lines that differ only in their figures, before → after.
const figures = (line) => line.match(/\d[\d,.]*/g) ?? [];
const shape = (line) => line.replace(/\d[\d,.]*/g, '#').trim();
const afterLines = outAfter.split('\n');
console.log(`\n=== before (${sha}) → after ===`);
for (const line of outBefore.split('\n')) {
  const twin = afterLines.find((a) => shape(a) === shape(line) && a !== line);
  if (twin && figures(line).length > 0) console.log(`${shape(line)}\n    before: ${figures(line).join('  ')}\n    after:  ${figures(twin).join('  ')}`);
}
