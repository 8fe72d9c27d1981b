// Test files build the add-on while others load dist/addon/Code.js: a reader in another
// process must only ever see a whole bundle (each file is written to a temporary name, then renamed).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildAddon } from '../build.mjs';

const READER = `
const { existsSync, readFileSync } = require('node:fs');
const [file, stop] = process.argv.slice(1);
let reads = 0, partial = 0;
while (!existsSync(stop)) {
  const text = readFileSync(file, 'utf8');
  reads++;
  if (!text.includes('function MRR_SERIES(') || !text.trimEnd().endsWith('}')) partial++;
}
process.stdout.write(JSON.stringify({ reads, partial }));
`;

describe('buildAddon', () => {
  test('a process reading Code.js during repeated builds never sees a partial file', async () => {
    const out = await buildAddon({ dev: true });
    // The reader reads until told to stop, and the builds run a fixed number of times, so the
    // two overlap however slow a loaded machine makes either of them.
    const stop = join(mkdtempSync(join(tmpdir(), 'mogul-build-')), 'stop');
    const reader = spawn(process.execPath, ['-e', READER, join(out, 'Code.js'), stop], { stdio: ['ignore', 'pipe', 'inherit'] });
    let answer = '';
    reader.stdout!.on('data', (d) => (answer += d));
    const exited = new Promise((resolve) => reader.once('exit', resolve));
    for (let builds = 0; builds < 5; builds++) await buildAddon({ dev: true });
    writeFileSync(stop, '');
    await exited;
    const { reads, partial } = JSON.parse(answer) as { reads: number; partial: number };
    expect(reads).toBeGreaterThan(10);
    expect(partial).toBe(0);
  });
});
