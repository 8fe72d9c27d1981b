/**
 * The real `mogul` command line in child processes: `mogul serve` (waited on until it
 * listens) and any other command, each killable with any signal.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths.ts';

export const CLI = join(REPO_ROOT, 'api', 'bin', 'mogul.mjs');

export interface MogulProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** The exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals>;
  /** Sends the signal and waits for the end. */
  kill(signal: NodeJS.Signals): Promise<number | NodeJS.Signals>;
}

/** The environment of a child: the parent's, minus what chooses a database or key, plus `env`. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { MOGUL_API_KEY: _k, DATABASE_URL: _u, DB_DRIVER: _d, MOGUL_DATA_DIR: _m, ...parent } = process.env;
  return { ...parent, ...env };
}

/** Builds the CLI bundle once, before processes start side by side (each would build it). */
export function buildCliOnce(): void {
  const help = spawnSync(process.execPath, [CLI, 'help'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  if (help.status !== 0) throw new Error(`mogul help failed: ${help.stderr}`);
}

export function mogul(args: string[], env: Record<string, string> = {}): MogulProcess {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'SIGKILL')));
  return {
    child,
    output: () => output,
    exited,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface ServeProcess extends MogulProcess {
  url: string;
}

/** `mogul serve` on an ephemeral port, once it listens. */
export async function serve(env: Record<string, string>): Promise<ServeProcess> {
  const server = mogul(['serve'], { PORT: '0', HOST: '127.0.0.1', ...env });
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const m = /Mogul API on (http:\/\/\S+)/.exec(server.output());
      if (m && /Try: /.test(server.output())) {
        server.child.stdout!.off('data', onData);
        resolve(m[1]);
      }
    };
    server.child.stdout!.on('data', onData);
    void server.exited.then((end) => reject(new Error(`mogul serve ended (${end}) before it listened:\n${server.output()}`)));
  });
  return { ...server, url };
}
