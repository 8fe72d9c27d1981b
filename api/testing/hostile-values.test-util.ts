/**
 * Values a careless or hostile client sends, as fast-check arbitraries: text with NUL
 * characters and lone surrogates, long text, huge, negative and fractional numbers, dates
 * that do not exist or lie at the ends of the calendar, cursors that were never given out,
 * wrong JSON types, JSON nested far too deep, and number literals no JavaScript number holds.
 */
import fc from 'fast-check';

/** A piece of JSON text put into a body as it is (JSON.stringify cannot write it). */
export class RawJson {
  constructor(readonly text: string) {}
}

export const nestedJson = (depth: number) => new RawJson('['.repeat(depth) + ']'.repeat(depth));

const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

export const DATES = [
  '2024-01-01', '2024-02-29', '2016-01-01 12:00:00 UTC', '2024-01-01T10:30:00Z', '2024-01-01T10:30:00+02:00',
  '0001-01-01', '0099-12-31', '9999-12-31', '9999-12-31T23:59:59.999Z', '0000-01-01', '10000-01-01', '+275760-09-13',
  '-000001-01-01', '2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-1-1', '2024-01-01T25:00:00Z',
  '2024-01-01T00:00:00+99:99', '2024-01-01T00:00:00.123456789Z', '1969-12-31T23:59:59Z', '1970-01-01', 'yesterday', '',
];

export const CURSORS = [
  cursorOf('o200'), cursorOf('o0'), cursorOf('1.5'), cursorOf('o9223372036854775808'), cursorOf('o9007199254740993'),
  cursorOf('o-1'), cursorOf('o1e3'), cursorOf('o007'), cursorOf('9.1'), cursorOf('2.99999999999999999999'), cursorOf('\u0000'),
  'not a cursor', '%%%', '', '====',
];

export const NUL_TEXT = ['a\u0000b', '\u0000', 'x\u0000', '%00'];
export const SURROGATE_TEXT = ['\ud800', 'x\udc00y', '\udbff\ud800', 'ok \ud83d', '\ude00x'];
export const NUMBER_TEXT = ['-1', '0', '1.5', '1e400', '9'.repeat(30), '2147483648', '9007199254740993', '9223372036854775808', '-9223372036854775809', 'NaN', 'Infinity'];
export const ODD_TEXT = [
  '', ' ', 'null', 'undefined', 'true', "' OR 1=1 --", '"; DROP TABLE customers; --', '%', '%zz', '\\', '../..',
  '<script>alert(1)</script>', '\u202eevil', '\ufeffbom', 'ǅ Ǉ ß', '\ud83d\ude00', '__proto__', 'constructor',
];
const WORDS = [
  'USD', 'usd', 'EUR', 'XXX', 'month', 'year', 'day', 'week', 'quarter', 'subscription', 'one_time', 'payment', 'refund',
  'successful', 'failed', 'voided', 'written_off', 'subscription_start', 'subscription_cancelled', 'String', 'Integer',
  'Timestamp', 'Boolean', 'Decimal', 'Active', 'a@example.com', 'A@EXAMPLE.COM', 'new_biz', '-date',
];
const ID_TEXT = ['cus_', 'pl_x', 'cus_00000000-0000-0000-0000-000000000000', 'ds_ffffffff-ffff-ffff-ffff-ffffffffffff', 'sub_1', '12345'];

/** Text by kind, each kind about as likely as the others, so the rare ones come up every few requests. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...NUL_TEXT) },
  { weight: 2, arbitrary: fc.constantFrom(...SURROGATE_TEXT) },
  { weight: 2, arbitrary: fc.constantFrom(...DATES) },
  { weight: 1, arbitrary: fc.constantFrom(...CURSORS) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBER_TEXT) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_TEXT) },
  { weight: 2, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.constantFrom(...ID_TEXT) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom(255, 256, 5_001, 70_000).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      0, -0, -1, 1, 2, 12, 1.5, 0.1, 0.005, 99.999, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53 + 2, 2 ** 63,
      -(2 ** 63), 1e21, 1e308, -1e308, Number.MIN_VALUE, -(2 ** 31),
    ),
  },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

/** Number literals of JSON that JavaScript reads as something else (Infinity, 0, a rounded value). */
const rawNumbers = fc.constantFrom('1e400', '-1e400', '-0', '123456789012345678901234567890', '0.0000000000000000000001', '1E+2')
  .map((t) => new RawJson(t));

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileText },
  { weight: 4, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: rawNumbers },
);

/** Any JSON value, mostly scalars, sometimes the wrong structure, sometimes nested too deep. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [[]], { '': null }) },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileText, hostileScalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(62, 64, 65, 1_000, 100_000).map(nestedJson) },
);

/** Whole bodies that are not what any route takes. */
export const junkBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{', '[', '}', 'null', 'true', '1e999', '"text"', '[1,2]', '{"a":1', '{"a":1}{"b":2}', '{"a":1,"a":2}', '\u0000',
    '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}', '\ufeff{}', '{"rows":null}', '{"rows":{}}',
    '{"rows":[null,1,"x",[]]}', '{"rows":[{"row":-1}]}', '{"rows":[{"row":1e400}]}', '{"invoices":{}}', '{"settings":[]}',
    `{"rows":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
    '{"a":"\\ud800"}', '{"\\ud800":1}', '{"a":"\\u0000"}', '{"\\u0000":1}',
  ),
  fc.string({ maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
);

/**
 * JSON text of a value that may hold RawJson pieces: each is written in place as it is.
 * (An iterative stringify is not needed: the values made here nest a few levels at most.)
 */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0001${raws.length - 1}\u0001`;
    }
    return v;
  });
  if (text === undefined) return '';
  return raws.length === 0 ? text : text.replace(/"\\u0001(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]);
}
