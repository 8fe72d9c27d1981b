/**
 * Engine benchmark of issue 2: parse+validate, engine and end-to-end `mogul report` on the
 * generated tiers, and the engine against the DuckDB peer on the month-aligned subset.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  checkReferences, computeReport, parseDateOnly, type Report,
} from '../../shared/index.ts';
import { loadFolder } from '../cli/load-folder.ts';
import { runDuckDbPeer, type PeerMonth } from './duckdb-peer.ts';
import { median, timed } from './stats.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export interface TierFigures {
  tier: string;
  rows: number;
  lineItems: number;
  parseValidateMs: number;
  engineMs: number;
  endToEndMs: number;
  peakRssBytes: number;
}

/**
 * A full collection before each timed run (when node runs with --expose-gc, as `npm run
 * bench` does): otherwise a run pays, at random, for the garbage of parsing the folder.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function measureTier(tier: string, dir: string, asOf: string, runs = 3): Promise<TierFigures> {
  const asOfDay = parseDateOnly(asOf)!;
  const load = await timed(() => {
    const folder = loadFolder(dir);
    const checked = checkReferences(folder.parsed, folder.settings.settings, { asOfEnd: asOfDay + 86_399_999 });
    return { folder, checked };
  });
  const { folder, checked } = load.value;
  if (checked.errors.length > 0) throw new Error(`${dir}: generated data has ${checked.errors.length} errors`);
  const engineTimes: number[] = [];
  computeReport(checked.data, folder.settings.settings, { asOf: asOfDay }); // warm-up, untimed
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    engineTimes.push((await timed(() => computeReport(checked.data, folder.settings.settings, { asOf: asOfDay }))).ms);
  }
  const e2e = endToEnd(dir, asOf);
  const rows = Object.values(folder.rowCounts).reduce((a, b) => a + (b ?? 0), 0);
  return {
    tier,
    rows,
    lineItems: checked.data.lineItems.length,
    parseValidateMs: load.ms,
    engineMs: median(engineTimes),
    endToEndMs: e2e.ms,
    peakRssBytes: e2e.maxRssBytes,
  };
}

/** `mogul report <dir> --json` in a fresh process, as a user runs it. */
export function endToEnd(dir: string, asOf: string): { ms: number; maxRssBytes: number } {
  const child = spawnSync(
    process.execPath,
    [join(ROOT, 'api', 'bench', 'run-report.mjs'), 'report', dir, '--as-of', asOf, '--json'],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const line = child.stderr.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`mogul report failed: ${child.stderr}`);
  }
}

export interface PeerComparison {
  lineItems: number;
  engineMs: number;
  duckLoadMs: number;
  duckQueryMs: number;
  months: number;
  mismatches: string[];
}

const KEYS = ['mrr', 'new_biz', 'expansion', 'contraction', 'churn', 'reactivation'] as const;

/** Engine and DuckDB on the same month-aligned subset; both timed in this run. */
export async function compareWithDuckDb(subsetDir: string, start: string, asOf: string, runs = 5): Promise<PeerComparison> {
  const asOfDay = parseDateOnly(asOf)!;
  const folder = loadFolder(subsetDir);
  const { data, errors } = checkReferences(folder.parsed, folder.settings.settings, { asOfEnd: asOfDay + 86_399_999 });
  if (errors.length > 0) throw new Error(`${subsetDir}: subset has ${errors.length} errors`);
  const engineTimes: number[] = [];
  let report: Report | null = null;
  const duckLoad: number[] = [];
  const duckQuery: number[] = [];
  let months: PeerMonth[] = [];
  // One untimed run of each first (JIT and caches warm), then timed runs interleaved so both
  // see the same machine state.
  computeReport(data, folder.settings.settings, { asOf: asOfDay, start: parseDateOnly(start)! });
  await runDuckDbPeer(subsetDir, { start, end: asOf });
  for (let i = 0; i < runs; i++) {
    const engine = await timed(() =>
      computeReport(data, folder.settings.settings, { asOf: asOfDay, start: parseDateOnly(start)! }),
    );
    engineTimes.push(engine.ms);
    report = { ...engine.value, errors: [], warnings: [] };
    const peer = await runDuckDbPeer(subsetDir, { start, end: asOf });
    duckLoad.push(peer.loadMs);
    duckQuery.push(peer.queryMs);
    months = peer.months;
  }
  const mismatches: string[] = [];
  for (const m of months) {
    const entry = report!.series.find((e) => e.date.startsWith(m.month));
    if (!entry) {
      mismatches.push(`${m.month}: no engine entry`);
      continue;
    }
    for (const key of KEYS) {
      if (entry[key] !== m[key]) mismatches.push(`${m.month} ${key}: engine ${entry[key]}, duckdb ${m[key]}`);
    }
  }
  return {
    lineItems: data.lineItems.length,
    engineMs: median(engineTimes),
    duckLoadMs: median(duckLoad),
    duckQueryMs: median(duckQuery),
    months: months.length,
    mismatches,
  };
}
