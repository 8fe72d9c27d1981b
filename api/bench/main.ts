/**
 * `npm run bench`: generates the benchmark companies once (cached in .bench/), measures
 * them and prints every figure with its peer measured in the same run.
 *   npm run bench -- --tiers S,M      which tiers (default S,M; L: mogul report end to end only)
 *   --api-tiers M                     ingest through the API ('none' skips)
 *   --addon-tiers M                   the add-on in the Apps Script harness ('none' skips)
 *   --worker-tiers S                  import through the Worker beside the Node server ('none' skips)
 *   --recompute-tiers M               recompute of every customer beside the engine, in-process ('none' skips)
 *   --read-tiers M                    read endpoints under 20 connections after the API ingest ('none' skips)
 *   --queue-tiers M                   recompute on the pg-boss queue with 1 and 2 mogul worker processes ('none' skips)
 * Each tier's report is also measured on a two-condition segment (engine-bench.ts SEGMENT) and
 * with weekly cohorts, beside the plain one in the same run.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeCompany } from '../generate/write-company.ts';
import { compareWithDuckDb, measureTier, type PeerComparison, type TierFigures } from './engine-bench.ts';
import { spawnSync } from 'node:child_process';
import { fmt } from './stats.ts';
import { measureScale, printGrowth, type ScaleFigures } from './report-scale.ts';
import { writeMonthAlignedSubset } from './subset.ts';
import { ISSUE_13_PGLITE_M_ROWS_PER_S, measureCopy, measureCopyIntoMogulTables, measureIngest, type IngestFigures } from './api-bench.ts';
import { measureWorkerImport, type WorkerFigures } from './worker-bench.ts';
import { recomputeLines } from './recompute-bench.ts';
import { CONNECTIONS, measureReads, readLines } from './read-bench.ts';
import { measureQueue, queueLines } from './queue-bench.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BENCH = join(ROOT, '.bench');
const AS_OF = '2026-10-31';
const SEED = 1;

const { values } = parseArgs({
  options: {
    tiers: { type: 'string', default: 'S,M' },
    // Tiers whose ingest through the API is measured (PGlite and PostgreSQL); 'none' skips.
    'api-tiers': { type: 'string', default: 'M' },
    // Tiers the add-on is measured on (in the Apps Script harness, its own process); 'none' skips.
    'addon-tiers': { type: 'string', default: 'M' },
    // Tiers imported through the Worker (workerd) and the Node server on PostgreSQL; 'none' skips.
    'worker-tiers': { type: 'string', default: 'S' },
    // Tiers imported, then recomputed whole in this process beside the engine on the same data; 'none' skips.
    'recompute-tiers': { type: 'string', default: 'M' },
    // Tiers whose read endpoints are measured under load (autocannon), on the API ingest's servers; 'none' skips.
    'read-tiers': { type: 'string', default: 'M' },
    'queue-tiers': { type: 'string', default: 'M' },
    // Which databases the API ingest is measured on.
    'api-targets': { type: 'string', default: 'PGlite,PostgreSQL' },
    // Internal: one engine-vs-DuckDB comparison in this (fresh) process, printed as JSON.
    peer: { type: 'string' },
    start: { type: 'string' },
  },
});
// 'none' measures no report (e.g. only the API ingest: --tiers none --api-tiers M).
const tiers = (values.tiers === 'none' ? [] : values.tiers!.split(',').map((t) => t.trim().toUpperCase())) as ('S' | 'M' | 'L')[];

/** Generates a tier's folder unless the cached one came from the same generator inputs. */
async function ensureTier(tier: 'S' | 'M' | 'L'): Promise<string> {
  const dir = join(BENCH, tier);
  const stampPath = join(dir, '.stamp');
  const stamp = JSON.stringify({ tier, seed: SEED, end: AS_OF, generator: generatorFingerprint() });
  if (existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp) return dir;
  process.stderr.write(`generating tier ${tier} into ${dir} …\n`);
  await writeCompany(dir, { tier, seed: SEED, endDate: AS_OF });
  await writeMonthAlignedSubset(dir, `${dir}-cal`);
  writeFileSync(stampPath, stamp);
  return dir;
}

/** Changes whenever the generator's sources change, so stale data is regenerated. */
function generatorFingerprint(): string {
  const dir = join(ROOT, 'shared', 'generator');
  let h = 0;
  for (const f of ['company.ts', 'tiers.ts', 'catalog.ts', 'random.ts', 'dates.ts']) {
    if (!existsSync(join(dir, f))) continue;
    for (const c of readFileSync(join(dir, f), 'utf8')) h = (h * 31 + c.charCodeAt(0)) | 0;
  }
  return String(h);
}

function line(label: string, value: string) {
  console.log(`  ${label.padEnd(46)} ${value}`);
}

function printServed(target: string, f: IngestFigures) {
  line(`  recompute all customers (${target})`, fmt.ms(f.recomputeMs));
  line(`  /v1/metrics/all p50 / p95 (${target})`, f.metricsAll ? `${fmt.ms(f.metricsAll.p50)} / ${fmt.ms(f.metricsAll.p95)}` : 'endpoint not available');
  line(`  /sync/results p50 / p95 (${target})`, `${fmt.ms(f.syncResults.p50)} / ${fmt.ms(f.syncResults.p95)}`);
}

/**
 * The add-on's figures (addon/bench/addon-bench.ts) from a child process: api/ never imports
 * addon/, and the harness gets a heap of its own (a tier's tabs are millions of cells).
 */
function measureAddonInChildProcess(dir: string): { lines: [string, string][] } {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=12288', '--import', 'tsx', join(ROOT, 'addon', 'bench', 'addon-bench.ts'), '--dir', dir, '--as-of', AS_OF, '--json'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`add-on benchmark failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

/**
 * The engine-vs-DuckDB comparison runs in a child process of its own, so neither side
 * inherits the heap of the tiers measured before it.
 */
function comparePeerInFreshProcess(dir: string, start: string): PeerComparison {
  const child = spawnSync(process.execPath, [process.argv[1], '--peer', dir, '--start', start], {
    encoding: 'utf8',
    maxBuffer: 1 << 22,
  });
  if (child.status !== 0) throw new Error(`peer comparison failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

async function main() {
  if (values.peer) {
    console.log(JSON.stringify(await compareWithDuckDb(values.peer, values.start!, AS_OF)));
    return;
  }
  console.log(`Mogul benchmark (${new Date().toISOString().slice(0, 10)}, node ${process.version}, as of ${AS_OF})\n`);
  const figures: TierFigures[] = [];
  const scales: ScaleFigures[] = [];
  for (const tier of tiers) {
    const dir = await ensureTier(tier);
    if (tier === 'L') {
      scales.push(await measureScale(tier, dir, AS_OF, line));
      console.log('');
      continue;
    }
    const f = await measureTier(tier, dir, AS_OF);
    figures.push(f);
    console.log(`Tier ${tier}: ${fmt.int(f.rows)} rows, ${fmt.int(f.lineItems)} line items`);
    line('parse + validate', `${fmt.ms(f.parseValidateMs)} (${fmt.int(f.rows / (f.parseValidateMs / 1000))} rows/s)`);
    line('engine (warm, median of 3)', `${fmt.ms(f.engineMs)} (${fmt.int(f.lineItems / (f.engineMs / 1000))} line items/s)`);
    line('mogul report --json, end to end', `${fmt.ms(f.endToEndMs)}, peak memory ${fmt.mb(f.peakRssBytes)}`);
    scales.push(await measureScale(tier, dir, AS_OF, line, f));
    line('  monthly cohorts alone (in the plain report)', `${fmt.ms(f.cohortsOnlyMs)} (${fmt.ratio(f.cohortsOnlyMs / f.engineMs)} of the engine)`);
    line('  segment: engine, end to end', `${fmt.ms(f.segmentEngineMs)}, ${fmt.ms(f.segmentEndToEndMs)}`);
    line('    ÷ plain report (goal within 1.5)', `${fmt.ratio(f.segmentEngineMs / f.engineMs)}, ${fmt.ratio(f.segmentEndToEndMs / f.endToEndMs)}`);
    line('  weekly cohorts: engine, end to end', `${fmt.ms(f.weeklyCohortsEngineMs)}, ${fmt.ms(f.weeklyCohortsEndToEndMs)}`);
    line('    ÷ plain report (goal within 1.5)', `${fmt.ratio(f.weeklyCohortsEngineMs / f.engineMs)}, ${fmt.ratio(f.weeklyCohortsEndToEndMs / f.endToEndMs)}`);

    const start = tier === 'S' ? '2023-11-01' : '2021-11-01';
    const peer = comparePeerInFreshProcess(`${dir}-cal`, start);
    line('month-aligned subset', `${fmt.int(peer.lineItems)} line items, ${peer.months} months`);
    line('  engine (warm, median of 5)', fmt.ms(peer.engineMs));
    line('  DuckDB load / query (warm, median of 5)', `${fmt.ms(peer.duckLoadMs)} / ${fmt.ms(peer.duckQueryMs)}`);
    line('  engine ÷ DuckDB query', fmt.ratio(peer.engineMs / peer.duckQueryMs));
    line('  engine ÷ DuckDB load + query', fmt.ratio(peer.engineMs / (peer.duckLoadMs + peer.duckQueryMs)));
    line('  month-end MRR and movements agree', peer.mismatches.length === 0 ? 'yes' : `NO: ${peer.mismatches.slice(0, 5).join('; ')}`);
    console.log('');
  }
  printGrowth(scales, line);
  const addonTiers = values['addon-tiers'] === 'none' ? [] : values['addon-tiers']!.split(',').map((t) => t.trim().toUpperCase());
  for (const tier of addonTiers) {
    const dir = await ensureTier(tier as 'S' | 'M' | 'L');
    console.log(`Add-on, tier ${tier}: the built add-on in the Apps Script harness (Node), API answering at once`);
    for (const [label, value] of measureAddonInChildProcess(dir).lines) line(label, value);
    console.log('');
  }
  const apiTiers = values['api-tiers'] === 'none' ? [] : values['api-tiers']!.split(',').map((t) => t.trim().toUpperCase());
  const readTiers = values['read-tiers'] === 'none' ? [] : values['read-tiers']!.split(',').map((t) => t.trim().toUpperCase());
  // Reads are measured on the server the API ingest filled; a read tier without one gets its own ingest.
  for (const tier of readTiers.filter((t) => !apiTiers.includes(t))) {
    const dir = await ensureTier(tier as 'S' | 'M' | 'L');
    console.log(`API reads, tier ${tier}: ${CONNECTIONS} connections (autocannon), p50 / p95 / p99`);
    for (const target of values['api-targets']!.split(',').map((t) => t.trim()) as ('PGlite' | 'PostgreSQL')[]) {
      await measureIngest(target, dir, AS_OF, tier === 'S' ? '2023-11-01' : '2021-11-01', undefined, async (url) => {
        printReads(target, await measureReads(url, dir, tier === 'S' ? '2023-11-01' : '2021-11-01', AS_OF));
      });
    }
    console.log('');
  }
  for (const tier of apiTiers) {
    const dir = await ensureTier(tier as 'S' | 'M' | 'L');
    const start = tier === 'S' ? '2023-11-01' : '2021-11-01';
    console.log(`API, tier ${tier}: mogul import through /sync over HTTP (server in its own process)`);
    const bareCopy = await measureCopy(dir);
    for (const target of values['api-targets']!.split(',').map((t) => t.trim()) as ('PGlite' | 'PostgreSQL')[]) {
      const dump = target === 'PostgreSQL' ? mkdtempSync(join(tmpdir(), 'mogul-dump-')) : undefined;
      try {
        let reads: Awaited<ReturnType<typeof measureReads>> | undefined;
        const f = await measureIngest(target, dir, AS_OF, start, dump, readTiers.includes(tier) ? async (url) => void (reads = await measureReads(url, dir, start, AS_OF)) : undefined);
        const rate = f.rows / (f.ingestMs / 1000);
        line(`ingest into ${target}`, `${fmt.ms(f.ingestMs)} for ${fmt.int(f.rows)} rows (${fmt.int(rate)} rows/s), ${f.rejected} rejected`);
        if (target === 'PGlite' && tier === 'M') {
          line(`  ÷ issue 13's ${fmt.int(ISSUE_13_PGLITE_M_ROWS_PER_S)} rows/s (goal 3)`, fmt.ratio(rate / ISSUE_13_PGLITE_M_ROWS_PER_S));
        }
        if (dump) {
          const own = await measureCopyIntoMogulTables(dump);
          const ownRate = own.rows / (own.ms / 1000);
          line("  COPY of the stored rows into Mogul's tables", `${fmt.ms(own.ms)} for ${fmt.int(own.rows)} rows (${fmt.int(ownRate)} rows/s)`);
          line('  /sync ingest ÷ that COPY rate (target 0.40)', fmt.ratio(rate / ownRate));
          const bareRate = bareCopy.rows / (bareCopy.ms / 1000);
          line('  COPY of the CSV files into bare text tables', `${fmt.ms(bareCopy.ms)} (${fmt.int(bareRate)} rows/s)`);
          line('  /sync ingest ÷ that COPY rate (goal 0.30)', fmt.ratio(rate / bareRate));
        }
        printServed(target, f);
        if (reads) printReads(target, reads);
      } finally {
        if (dump) rmSync(dump, { recursive: true, force: true });
      }
    }
    console.log('');
  }
  const recomputeTiers = values['recompute-tiers'] === 'none' ? [] : values['recompute-tiers']!.split(',').map((t) => t.trim().toUpperCase());
  for (const tier of recomputeTiers) {
    const dir = await ensureTier(tier as 'S' | 'M' | 'L');
    console.log(`Recompute, tier ${tier}: imported through /sync, then every customer recomputed in this process`);
    const targets = values['api-targets']!.split(',').map((t) => t.trim()) as ('PGlite' | 'PostgreSQL')[];
    for (const [label, value] of await recomputeLines(dir, AS_OF, targets)) line(label, value);
    console.log('');
  }
  const queueTiers = values['queue-tiers'] === 'none' ? [] : values['queue-tiers']!.split(',').map((t) => t.trim().toUpperCase());
  for (const tier of queueTiers) {
    const dir = await ensureTier(tier as 'S' | 'M' | 'L');
    console.log(`Queue, tier ${tier}: every customer recomputed by mogul worker processes on pg-boss (PostgreSQL), beside inline`);
    for (const [label, value] of queueLines(await measureQueue(dir, AS_OF))) line(label, value);
    console.log('');
  }
  const workerTiers = values['worker-tiers'] === 'none' ? [] : values['worker-tiers']!.split(',').map((t) => t.trim().toUpperCase());
  for (const tier of workerTiers) {
    const dir = await ensureTier(tier as 'S' | 'M' | 'L');
    console.log(`Worker, tier ${tier}: mogul import, then reads until the figures are ready, on the same PostgreSQL`);
    for (const target of ['Worker (workerd, Neon driver)', 'Node server (node-postgres)'] as const) printWorker(await measureWorkerImport(target, dir, AS_OF));
    console.log('');
  }
  if (figures.length >= 2) {
    const [a, b] = [figures[0], figures[figures.length - 1]];
    const perLine = (f: TierFigures) => f.engineMs / f.lineItems;
    const nlogn = (b.lineItems * Math.log(b.lineItems)) / (a.lineItems * Math.log(a.lineItems));
    console.log(`Scaling ${a.tier} → ${b.tier}: line items × ${(b.lineItems / a.lineItems).toFixed(1)}`);
    line('engine time ×', (b.engineMs / a.engineMs).toFixed(1));
    line('n log n would be ×', nlogn.toFixed(1));
    line('engine time per line item ×', (perLine(b) / perLine(a)).toFixed(2));
  }
}

function printReads(target: string, figures: Awaited<ReturnType<typeof measureReads>>): void {
  line(`  reads under ${CONNECTIONS} connections (${target})`, 'p50 / p95 / p99');
  for (const [label, value] of readLines(figures)) line(`    ${label}`, value);
}

function printWorker(f: WorkerFigures): void {
  line(f.target, `${fmt.ms(f.ingestMs)} for ${fmt.int(f.rows)} rows (${fmt.int(f.rows / (f.ingestMs / 1000))} rows/s), ${f.rejected} rejected`);
  line('  figures ready after the import', `${fmt.ms(f.figuresMs)} (${f.waits} reads told to wait: 503 + Retry-After)`);
  line('  longest single request', `${fmt.ms(f.longest.ms)} (${f.longest.method} ${f.longest.path}), of ${fmt.int(f.requests)} requests`);
}

await main();
