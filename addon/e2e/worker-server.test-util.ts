// The API as a Cloudflare Worker for the add-on's end-to-end tests: workerd (with its Neon
// relay) in a child process, since the harness's UrlFetchApp blocks this thread, over a fresh
// database on the machine's PostgreSQL with one account. Needs PostgreSQL (CI=true or
// DATABASE_URL), like the API's own Worker tests.
import { createAccount } from '../../api/store/accounts.ts';
import { testDatabase } from '../../api/testing/databases.test-util.ts';
import { startWorkerChild } from '../../api/testing/worker-child.test-util.ts';
import type { ApiServer } from './api-server.test-util.ts';

export interface WorkerApiOptions {
  today: string;
  /** Customers per recompute slice, and the recompute budget of a request (the Worker's own by default). */
  recomputeSlice?: number;
  recomputeBudgetMs?: number;
}

export async function startWorkerApiServer(options: WorkerApiOptions): Promise<ApiServer> {
  const database = await testDatabase('pg');
  const account = await database.db.transaction((tx) => createAccount(tx, 'Sheets e2e'));
  const bindings: Record<string, string> = { DATABASE_URL: database.url!, MOGUL_TODAY: options.today, MOGUL_RATE_LIMIT: '1000' };
  if (options.recomputeSlice !== undefined) bindings.MOGUL_RECOMPUTE_SLICE = String(options.recomputeSlice);
  if (options.recomputeBudgetMs !== undefined) bindings.MOGUL_RECOMPUTE_BUDGET_MS = String(options.recomputeBudgetMs);
  const worker = await startWorkerChild(bindings);
  return {
    url: worker.url,
    key: account.key,
    today: options.today,
    output: worker.output,
    stop: async () => {
      await worker.stop();
      await database.drop();
    },
  };
}
