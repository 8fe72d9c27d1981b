/**
 * /sync/results?segment= on a real server over PGlite, after `mogul import` of the golden
 * segment cases: every page size gives `mogul report --segment --revenue`'s customers,
 * subscriptions, movements, revenue, series and cohorts; transactions are the segment's
 * customers' under customer conditions and everyone's under plan conditions (which narrow no
 * cash); the series and cohorts come on the first page only; an unreadable segment is a 400
 * naming it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../cli/api-client.ts';
import { GOLDEN_DIR } from '../cli/golden-dir.ts';
import { importFolder } from '../cli/import-command.ts';
import { buildFolderReport, parseReportArgs } from '../cli/report-command.ts';
import { testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';

const LISTS = ['customers', 'subscriptions', 'movements', 'revenue', 'transactions'] as const;

async function allResults(server: TestServer, perPage: number, segment?: string) {
  const narrowed = segment === undefined ? '' : `&segment=${encodeURIComponent(segment)}`;
  const get = async (path: string) => {
    const r = await server.call('GET', path);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    return r.json;
  };
  const first = await get(`/sync/results?per_page=${perPage}${narrowed}`);
  const out: Record<(typeof LISTS)[number], any[]> = Object.fromEntries(LISTS.map((l) => [l, first[l]])) as never;
  let page = first;
  while (page.has_more) {
    page = await get(`/sync/results?per_page=${perPage}&cursor=${page.cursor}${narrowed}`);
    expect(page.series).toBeUndefined();
    expect(page.cohorts).toBeUndefined();
    for (const l of LISTS) out[l] = [...out[l], ...page[l]];
  }
  return { ...out, series: first.series, cohorts: first.cohorts };
}

describe('/sync/results of a segment (pglite)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase('pglite');
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  for (const name of ['25-segment-customers', '26-segment-plan-entry-exit']) {
    it(`${name}: the segment's report, at every page size`, async () => {
      const dir = join(GOLDEN_DIR, name);
      const args: string[] = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')).args;
      const asOf = args[args.indexOf('--as-of') + 1];
      const segment = args[args.indexOf('--segment') + 1];
      const server = await startTestServer(database.db, { today: asOf, rateLimitPerSecond: 1_000_000 });
      try {
        await importFolder(dir, apiClient(server.url, server.key));
        const { report } = buildFolderReport(parseReportArgs([dir, '--as-of', asOf, '--revenue', '--segment', segment], 0));
        const whole = await allResults(server, 20_000);
        const kept = new Set(report.customers.map((c) => c.external_id));
        for (const perPage of [1, 4, 20_000]) {
          const r = await allResults(server, perPage, segment);
          expect(r.customers, `${perPage}`).toEqual(report.customers);
          expect(r.subscriptions, `${perPage}`).toEqual(report.subscriptions);
          expect(r.movements, `${perPage}`).toEqual(report.movements);
          expect(r.revenue, `${perPage}`).toEqual(report.revenue);
          expect(r.series).toEqual(report.series);
          expect(r.cohorts).toEqual(report.cohorts);
          const plans = segment.includes('plan~');
          expect(r.transactions).toEqual(plans ? whole.transactions : whole.transactions.filter((t: any) => kept.has(t.customer_external_id)));
        }
        expect(whole.customers.length).toBeGreaterThan(report.customers.length);
      } finally {
        await server.close();
      }
    });
  }

  it('answers 400 naming the segment when it cannot read it', async () => {
    const server = await startTestServer(database.db, { today: '2024-03-31' });
    try {
      for (const [text, named] of [["colour~ANY~'red'", 'colour'], ["region~LIKE~'US'", 'LIKE'], ["region~ANY~'US", 'quoted']]) {
        const r = await server.call('GET', `/sync/results?segment=${encodeURIComponent(text)}`);
        expect(r.status, text).toBe(400);
        expect(r.json.param).toBe('segment');
        expect(r.json.message).toContain(named);
      }
      expect((await server.call('GET', '/sync/results?segment=')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
