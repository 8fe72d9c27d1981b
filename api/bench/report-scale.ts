/**
 * Issue 13's figures for `mogul report`: end to end beside DuckDB loading the same CSV files
 * (measured in the same run), peak memory against its goal, and how both grow from tier to tier.
 * Tier L is measured end to end only (its in-process engine runs would hold gigabytes in the
 * benchmark's own heap).
 */
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { measureDuckDbLoad } from './duckdb-load.ts';
import { endToEnd } from './engine-bench.ts';
import { fmt } from './stats.ts';

export interface ScaleFigures {
  tier: string;
  rows: number;
  endToEndMs: number;
  peakRssBytes: number;
  duckLoadMs: number;
}

type Line = (label: string, value: string) => void;

const GB = 1024 ** 3;
const memoryGoal = (tier: string) => (tier === 'L' ? 2 * GB : GB);

/** Line breaks in every CSV of dir, less one header each: the data rows (no template cell holds a line break in generated data). */
function csvRows(dir: string): number {
  let rows = 0;
  const buffer = Buffer.alloc(1 << 22);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv'))) {
    const fd = openSync(join(dir, file), 'r');
    try {
      for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
        for (let at = buffer.indexOf(10); at !== -1 && at < n; at = buffer.indexOf(10, at + 1)) rows++;
      }
    } finally {
      closeSync(fd);
    }
    rows--;
  }
  return rows;
}

/**
 * The report's end-to-end figure (taken from the tier's own measurement when there is one)
 * beside DuckDB's load of the same files, printed.
 */
export async function measureScale(
  tier: string,
  dir: string,
  asOf: string,
  line: Line,
  measured?: { rows: number; endToEndMs: number; peakRssBytes: number },
): Promise<ScaleFigures> {
  let e2e: { rows: number; endToEndMs: number; peakRssBytes: number };
  if (measured) e2e = measured;
  else {
    const rows = csvRows(dir);
    const start = performance.now();
    try {
      e2e = { rows, ...fromEndToEnd(endToEnd(dir, asOf)) };
    } catch (e) {
      const ms = performance.now() - start;
      const reason = /heap out of memory|ERR_STRING_TOO_LONG|Invalid string length/.exec((e as Error).message)?.[0] ?? (e as Error).message.split('\n')[0];
      console.log(`Tier ${tier}: ${fmt.int(rows)} rows`);
      line('mogul report --json, end to end', `DID NOT COMPLETE after ${fmt.ms(ms)}: ${reason}`);
      e2e = { rows, endToEndMs: NaN, peakRssBytes: NaN };
    }
  }
  if (!measured && !Number.isNaN(e2e.endToEndMs)) {
    console.log(`Tier ${tier}: ${fmt.int(e2e.rows)} rows`);
    line('mogul report --json, end to end', `${fmt.ms(e2e.endToEndMs)}, peak memory ${fmt.mb(e2e.peakRssBytes)}`);
  }
  const duck = await measureDuckDbLoad(dir);
  line('DuckDB: load every CSV of the tier (read_csv)', `${fmt.ms(duck.ms)} (${fmt.int(duck.rows / (duck.ms / 1000))} rows/s)`);
  line('  end to end ÷ DuckDB load (goal under 0.5)', fmt.ratio(e2e.endToEndMs / duck.ms));
  line(
    `  peak memory (goal under ${memoryGoal(tier) / GB} GB)`,
    Number.isNaN(e2e.peakRssBytes) ? 'did not complete' : `${fmt.mb(e2e.peakRssBytes)} (${e2e.peakRssBytes < memoryGoal(tier) ? 'met' : 'NOT met'})`,
  );
  return { tier, rows: e2e.rows, endToEndMs: e2e.endToEndMs, peakRssBytes: e2e.peakRssBytes, duckLoadMs: duck.ms };
}

function fromEndToEnd(e: { ms: number; maxRssBytes: number }) {
  return { endToEndMs: e.ms, peakRssBytes: e.maxRssBytes };
}

/** Growth from each tier to the next: rows, report time, report memory, DuckDB load time. */
export function printGrowth(figures: readonly ScaleFigures[], line: Line): void {
  for (let i = 1; i < figures.length; i++) {
    const [a, b] = [figures[i - 1], figures[i]];
    console.log(`Growth ${a.tier} → ${b.tier} (mogul report)`);
    line('rows ×', (b.rows / a.rows).toFixed(1));
    const x = (r: number) => (Number.isNaN(r) ? 'n/a (did not complete)' : r.toFixed(1));
    line('time ×', `${x(b.endToEndMs / a.endToEndMs)} (DuckDB load × ${(b.duckLoadMs / a.duckLoadMs).toFixed(1)})`);
    line('peak memory ×', x(b.peakRssBytes / a.peakRssBytes));
  }
  if (figures.length > 1) console.log('');
}
