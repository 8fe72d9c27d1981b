// Test files build the add-on while others load dist/addon/Code.js: a reader in another
// process must only ever see a whole bundle (each file is written to a temporary name, then renamed).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildAddon } from '../build.mjs';

const READER = `
const { readFileSync } = require('node:fs');
const [file, ms] = process.argv.slice(1);
const end = Date.now() + Number(ms);
let reads = 0, partial = 0;
while (Date.now() < end) {
  const text = readFileSync(file, 'utf8');
  reads++;
  if (!text.includes('function MRR_SERIES(') || !text.trimEnd().endsWith('}')) partial++;
}
process.stdout.write(JSON.stringify({ reads, partial }));
`;

describe('buildAddon', () => {
  test('a process reading Code.js during repeated builds never sees a partial file', async () => {
    const out = await buildAddon({ dev: true });
    const reader = spawn(process.execPath, ['-e', READER, join(out, 'Code.js'), '1500'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let answer = '';
    reader.stdout!.on('data', (d) => (answer += d));
    const exited = new Promise((resolve) => reader.once('exit', resolve));
    const started = Date.now();
    let builds = 0;
    while (Date.now() - started < 1200) {
      await buildAddon({ dev: true });
      builds++;
    }
    await exited;
    const { reads, partial } = JSON.parse(answer) as { reads: number; partial: number };
    expect(builds).toBeGreaterThan(1);
    expect(reads).toBeGreaterThan(10);
    expect(partial).toBe(0);
  });
});
