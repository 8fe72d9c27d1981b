/**
 * The queue's sweep (every five minutes on pg-boss) plans exactly the accounts with work
 * waiting: customers marked with no plan sent, or figures of another day; not an account
 * whose figures are today's with nothing marked. On every driver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, parseDateOnly } from '../../shared/index.ts';
import { createAccount } from '../store/accounts.ts';
import { markComputedAsOf } from '../store/data-version.ts';
import { dataSourceByName } from '../store/data-sources.ts';
import { markDirty } from '../store/dirty.ts';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { sweepMessages } from './recompute-queue.ts';

const TODAY = parseDateOnly('2026-10-31')!;

for (const driver of drivers()) {
  describe(`the recompute sweep (${driver})`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await testDatabase(driver);
    }, 60_000);
    afterAll(() => database?.drop());

    it('plans the accounts with customers marked or figures of another day, and no other', async () => {
      const ids = await database.db.transaction(async (tx) => {
        const account = async (name: string, day: string) => {
          const { id } = await createAccount(tx, name);
          await markComputedAsOf(tx, id, day);
          return id;
        };
        const clean = await account('Clean', formatDate(TODAY));
        const marked = await account('Marked', formatDate(TODAY));
        await markDirty(tx, marked, await dataSourceByName(tx, marked, 'Billing'), ['cus_1']);
        const yesterday = await account('Yesterday', '2026-10-30');
        return { clean, marked, yesterday };
      });
      const plans = await sweepMessages(database.db, TODAY);
      expect(plans.every((m) => m.kind === 'plan')).toBe(true);
      expect(plans.map((m) => m.accountId).sort()).toEqual([ids.marked, ids.yesterday].sort());
    });
  });
}
