/**
 * Engine benchmark of issue 2: parse+validate, engine and end-to-end `mogul report` on the
 * generated tiers, and the engine against the DuckDB peer on the month-aligned subset.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  analyse, buildCohorts, checkReferences, computeReport, parseDateOnly, parseSegment, type ReportOptions, type Report,
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
  /** The same report on SEGMENT (one customer and one plan condition), engine and end to end. */
  segmentEngineMs: number;
  segmentEndToEndMs: number;
  /** The report with weekly cohorts (the plain one holds monthly cohorts), engine and end to end. */
  weeklyCohortsEngineMs: number;
  weeklyCohortsEndToEndMs: number;
  /** buildCohorts alone (monthly) on the plain report's analysis: the cohorts' share of the plain figure. */
  cohortsOnlyMs: number;
}

/** The benchmark's segment: a customer condition and a plan condition (upgrades and downgrades cross it). */
export const SEGMENT = "region~ANY~'US','CA'~AND~plan~ANY~'pro_monthly','pro_annual'";

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
  const settings = folder.settings.settings;
  const segment = parseSegment(SEGMENT);
  const variants: ReportOptions[] = [
    { asOf: asOfDay },
    { asOf: asOfDay, segment, dataSource: 'bench' },
    { asOf: asOfDay, cohortInterval: 'week' },
  ];
  // Interleaved, so the three see the same machine (a loaded moment slows all of them alike).
  const times: number[][] = variants.map(() => []);
  for (const options of variants) computeReport(checked.data, settings, options); // warm-up, untimed
  for (let i = 0; i < runs; i++) {
    for (let v = 0; v < variants.length; v++) {
      collectGarbage();
      times[v].push((await timed(() => computeReport(checked.data, settings, variants[v]))).ms);
    }
  }
  const analysis = analyse(checked.data, settings, asOfDay);
  const cohortTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    cohortTimes.push((await timed(() => buildCohorts({ customers: analysis.customers, movements: analysis.movements, end: asOfDay }))).ms);
  }
  const e2e = endToEnd(dir, asOf);
  const segmentE2e = endToEnd(dir, asOf, ['--segment', SEGMENT]);
  const weeklyE2e = endToEnd(dir, asOf, ['--cohort-interval', 'week']);
  const rows = Object.values(folder.rowCounts).reduce((a, b) => a + (b ?? 0), 0);
  return {
    tier,
    rows,
    lineItems: checked.data.lineItems.length,
    parseValidateMs: load.ms,
    engineMs: median(times[0]),
    endToEndMs: e2e.ms,
    peakRssBytes: e2e.maxRssBytes,
    segmentEngineMs: median(times[1]),
    segmentEndToEndMs: segmentE2e.ms,
    weeklyCohortsEngineMs: median(times[2]),
    weeklyCohortsEndToEndMs: weeklyE2e.ms,
    cohortsOnlyMs: median(cohortTimes),
  };
}

/** `mogul report <dir> --json` in a fresh process, as a user runs it. */
export function endToEnd(dir: string, asOf: string, args: readonly string[] = []): { ms: number; maxRssBytes: number } {
  const child = spawnSync(
    process.execPath,
    [join(ROOT, 'api', 'bench', 'run-report.mjs'), 'report', dir, '--as-of', asOf, '--json', ...args],
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
