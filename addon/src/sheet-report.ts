/**
 * The figures of a segment, or cohorts at an interval, that no result tab shows (a custom
 * function's `segment` or `interval` argument): the engine itself, run on the sheet's own dataset
 * tabs as of the last sync's day with that segment, never a call to the server. Each answer is
 * kept in the document cache until the next sync (its key carries the sync's time), so a sheet
 * full of such formulas runs the engine once per segment.
 *
 * In server mode this is the sheet's data, not the account's: rows the account holds from
 * elsewhere (another data source, an import) are not in it. See addon/README.md.
 */
import {
  computeReport, endOfDay, parseDateOnly, validateTables, type Cohort, type CohortInterval, type ReportOptions, type Segment,
  type SeriesEntry, type TemplateTables,
} from '../../shared/index.ts';
import { readSettings } from './settings.ts';
import { readDatasetTabs } from './tabs.ts';
import { utf8Pieces } from './utf8.ts';

export interface SheetFigures {
  series: SeriesEntry[];
  /** The movements' amounts added up per day, in day order (MRR between two series entries). */
  dailyMoves: [day: string, cents: number][];
  cohorts: Cohort[];
}

/** Which sync the figures belong to: its as-of day and when it wrote the result tabs. */
export interface SyncStamp {
  asOf: string;
  writtenAt: string;
}

const CACHE = 'mogul.figures';
const PART_BYTES = 90_000;
const SIX_HOURS = 21_600;

function cacheKey(segment: Segment | null, interval: CohortInterval, stamp: SyncStamp): string {
  const what = JSON.stringify([segment ? [segment.customer, segment.plan] : null, interval, stamp.asOf, stamp.writtenAt]);
  const digest = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, what, Utilities.Charset.UTF_8);
  return `${CACHE}.${Utilities.base64EncodeWebSafe(digest)}`;
}

function cached(key: string): SheetFigures | null {
  const cache = CacheService.getDocumentCache()!;
  const count = Number(cache.get(key) ?? 0);
  if (count === 0) return null;
  const keys = Array.from({ length: count }, (_, i) => `${key}.${i}`);
  const parts = cache.getAll(keys);
  if (keys.some((k) => parts[k] === undefined)) return null;
  return JSON.parse(keys.map((k) => parts[k]).join('')) as SheetFigures;
}

function keep(key: string, figures: SheetFigures): void {
  const pieces = utf8Pieces(JSON.stringify(figures), PART_BYTES);
  const parts: Record<string, string> = { [key]: String(pieces.length) };
  pieces.forEach((piece, i) => (parts[`${key}.${i}`] = piece));
  try {
    CacheService.getDocumentCache()!.putAll(parts, SIX_HOURS);
  } catch {
    // Too large for the cache: the next call computes it again.
  }
}

function compute(segment: Segment | null, interval: CohortInterval, asOf: string): SheetFigures {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const tables: TemplateTables = {};
  for (const t of readDatasetTabs(ss)) tables[t.dataset] = t.table;
  const { engine, source } = readSettings();
  const day = parseDateOnly(asOf)!;
  const { data } = validateTables(tables, engine, { asOfEnd: endOfDay(day) });
  const options: ReportOptions = { asOf: day, cohortInterval: interval, ...(segment ? { segment, dataSource: source } : {}) };
  const report = computeReport(data, engine, options);
  const byDay = new Map<string, number>();
  for (const m of report.movements) byDay.set(m.date, (byDay.get(m.date) ?? 0) + m.amount);
  return { series: report.series, dailyMoves: [...byDay].sort((a, b) => (a[0] < b[0] ? -1 : 1)), cohorts: report.cohorts };
}

/** The figures of a segment (null: the whole business) with cohorts at an interval, as of the last sync. */
export function sheetFigures(segment: Segment | null, interval: CohortInterval, stamp: SyncStamp): SheetFigures {
  const key = cacheKey(segment, interval, stamp);
  const known = cached(key);
  if (known) return known;
  const figures = compute(segment, interval, stamp.asOf);
  keep(key, figures);
  return figures;
}
