/**
 * A transaction that loses a deadlock runs again: two transactions made to lock two rows in
 * opposite orders on the server drivers both commit, the loser on its second run. And the
 * rule itself: only 40P01/40001, at most TRANSACTION_ATTEMPTS runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { retriedSoFar, retryingConflicts, TRANSACTION_ATTEMPTS } from './retry.ts';

const noPause = async () => {};
const failing = (code: string) => Object.assign(new Error(`failed with ${code}`), { code });

describe('retryingConflicts', () => {
  it('runs again after a deadlock or serialization failure, and answers the run that went through', async () => {
    for (const code of ['40P01', '40001']) {
      let runs = 0;
      const answer = await retryingConflicts(async () => {
        runs++;
        if (runs < 3) throw failing(code);
        return 'done';
      }, { pause: noPause });
      expect({ code, runs, answer }).toEqual({ code, runs: 3, answer: 'done' });
    }
  });

  it('gives up after TRANSACTION_ATTEMPTS runs with the last error', async () => {
    let runs = 0;
    await expect(retryingConflicts(async () => {
      runs++;
      throw failing('40P01');
    }, { pause: noPause })).rejects.toThrow('failed with 40P01');
    expect(runs).toBe(TRANSACTION_ATTEMPTS);
  });

  it('never runs again after any other error', async () => {
    for (const error of [failing('23505'), failing('57014'), new Error('no code'), null]) {
      let runs = 0;
      await expect(retryingConflicts(async () => {
        runs++;
        throw error;
      }, { pause: noPause })).rejects.toBe(error);
      expect(runs).toBe(1);
    }
  });
});

/** Resolves once `parties` callers wait on it. */
function barrier(parties: number): () => Promise<void> {
  let waiting = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++waiting === parties) open();
    return opened;
  };
}

for (const driver of drivers().filter((d) => d !== 'pglite')) {
  describe(`a deadlocked transaction on ${driver}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await testDatabase(driver);
      await database.db.transaction(async (tx) => {
        await tx.query('CREATE TABLE deadlock_probe (id int PRIMARY KEY, n int NOT NULL)');
        await tx.query('INSERT INTO deadlock_probe VALUES (1, 0), (2, 0)');
      });
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('runs again and commits, as does the one it deadlocked with', async () => {
      const bothHoldOne = barrier(2);
      const runs = [0, 0];
      // Each locks one row, waits until the other holds the other row, then wants it.
      const crosswise = (me: number, first: number, second: number) =>
        database.db.transaction(async (tx) => {
          runs[me]++;
          await tx.query('UPDATE deadlock_probe SET n = n + 1 WHERE id = $1', [first]);
          if (runs[me] === 1) await bothHoldOne();
          await tx.query('UPDATE deadlock_probe SET n = n + 1 WHERE id = $1', [second]);
          return runs[me];
        });
      const retriedBefore = retriedSoFar();
      const finalRuns = await Promise.all([crosswise(0, 1, 2), crosswise(1, 2, 1)]);
      expect(finalRuns.sort()).toEqual([1, 2]);
      expect(retriedSoFar() - retriedBefore).toBe(1);
      const rows = await database.db.read((tx) => tx.query<{ id: number; n: number }>('SELECT id, n FROM deadlock_probe ORDER BY id'));
      expect(rows).toEqual([{ id: 1, n: 2 }, { id: 2, n: 2 }]);
    });
  });
}
