/**
 * npm run generate -- --tier M --out .bench/M [--seed N] [--end YYYY-MM-DD]
 * Writes a generated company's template folder and prints rows per dataset, size and time.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TIERS, type Tier } from '../../shared/generator/index.ts';
import { writeCompany, type RowCounts } from './write-company.ts';

const USAGE = 'usage: npm run generate -- --tier XS|S|M|L --out DIR [--seed N] [--end YYYY-MM-DD]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        tier: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        end: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const tier = values.tier?.toUpperCase() as Tier | undefined;
  if (!tier || !TIERS.includes(tier) || !values.out) {
    console.error(USAGE);
    return 2;
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) {
    console.error(`--seed must be an integer; got '${values.seed}'`);
    return 2;
  }
  if (values.end !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.end)) {
    console.error(`--end must be YYYY-MM-DD; got '${values.end}'`);
    return 2;
  }

  const started = performance.now();
  const tty = process.stderr.isTTY;
  const progress = (counts: RowCounts) => {
    const rows = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
    const line = `generating tier ${tier}: ${rows.toLocaleString('en-US')} rows, ${counts.invoices?.toLocaleString('en-US') ?? 0} invoices, ${((performance.now() - started) / 1000).toFixed(1)} s`;
    process.stderr.write(tty ? `\r${line}` : `${line}\n`);
  };
  const counts = await writeCompany(values.out, { tier, seed, endDate: values.end, onProgress: progress });
  if (tty) process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;

  let bytes = 0;
  for (const f of readdirSync(values.out)) bytes += statSync(join(values.out, f)).size;
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  console.log(`tier ${tier} (seed ${seed ?? 1}) -> ${values.out}`);
  for (const [name, n] of Object.entries(counts)) console.log(`  ${name.padEnd(width)} ${String(n).padStart(10)}`);
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  console.log(`  ${'total'.padEnd(width)} ${String(total).padStart(10)}`);
  console.log(`${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`);
  return 0;
}

process.exitCode = await main();
