import { describe, expect, it } from 'vitest';
import { SYNC_CLIENT_BODY_BYTES, SYNC_MAX_BYTES, SYNC_MAX_ROW_NUMBER, SYNC_MAX_ROWS } from './sync-limits.ts';
import { SyncCsvQuery, SyncDataset, syncRequestProblem, SyncRequestBody } from './sync-request.ts';

/** What the API answers for a body: the parsed request, or its status, message and param. */
function answer(body: Record<string, unknown>) {
  const parsed = SyncRequestBody.safeParse(body);
  if (parsed.success) return parsed.data;
  return syncRequestProblem(parsed.error, Array.isArray(body.rows) ? body.rows.length : 0);
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ Name: `C${i}`, 'External ID': `c${i}` }));

describe('the /sync limits', () => {
  it('leave a client room under the byte limit for the JSON around its rows', () => {
    const worstSource = `,"source":"${'\\u0000'.repeat(9 * 1024)}"`; // a 9 KB name, every character escaped
    expect(SYNC_CLIENT_BODY_BYTES + '{"rows":[]}'.length + worstSource.length).toBeLessThan(SYNC_MAX_BYTES);
    expect(SYNC_MAX_ROW_NUMBER).toBe(2_147_483_647);
  });
});

describe('the /sync request body', () => {
  it('takes up to 5,000 rows, a source and dry_run', () => {
    expect(answer({ rows: rows(SYNC_MAX_ROWS), source: 'Billing', dry_run: true })).toMatchObject({ source: 'Billing', dry_run: true });
    expect(answer({ rows: [] })).toEqual({ rows: [], source: null });
    expect(answer({ rows: [{ row: SYNC_MAX_ROW_NUMBER, Name: { any: 'value' } }], source: null })).toMatchObject({ source: null });
  });

  it('refuses more rows with a 413 that says the limits', () => {
    expect(answer({ rows: [...rows(SYNC_MAX_ROWS), 42] })).toEqual({
      status: 413,
      message: '5,001 rows: a /sync request carries at most 5,000 rows and 5 MB; send the rest in further requests',
      param: null,
    });
  });

  it('names the field, then the row, at fault', () => {
    expect(answer({ rows: 'nope' })).toEqual({ status: 400, message: "'rows' must be an array of objects (column → value)", param: 'rows' });
    expect(answer({})).toMatchObject({ param: 'rows' });
    expect(answer({ rows: [42], source: 7 })).toEqual({
      status: 400, message: "'source' must be the data source's name (valid Unicode text without a NUL character)", param: 'source',
    });
    expect(answer({ rows: [], source: 'a\u0000b' })).toMatchObject({ param: 'source' });
    expect(answer({ rows: [], dry_run: 'yes' })).toEqual({ status: 400, message: "'dry_run' must be true or false", param: 'dry_run' });
    expect(answer({ rows: [{}, [1]] })).toEqual({ status: 400, message: 'rows[1] must be an object of column → value', param: 'rows' });
    expect(answer({ rows: [{ row: -3 }] })).toEqual({
      status: 400, message: "rows[0].row must be the caller's row number (a whole number from 1 to 2,147,483,647)", param: 'rows',
    });
    for (const row of [0, 1.5, SYNC_MAX_ROW_NUMBER + 1, '2']) expect(answer({ rows: [{ row }] })).toMatchObject({ param: 'rows' });
    expect(answer({ rows: [{ 'a\u0000': 1, row: -1 }] })).toEqual({
      status: 400, message: "rows[0]: the column name 'a\\u0000' contains the NUL character (\\u0000)", param: 'rows',
    });
    expect(answer({ rows: [{}, { 'x\udfff': 1 }] })).toMatchObject({
      message: "rows[1]: the column name 'x\\udfff' contains a lone UTF-16 surrogate; text must be valid Unicode",
    });
  });
});

describe('the /sync path and CSV query string', () => {
  it('take a dataset of the templates', () => {
    expect(SyncDataset.parse('line_items')).toBe('line_items');
    expect(SyncDataset.safeParse('unicorns').error?.issues[0].message).toMatch(/^Unknown dataset 'unicorns'; expected one of customers, /);
  });

  it('take first_row from 2, dry_run true or false, and a source', () => {
    expect(SyncCsvQuery.parse({})).toEqual({ source: null, dry_run: false, first_row: 2 });
    expect(SyncCsvQuery.parse({ source: 'S', dry_run: 'true', first_row: '40' })).toEqual({ source: 'S', dry_run: true, first_row: 40 });
    for (const first_row of ['1', 'x', '2.5', String(2 ** 31), '1e30']) {
      expect(SyncCsvQuery.safeParse({ first_row }).error?.issues[0]).toMatchObject({ path: ['first_row'] });
    }
    expect(SyncCsvQuery.safeParse({ dry_run: 'yes' }).error?.issues[0]).toMatchObject({ path: ['dry_run'], message: "'dry_run' must be true or false" });
  });
});
