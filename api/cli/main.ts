/** The `mogul` command line. */
import { UnusableInputError } from './load-folder.ts';
import { setFlagsFromString } from 'node:v8';
import { buildFolderReport, buildFolderReportSections, parseReportArgs, REPORT_USAGE } from './report-command.ts';
import { UsageError } from './usage.ts';
import { writeJson } from './json-stream.ts';
import { summarise } from './summary.ts';

const HELP = `mogul — subscription analytics from ChartMogul-style billing templates

Commands:
  mogul report <dir> [--as-of D] [--start D] [--interval I] [--cohort-interval I] [--segment F] [--json] [--revenue]
      Reads a folder of template CSVs (and settings.json) and prints MRR, movements,
      customers, the metric series and cohorts; --segment narrows them to a segment written
      in the API's filters language. Exit 1 when rows were rejected, 2 on unusable input.

  mogul example [dir] [--end D]
      Writes the example company (Acme Analytics) with its data up to today
      (default dir: examples/acme-analytics).

  mogul serve
      Starts the API (PORT, HOST, MOGUL_DATA_DIR, DATABASE_URL, DB_DRIVER, MOGUL_API_KEY, MOGUL_TRUST_PROXY,
      MOGUL_ECB_URL: the reference exchange rates it refreshes daily, or off; MOGUL_QUEUE=work|send|off:
      on PostgreSQL recompute jobs go through the queue, taken by this process too unless send).
  mogul worker
      Takes recompute jobs from the queue on DATABASE_URL (PostgreSQL) until stopped; run as many
      as the host needs (MOGUL_QUEUE_SLICE: customers a job, MOGUL_QUEUE_EXPIRE_SECONDS).
  mogul rates update [--url URL]
      Fetches the European Central Bank's reference exchange rates into the database.
  mogul import <dir> --api URL --key KEY [--source NAME]
      Pushes a folder of template CSVs through /sync.
  mogul account create <name>
      Creates another account and prints its API key.
  mogul db migrate
      Applies database migrations.

${REPORT_USAGE}
`;

type Command = (argv: string[]) => Promise<number>;

/**
 * How far V8 lets the heap grow past what the last full collection kept (issue 13), set by the
 * report command for its own process. By default V8 grows it up to 4x: with ~400 MB of live
 * billing records at tier M, garbage took the process past 1.3 GB before a collection. A report
 * is one batch run, so a tighter bound (more full collections on the same live data) is the
 * better trade. Measured at tier M with the rest of issue 13's memory work: default 1.31 GB,
 * 100% 1.04 GB, 50% 0.87-0.90 GB peak RSS, for 2.5-4 s more CPU (busy 2-core machine).
 */
const REPORT_HEAP_GROWING_PERCENT = 50;

const commands: Record<string, Command> = {
  async report(argv) {
    const args = parseReportArgs(argv, Date.now());
    setFlagsFromString(`--heap-growing-percent=${REPORT_HEAP_GROWING_PERCENT}`);
    if (args.json) {
      // Rows are made as they are written; nothing else of the input is alive by then.
      const { report, exitCode } = buildFolderReportSections(args);
      await writeJson(report as unknown as Record<string, unknown>, write);
      return exitCode;
    }
    const { report, exitCode } = buildFolderReport(args);
    await write(`${summarise(report, args.dir)}\n`);
    return exitCode;
  },
};

/** Writes all of text to stdout and waits until it is flushed (large JSON reports). */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
}

export function registerCommand(name: string, command: Command): void {
  commands[name] = command;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await write(HELP);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command '${name}'.\n\n${HELP}`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnusableInputError || (e as Error).name === 'ReportOptionsError') {
      process.stderr.write(`mogul ${name}: ${(e as Error).message}\n`);
      return 2;
    }
    // A setting the server cannot start with, or a PGlite folder another process holds: the message says what to do.
    if ((e as Error).name === 'SettingError' || (e as Error).name === 'FolderInUseError') {
      process.stderr.write(`mogul ${name}: ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
}
