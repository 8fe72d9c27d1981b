/**
 * The series functions: =MRR_TOTAL, =MRR_SERIES, =NRR, =GRR, =QUICK_RATIO and =COHORT.
 *
 * Without a `segment` argument they answer for what the MRR, Movements and Cohorts tabs show:
 * the whole business, or the Segment setting's segment when one is set (the tabs' A1 notes say
 * which). With one, from those tabs when it is theirs; otherwise from the engine run on the
 * sheet's own data with that segment (sheet-report.ts), never from the server. A date argument
 * may be a range (a column of answers); a day picks the series entry whose interval holds it.
 */
import { totalMrrAt } from '../../shared/engine/at-date.ts';
import {
  COHORT_INTERVALS, parseSegment, SegmentError, type Cohort, type CohortInterval, type Segment, type SeriesEntry,
} from '../../shared/index.ts';
import { COHORT_BLOCKS } from './cohorts-tab.ts';
import {
  cents, dayText, optionalDay, readIndex, resultSheet, rowsOf, tab, units, type Arg, type Cell,
} from './functions.ts';
import { SERIES_COLUMNS } from './result-tabs.ts';
import { sheetFigures, type SyncStamp } from './sheet-report.ts';
import { RESULT_TABS } from './tab-names.ts';

/** One series entry as the functions answer it: money in units, rates in %. */
interface SeriesRow {
  date: string;
  mrr: number;
  new_biz: number;
  expansion: number;
  contraction: number;
  churn: number;
  reactivation: number;
  net_mrr_retention: number;
  gross_mrr_retention: number;
  /** '' where the series has none (nothing was lost in the interval). */
  quick_ratio: number | '';
}

interface Source {
  asOf: string;
  series: SeriesRow[];
  /** The source's MRR (cents) at the end of a day. */
  mrrAt(day: string): number;
  cohorts(interval: CohortInterval): Cohort[];
}

interface TabNote extends SyncStamp {
  /** The segment the MRR, Movements and Cohorts tabs show; null for the whole business. */
  segment: string | null;
}

function readNote(): TabNote {
  const note = resultSheet(RESULT_TABS.mrr).getRange(1, 1).getNote();
  return {
    asOf: /as of (\d{4}-\d{2}-\d{2})/.exec(note)?.[1] ?? '9999-12-31',
    writtenAt: /Written by Mogul at (\S+)/.exec(note)?.[1] ?? '',
    segment: /Segment: ([\s\S]*)\. Rewritten on every sync/.exec(note)?.[1] ?? null,
  };
}

/** The segment a function was asked for; undefined when it was given none. */
function askedSegment(arg: Arg | undefined): Segment | undefined {
  const text = Array.isArray(arg) ? arg[0]?.[0] : arg;
  if (text === undefined || text === null || String(text).trim() === '') return undefined;
  try {
    return parseSegment(String(text).trim());
  } catch (e) {
    if (e instanceof SegmentError) throw new Error(`Segment: ${e.message}`);
    throw e;
  }
}

const conditions = (s: Segment | null) => JSON.stringify(s ? [s.customer, s.plan] : [[], []]);

function rowOf(e: SeriesEntry): SeriesRow {
  return {
    date: e.date, mrr: units(e.mrr), new_biz: units(e.new_biz), expansion: units(e.expansion), contraction: units(e.contraction),
    churn: units(e.churn), reactivation: units(e.reactivation), net_mrr_retention: e.net_mrr_retention,
    gross_mrr_retention: e.gross_mrr_retention, quick_ratio: e.quick_ratio ?? '',
  };
}

function tabSeries(): SeriesRow[] {
  const rows = tab(RESULT_TABS.mrr);
  const c = SERIES_COLUMNS;
  const number = (v: unknown) => Number(v);
  return rows.slice(1).map((r) => ({
    date: dayText(r[c.date - 1] as Cell), mrr: number(r[c.mrr - 1]), new_biz: number(r[c.newBiz - 1]),
    expansion: number(r[c.expansion - 1]), contraction: number(r[c.contraction - 1]), churn: number(r[c.churn - 1]),
    reactivation: number(r[c.reactivation - 1]), net_mrr_retention: number(r[c.netRetention - 1]),
    gross_mrr_retention: number(r[c.grossRetention - 1]), quick_ratio: r[c.quickRatio - 1] === '' ? '' : number(r[c.quickRatio - 1]),
  }));
}

/**
 * MRR (cents) at the end of a day from a series and the movements: the latest entry on or
 * before the day (its MRR counts exchange-rate changes) plus the movements after it; at or after
 * the as-of day, the last entry.
 */
function mrrFrom(series: readonly SeriesRow[], dailyMoves: readonly [string, number][], asOf: string, day: string): number {
  if (series.length > 0 && day >= asOf) return cents(series[series.length - 1].mrr);
  let from = '';
  let total = 0;
  for (const e of series) if (e.date <= day) [from, total] = [e.date, cents(e.mrr)];
  for (const [d, amount] of dailyMoves) if (d > from && d <= day) total += amount;
  return total;
}

/** The Movements tab's amounts added up per day. */
function tabDailyMoves(): [string, number][] {
  const byDay = new Map<string, number>();
  for (const r of tab(RESULT_TABS.movements).slice(1)) {
    const d = dayText(r[0] as Cell);
    byDay.set(d, (byDay.get(d) ?? 0) + cents(r[4]));
  }
  return [...byDay].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** The Cohorts tab (monthly) read back: its first two blocks give each cohort's periods. */
function tabCohorts(): Cohort[] {
  const rows = tab(RESULT_TABS.cohorts);
  const block = (title: string) => {
    const top = rows.findIndex((r) => r[0] === title);
    const out: unknown[][] = [];
    for (let r = top + 2; top >= 0 && r < rows.length && rows[r][0] instanceof Date; r++) out.push(rows[r]);
    return out;
  };
  const [customers, mrr, counts, amounts] = COHORT_BLOCKS.map((b) => block(b.title));
  return customers.map((row, i) => {
    const periods: Cohort['periods'] = [];
    for (let k = 2; k < row.length && row[k] !== ''; k++) {
      periods.push({
        period: k - 2, date: '', customers: Number(counts[i][k]), mrr: cents(amounts[i][k]),
        customer_retention: Number(row[k]), mrr_retention: Number(mrr[i][k]),
      });
    }
    return { cohort: dayText(row[0] as Cell), size: Number(row[1]), mrr_start: cents(mrr[i][1]), periods };
  });
}

function source(segmentArg: Arg | undefined): Source {
  const note = readNote();
  const asked = askedSegment(segmentArg);
  const shown = note.segment === null ? null : parseSegment(note.segment);
  if (asked === undefined || conditions(asked) === conditions(shown)) {
    let series: SeriesRow[] | null = null;
    const tabRows = () => (series ??= tabSeries());
    return {
      asOf: note.asOf,
      get series() {
        return tabRows();
      },
      mrrAt: (day) => {
        if (shown !== null) return mrrFrom(tabRows(), tabDailyMoves(), note.asOf, day);
        // The whole business: the customers' own figures and movements (exact on the as-of day).
        const index = readIndex();
        const past = day < index.asOf;
        const customers = [...index.customers.keys()].map((id) => rowsOf(index, id, false));
        const seriesMrr = past ? tabRows().map((e) => ({ date: e.date, mrr: cents(e.mrr) })) : [];
        return totalMrrAt({ series: seriesMrr, movements: past ? [...index.movements.values()].flat() : [], customers }, index.asOf, day);
      },
      cohorts: (interval) => (interval === 'month' ? tabCohorts() : sheetFigures(shown, interval, note).cohorts),
    };
  }
  const segment = asked.customer.length + asked.plan.length === 0 ? null : asked;
  const figures = sheetFigures(segment, 'month', note);
  const series = figures.series.map(rowOf);
  return {
    asOf: note.asOf,
    series,
    mrrAt: (day) => mrrFrom(series, figures.dailyMoves, note.asOf, day),
    cohorts: (interval) => (interval === 'month' ? figures.cohorts : sheetFigures(segment, interval, note).cohorts),
  };
}

/** Each day of a date argument (a range gives a column); no date: the as-of day. */
function eachDay(date: Arg | undefined, asOf: string, answer: (day: string) => Cell): Cell | Cell[][] {
  if (Array.isArray(date)) return date.flat().map((v) => [v === '' || v === null ? '' : answer(dayText(v))]);
  return answer(optionalDay(date) ?? asOf);
}

/** The entry whose interval holds the day: the first dated on or after it. */
function entryOn(series: readonly SeriesRow[], day: string): SeriesRow | null {
  return series.find((e) => e.date >= day) ?? null;
}

function entryFigure(date: Arg | undefined, segment: Arg | undefined, figure: (e: SeriesRow) => Cell): Cell | Cell[][] {
  const src = source(segment);
  return eachDay(date, src.asOf, (day) => {
    const entry = entryOn(src.series, day);
    return entry === null ? `No figures for ${day}: the last sync is as of ${src.asOf}` : figure(entry);
  });
}

export function MRR_TOTAL(date?: Arg, segment?: Arg) {
  const src = source(segment);
  return eachDay(date, src.asOf, (day) => units(src.mrrAt(day)));
}

export function MRR_SERIES(start: Arg, end: Arg, segment?: Arg) {
  const from = optionalDay(start) ?? '0000-01-01';
  const to = optionalDay(end) ?? '9999-12-31';
  const out: Cell[][] = [['Date', 'MRR', 'New business', 'Expansion', 'Contraction', 'Churn', 'Reactivation']];
  for (const e of source(segment).series) {
    if (e.date >= from && e.date <= to) out.push([e.date, e.mrr, e.new_biz, e.expansion, e.contraction, e.churn, e.reactivation]);
  }
  return out;
}

export function NRR(date?: Arg, segment?: Arg) {
  return entryFigure(date, segment, (e) => e.net_mrr_retention);
}

export function GRR(date?: Arg, segment?: Arg) {
  return entryFigure(date, segment, (e) => e.gross_mrr_retention);
}

export function QUICK_RATIO(date?: Arg, segment?: Arg) {
  return entryFigure(date, segment, (e) => e.quick_ratio);
}

const PERIOD_NAMES: Record<CohortInterval, string> = { week: 'Week', month: 'Month', quarter: 'Quarter', year: 'Year' };

export function COHORT(interval?: Arg, measure?: Arg, segment?: Arg) {
  const asked = String((Array.isArray(interval) ? interval[0]?.[0] : interval) ?? '').trim().toLowerCase() || 'month';
  if (!(COHORT_INTERVALS as readonly string[]).includes(asked)) {
    throw new Error(`Interval must be ${COHORT_INTERVALS.join(', ')}; got '${asked}'`);
  }
  const by = String((Array.isArray(measure) ? measure[0]?.[0] : measure) ?? '').trim().toLowerCase() || 'customers';
  if (by !== 'customers' && by !== 'mrr') throw new Error(`Measure must be customers or mrr; got '${by}'`);
  const cohorts = source(segment).cohorts(asked as CohortInterval);
  const periods = Math.max(0, ...cohorts.map((c) => c.periods.length));
  const name = PERIOD_NAMES[asked as CohortInterval];
  const header: Cell[] = ['Cohort', by === 'mrr' ? 'MRR at start' : 'Customers', ...Array.from({ length: periods }, (_, k) => `${name} ${k}`)];
  return [
    header,
    ...cohorts.map((c) => [
      c.cohort, by === 'mrr' ? units(c.mrr_start) : c.size,
      ...Array.from({ length: periods }, (_, k) => {
        const p = c.periods[k];
        return p === undefined ? '' : by === 'mrr' ? p.mrr_retention : p.customer_retention;
      }),
    ]),
  ];
}
