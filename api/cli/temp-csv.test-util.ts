/** CSV files written into a temporary folder of the test file's own, removed after its tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** Call at the top of a test file; the function it answers writes one file and answers its path. */
export function tempCsvFiles(prefix: string): (content: string | Buffer) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let files = 0;
  return (content) => {
    const path = join(dir, `f${files++}.csv`);
    writeFileSync(path, content);
    return path;
  };
}
