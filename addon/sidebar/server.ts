/**
 * google.script.run as a typed client of the add-on's server functions (shared/wire/sidebar.ts):
 * calling one the contract lacks, or with the wrong arguments, fails to compile.
 */
import type { SidebarCalls } from '../../shared/wire/sidebar.ts';

type Runner = Record<string, (...args: unknown[]) => void> & {
  withSuccessHandler(f: (value: any) => void): Runner;
  withFailureHandler(f: (error: Error) => void): Runner;
};

declare const google: { script: { run: Runner } };

/** Each call as a promise of what the server function returns. */
export type Client<Calls> = {
  [K in keyof Calls]: Calls[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

export function typedClient<Calls>(): Client<Calls> {
  return new Proxy({} as Client<Calls>, {
    get: (_, name) => (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        google.script.run.withSuccessHandler(resolve).withFailureHandler(reject)[String(name)](...args);
      }),
  });
}

export const server = typedClient<SidebarCalls>();
