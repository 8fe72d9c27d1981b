/** Which golden cases the walkers walk: the repository's always, ../shared/golden's and ../shared/golden-next's when there (required under CI=true). */
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOLDEN_DIR, goldenCases } from './golden-dir.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mogul-golden-dir-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('goldenCases', () => {
  const missing = join(scratch, 'no-such-folder');

  it("walks the repository's cases alone when there is no ../shared/golden nor ../shared/golden-next", () => {
    const cases = goldenCases({ env: {}, sharedDir: missing, sharedNextDir: missing });
    expect(cases.length).toBeGreaterThanOrEqual(22);
    expect(cases.every((c) => c.dir.startsWith(GOLDEN_DIR) && c.label === c.name)).toBe(true);
  });

  it('fails under CI=true when ../shared/golden or ../shared/golden-next is missing', () => {
    const next = join(scratch, 'next-present');
    cpSync(join(GOLDEN_DIR, '06-lifecycle'), join(next, '06-lifecycle'), { recursive: true });
    expect(() => goldenCases({ env: { CI: 'true' }, sharedDir: missing, sharedNextDir: next }))
      .toThrow(`CI=true needs the project's golden cases at ${missing}`);
    expect(() => goldenCases({ env: { CI: 'true' }, sharedDir: next, sharedNextDir: missing }))
      .toThrow(`CI=true needs the project's golden cases at ${missing}`);
  });

  it('adds every case of ../shared/golden and ../shared/golden-next, a new one included, named by its origin', () => {
    const shared = join(scratch, 'shared-golden');
    const next = join(scratch, 'shared-golden-next');
    cpSync(join(GOLDEN_DIR, '01-monthly-new-business'), join(shared, '01-monthly-new-business'), { recursive: true });
    appendFileSync(join(shared, '01-monthly-new-business', 'customers.csv'), '\n');
    cpSync(join(GOLDEN_DIR, '06-lifecycle'), join(shared, '99-added-later'), { recursive: true });
    cpSync(join(GOLDEN_DIR, '06-lifecycle'), join(next, '98-next'), { recursive: true });
    const cases = goldenCases({ env: { CI: 'true' }, sharedDir: shared, sharedNextDir: next });
    const extra = cases.filter((c) => c.label.startsWith('../shared/'));
    expect(extra.map((c) => c.label)).toEqual([
      '../shared/01-monthly-new-business', '../shared/99-added-later', '../shared/golden-next/98-next',
    ]);
    expect(extra[1].dir).toBe(join(shared, '99-added-later'));
    expect(extra[2].dir).toBe(join(next, '98-next'));
  });

  it("walks a shared case identical to the repository's copy once, and one that differs in a byte again", () => {
    const shared = join(scratch, 'shared-copies');
    const next = join(scratch, 'shared-copies-next');
    cpSync(join(GOLDEN_DIR, '06-lifecycle'), join(shared, '06-lifecycle'), { recursive: true });
    cpSync(join(GOLDEN_DIR, '13-one-time-and-cash'), join(shared, '13-one-time-and-cash'), { recursive: true });
    appendFileSync(join(shared, '13-one-time-and-cash', 'expected.json'), ' ');
    cpSync(join(GOLDEN_DIR, '06-lifecycle'), join(next, '06-lifecycle'), { recursive: true });
    writeFileSync(join(next, '06-lifecycle', 'extra.csv'), '');
    const cases = goldenCases({ env: {}, sharedDir: shared, sharedNextDir: next });
    expect(cases.filter((c) => c.label.startsWith('../shared/')).map((c) => c.label)).toEqual([
      '../shared/13-one-time-and-cash', '../shared/golden-next/06-lifecycle',
    ]);
  });
});
