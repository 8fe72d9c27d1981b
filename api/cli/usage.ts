/** Command-line arguments of the `mogul` commands, and the error for bad ones. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad command-line arguments (exit status 2). */
export class UsageError extends Error {}

/** The options and positionals of `argv`; an unknown or malformed option is a UsageError ending in `usage`. */
export function commandArgs<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${usage}`);
  }
}
