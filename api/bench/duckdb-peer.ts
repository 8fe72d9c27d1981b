/**
 * A peer for the engine benchmark: monthly MRR and movements of a month-aligned subset (see
 * subset.ts) computed by DuckDB with one SQL query in the style of the dbt "mrr-playbook":
 * spread each subscription line's MRR over the months it covers, drop cancelled subscriptions
 * from their cancellation month, build a customer x month grid, and classify each customer's
 * month-over-month change.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import Papa from 'papaparse';
import { DATASET_FILES } from '../../shared/templates/datasets.ts';

export interface PeerMonth {
  /** `YYYY-MM` */
  month: string;
  /** Sum of customers' MRR in the month, in cents. */
  mrr: number;
  new_biz: number;
  expansion: number;
  /** Negative. */
  contraction: number;
  /** Negative. */
  churn: number;
  reactivation: number;
}

export interface PeerResult {
  months: PeerMonth[];
  /** Time to read the CSVs into DuckDB tables. */
  loadMs: number;
  /** Time of the one MRR query. */
  queryMs: number;
}

/** The columns the query needs: table -> alias -> [template header, DuckDB type]. */
const TABLES = {
  plans: {
    plan_id: ['Plan ID', 'VARCHAR'],
    interval_count: ['Interval count', 'INTEGER'],
    interval_unit: ['Interval unit', 'VARCHAR'],
  },
  invoices: {
    customer_id: ['Customer external ID', 'VARCHAR'],
    invoice_id: ['Invoice external ID', 'VARCHAR'],
  },
  line_items: {
    invoice_id: ['Invoice external ID', 'VARCHAR'],
    subscription_id: ['Subscription external ID', 'VARCHAR'],
    type: ['Type', 'VARCHAR'],
    amount: ['Amount in cents', 'BIGINT'],
    plan_id: ['Plan', 'VARCHAR'],
    period_start: ['Service period start', 'DATE'],
    period_end: ['Service period end', 'DATE'],
    tax: ['Tax amount', 'BIGINT'],
  },
  cancellations: {
    subscription_id: ['Subscription external ID', 'VARCHAR'],
    // A date or an ISO date-time; the query uses its date part.
    cancelled_at: ['Cancelled at', 'VARCHAR'],
  },
} as const satisfies Record<string, Record<string, readonly [string, string]>>;

type TableName = keyof typeof TABLES;

const normalise = (h: string): string => h.trim().toLowerCase();
const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const sqlIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** The header record of a CSV file (headers never span lines, so the first 64 KB suffice). */
function readHeader(path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(65_536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.toString('utf8', 0, n).replace(/^\uFEFF/, '');
    return Papa.parse<string[]>(text.split(/\r?\n/, 1)[0]).data[0] ?? [];
  } finally {
    closeSync(fd);
  }
}

/**
 * CREATE TABLE <table> from its CSV with every column's type given explicitly (columns the query
 * does not use are read as VARCHAR) and the used ones renamed to the aliases of TABLES.
 */
function createTableSql(dir: string, table: TableName): string {
  const path = join(dir, DATASET_FILES[table]);
  const header = readHeader(path);
  const wanted = new Map<string, [alias: string, type: string]>(
    Object.entries(TABLES[table]).map(([alias, [name, type]]) => [normalise(name), [alias, type]]),
  );
  const columns = header.map((h) => `${sqlString(h)}: ${sqlString(wanted.get(normalise(h))?.[1] ?? 'VARCHAR')}`);
  const select = [...wanted].map(([name, [alias, type]]) => {
    const h = header.find((x) => normalise(x) === name);
    return h === undefined ? `CAST(NULL AS ${type}) AS ${alias}` : `${sqlIdent(h)} AS ${alias}`;
  });
  return `CREATE TABLE ${table} AS SELECT ${select.join(', ')} FROM read_csv(${sqlString(path)},
    header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', dateformat = '%Y-%m-%d',
    columns = {${columns.join(', ')}})`;
}

/** The MRR-playbook query; months from `start` (a 1st) to the month of `end`. */
function mrrSql(start: string, end: string): string {
  return `
WITH
plan_months AS (
  SELECT plan_id,
         CASE lower(interval_unit) WHEN 'month' THEN interval_count
                                   WHEN 'year' THEN 12 * interval_count END AS months
  FROM plans
),
subscription_lines AS (
  SELECT i.customer_id, li.subscription_id, li.period_start, li.period_end,
         li.amount - coalesce(li.tax, 0) AS base, pm.months
  FROM line_items li
  JOIN invoices i ON i.invoice_id = li.invoice_id
  JOIN plan_months pm ON pm.plan_id = li.plan_id
  WHERE lower(li.type) = 'subscription'
),
line_mrr AS (
  -- base / months rounded half away from zero, in integers
  SELECT *, sign(base) * ((2 * abs(base) + months) // (2 * months)) AS mrr
  FROM subscription_lines
),
line_months AS (
  -- the months m with period_start <= first of m < period_end
  SELECT customer_id, subscription_id, mrr,
         CAST(unnest(generate_series(
           date_trunc('month', period_start - INTERVAL 1 DAY) + INTERVAL 1 MONTH,
           CAST(period_end - INTERVAL 1 DAY AS TIMESTAMP),
           INTERVAL 1 MONTH)) AS DATE) AS month
  FROM line_mrr
),
cancelled AS (
  SELECT subscription_id, min(date_trunc('month', CAST(left(cancelled_at, 10) AS DATE))) AS cancel_month
  FROM cancellations
  GROUP BY subscription_id
),
customer_mrr AS (
  SELECT lm.customer_id, lm.month, sum(lm.mrr) AS mrr
  FROM line_months lm
  LEFT JOIN cancelled c ON c.subscription_id = lm.subscription_id
  WHERE (c.cancel_month IS NULL OR lm.month < c.cancel_month)
    AND lm.month <= DATE ${sqlString(end)}
  GROUP BY lm.customer_id, lm.month
),
customer_first AS (
  SELECT customer_id, min(month) AS first_month FROM customer_mrr GROUP BY customer_id
),
spine AS (
  SELECT CAST(m AS DATE) AS month
  FROM generate_series(
    CAST(least(coalesce((SELECT min(first_month) FROM customer_first), DATE ${sqlString(start)}),
               DATE ${sqlString(start)}) AS TIMESTAMP),
    CAST(date_trunc('month', DATE ${sqlString(end)}) AS TIMESTAMP),
    INTERVAL 1 MONTH) t(m)
),
grid AS (
  SELECT cf.customer_id, s.month, coalesce(cm.mrr, 0) AS mrr
  FROM customer_first cf
  JOIN spine s ON s.month >= cf.first_month
  LEFT JOIN customer_mrr cm ON cm.customer_id = cf.customer_id AND cm.month = s.month
),
changes AS (
  SELECT customer_id, month, mrr,
         coalesce(lag(mrr) OVER (PARTITION BY customer_id ORDER BY month), 0) AS prev_mrr,
         coalesce(max(mrr) OVER (PARTITION BY customer_id ORDER BY month
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS max_before
  FROM grid
),
movements AS (
  SELECT month, mrr,
         CASE WHEN prev_mrr = 0 AND mrr > 0 AND max_before = 0 THEN mrr ELSE 0 END AS new_biz,
         CASE WHEN prev_mrr = 0 AND mrr > 0 AND max_before > 0 THEN mrr ELSE 0 END AS reactivation,
         CASE WHEN prev_mrr > 0 AND mrr > prev_mrr THEN mrr - prev_mrr ELSE 0 END AS expansion,
         CASE WHEN prev_mrr > 0 AND mrr > 0 AND mrr < prev_mrr THEN mrr - prev_mrr ELSE 0 END AS contraction,
         CASE WHEN prev_mrr > 0 AND mrr = 0 THEN -prev_mrr ELSE 0 END AS churn
  FROM changes
)
SELECT strftime(s.month, '%Y-%m') AS month,
       CAST(coalesce(sum(m.mrr), 0) AS BIGINT) AS mrr,
       CAST(coalesce(sum(m.new_biz), 0) AS BIGINT) AS new_biz,
       CAST(coalesce(sum(m.expansion), 0) AS BIGINT) AS expansion,
       CAST(coalesce(sum(m.contraction), 0) AS BIGINT) AS contraction,
       CAST(coalesce(sum(m.churn), 0) AS BIGINT) AS churn,
       CAST(coalesce(sum(m.reactivation), 0) AS BIGINT) AS reactivation
FROM spine s
LEFT JOIN movements m ON m.month = s.month
WHERE s.month >= DATE ${sqlString(start)}
GROUP BY s.month
ORDER BY s.month`;
}

/**
 * Loads the subset in subsetDir (plans, invoices, line_items, cancellations CSVs) into an
 * in-memory DuckDB and returns MRR and movements for every month from `start` (a 1st) to the
 * month of `end`.
 */
export async function runDuckDbPeer(
  subsetDir: string,
  { start, end }: { start: string; end: string },
): Promise<PeerResult> {
  if (!/^\d{4}-\d{2}-01$/.test(start)) throw new Error(`start must be a first of month YYYY-MM-01; got '${start}'`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(end)) throw new Error(`end must be YYYY-MM-DD; got '${end}'`);
  const instance = await DuckDBInstance.create(':memory:');
  let connection: DuckDBConnection | undefined;
  try {
    connection = await instance.connect();
    const loadStart = performance.now();
    for (const table of Object.keys(TABLES) as TableName[]) await connection.run(createTableSql(subsetDir, table));
    const loadMs = performance.now() - loadStart;

    const queryStart = performance.now();
    const reader = await connection.runAndReadAll(mrrSql(start, end));
    const queryMs = performance.now() - queryStart;

    const months = reader.getRowObjectsJS().map((r) => ({
      month: String(r.month),
      mrr: Number(r.mrr),
      new_biz: Number(r.new_biz),
      expansion: Number(r.expansion),
      contraction: Number(r.contraction),
      churn: Number(r.churn),
      reactivation: Number(r.reactivation),
    }));
    return { months, loadMs, queryMs };
  } finally {
    connection?.closeSync();
    instance.closeSync();
  }
}
