/**
 * `mogul import` then the API gives the same numbers as `mogul report` on the same folder,
 * for every golden case, on every database driver and on the Worker (workerd, Neon's
 * driver): customers, subscriptions, movements, the monthly series and cohorts, and the same
 * rejected rows. A case's `--segment` is asked of /sync/results as `segment` and of the
 * report as `--segment`: the two narrow the same way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../cli/api-client.ts';
import { goldenCases } from '../cli/golden-dir.ts';
import { importFolder } from '../cli/import-command.ts';
import { buildFolderReport, parseReportArgs } from '../cli/report-command.ts';
import type { TestDatabase } from '../testing/databases.test-util.ts';
import { closeWorkers, startServerFor, targets, testDatabaseFor } from '../testing/targets.test-util.ts';

const cases = goldenCases();

/** The value of one of the case's args, or undefined. */
function argOf(dir: string, name: string): string | undefined {
  const args: string[] = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')).args ?? [];
  return args.includes(name) ? args[args.indexOf(name) + 1] : undefined;
}

const LISTS = ['customers', 'subscriptions', 'movements', 'revenue', 'transactions'];

/** All pages of /sync/results joined (of a segment, when given). */
async function allResults(call: (path: string) => Promise<any>, segment: string | undefined) {
  const narrowed = segment === undefined ? '' : `&segment=${encodeURIComponent(segment)}`;
  let page = await call(`/sync/results?per_page=3${narrowed}`);
  const out = { ...page };
  while (page.has_more) {
    page = await call(`/sync/results?per_page=3&cursor=${page.cursor}${narrowed}`);
    for (const list of LISTS) out[list] = [...out[list], ...page[list]];
  }
  return out;
}

for (const target of targets()) {
  describe(`mogul import → API equals mogul report (${target})`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await testDatabaseFor(target);
    }, 60_000);
    afterAll(async () => {
      await closeWorkers();
      await database?.drop();
    });

    it('has golden cases to check', () => expect(cases.length).toBeGreaterThan(0));
    for (const { label, dir } of cases) {
      it(label, async () => {
        const asOf = argOf(dir, '--as-of')!;
        const segment = argOf(dir, '--segment');
        const server = await startServerFor(target, database, { today: asOf });
        try {
          const summary = await importFolder(dir, apiClient(server.url, server.key));
          const results = await allResults(async (path) => (await server.call('GET', path)).json, segment);
          const { report } = buildFolderReport(parseReportArgs([dir, '--as-of', asOf, ...(segment ? ['--segment', segment] : [])], 0));

          expect(results.as_of).toBe(report.as_of);
          expect(results.customers).toEqual(report.customers);
          expect(results.subscriptions).toEqual(report.subscriptions);
          expect(results.movements).toEqual(report.movements);
          expect(results.series).toEqual(report.series);
          expect(results.cohorts).toEqual(report.cohorts);
          const key = (e: { dataset: string; row: number; column: string }) => `${e.dataset} ${e.row} ${e.column}`;
          expect(summary.errors.map(key).sort()).toEqual(report.errors.map(key).sort());
        } finally {
          await server.close();
        }
      });
    }
  });
}
