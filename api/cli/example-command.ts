/**
 * `mogul example [dir] [--end YYYY-MM-DD]`: writes the example company, Acme Analytics (the
 * generator's tier XS, seed 1), as a folder of template CSVs whose data runs up to today, so
 * it looks like a live business on the day it is made: paying customers are paid up, not
 * past due. (A folder written once and kept goes stale: a month later most of it is past due.)
 */
import { formatDate, parseDateOnly, startOfDay } from '../../shared/index.ts';
import { writeCompany } from '../generate/write-company.ts';
import { commandArgs, UsageError } from './usage.ts';

export const EXAMPLE_USAGE = 'Usage: mogul example [dir] [--end YYYY-MM-DD]   (dir: examples/acme-analytics; end: today)';
export const EXAMPLE_DIR = 'examples/acme-analytics';
/** The example company: the generator's smallest tier, always the same seed. */
export const EXAMPLE = { tier: 'XS', seed: 1 } as const;

/** Today's date in UTC (or MOGUL_TODAY), as the API and `mogul report` see it. */
export function todayIso(env: { MOGUL_TODAY?: string } = process.env, now = Date.now()): string {
  return env.MOGUL_TODAY ?? formatDate(startOfDay(now));
}

export async function exampleCommand(argv: string[]): Promise<number> {
  const { values, positionals } = commandArgs(argv, { end: { type: 'string' } }, EXAMPLE_USAGE);
  if (positionals.length > 1) throw new UsageError(EXAMPLE_USAGE);
  const end = values.end ?? todayIso();
  if (parseDateOnly(end) === null) throw new UsageError(`--end must be a date YYYY-MM-DD; got '${end}'\n${EXAMPLE_USAGE}`);
  const dir = positionals[0] ?? EXAMPLE_DIR;
  const counts = await writeCompany(dir, { ...EXAMPLE, endDate: end });
  const rows = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  console.log(`Wrote Acme Analytics, the example company, to ${dir}: ${counts.customers ?? 0} customers, ` +
    `${rows.toLocaleString('en-US')} rows, billing data up to ${end}.`);
  console.log(`Try: npx mogul report ${dir}`);
  return 0;
}
