// Runs `mogul report` in this process with stdout discarded, then prints its wall time and
// peak resident memory as one JSON line on stderr: the end-to-end figure of the benchmark.
import { pathToFileURL } from 'node:url';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli', 'mogul.mjs');
const start = performance.now();
process.stdout.write = (_chunk, encoding, callback) => {
  const done = typeof encoding === 'function' ? encoding : callback;
  if (done) done();
  return true;
};
const { main } = await import(pathToFileURL(bundle).href);
const exitCode = await main(process.argv.slice(2));
const ms = performance.now() - start;
process.stderr.write(`${JSON.stringify({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, exitCode })}\n`);
