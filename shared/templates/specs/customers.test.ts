import { describe, expect, it } from 'vitest';
import { utcDay } from '../../time.ts';
import { parseTable } from '../table.ts';
import { inferAttributeType } from '../attributes.ts';
import { customersSpec } from './customers.ts';

const HEADERS = ['Name', 'External ID', 'Tags'];

describe('Customers: Tags', () => {
  it('splits on commas, trims, drops empties and repeats; no cell is no tags', () => {
    const result = parseTable(customersSpec, {
      headers: HEADERS,
      rows: [['A', 'a', ' vip , beta,,vip '], ['B', 'b', ''], ['C', 'c', 'Beta']],
    });
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => r.tags)).toEqual([['vip', 'beta'], [], ['Beta']]);
  });

  it('rejects a tag over 255 characters, naming row and column', () => {
    const long = 'x'.repeat(256);
    const result = parseTable(customersSpec, { headers: HEADERS, rows: [['A', 'a', `ok,${long}`]] });
    expect(result.records).toEqual([]);
    expect(result.errors).toMatchObject([{ dataset: 'customers', row: 2, column: 'Tags', message: /Tags must be tags of at most 255 characters each/ }]);
  });
});

describe('Customers: Attribute: <Key> columns', () => {
  it('takes any number of them, keyed as the header writes the key, typed per column', () => {
    const result = parseTable(customersSpec, {
      headers: ['Name', 'External ID', 'Attribute: Seats', 'attribute :  Signed on', 'ATTRIBUTE:Enterprise', 'Attribute: Industry', 'Attribute: Zip code'],
      rows: [
        ['A', 'a', '50', '2024-03-15', 'TRUE', 'Retail', '02139'],
        ['B', 'b', '9', '2024-01-01T10:00:00Z', 'false', '42', 'SW1A'],
        ['C', 'c', '', '', '', '', ''],
        ['D', 'd', '-2.5', '2023-12-31', 'True', 'Media', ''],
      ],
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.records.map((r) => r.attributes)).toEqual([
      {
        Seats: { type: 'number', value: 50 }, 'Signed on': { type: 'date', value: utcDay(2024, 3, 15) },
        Enterprise: { type: 'boolean', value: true }, Industry: { type: 'text', value: 'Retail' },
        'Zip code': { type: 'text', value: '02139' },
      },
      {
        Seats: { type: 'number', value: 9 }, 'Signed on': { type: 'date', value: utcDay(2024, 1, 1) + 10 * 3_600_000 },
        Enterprise: { type: 'boolean', value: false }, Industry: { type: 'text', value: '42' },
        'Zip code': { type: 'text', value: 'SW1A' },
      },
      {},
      {
        Seats: { type: 'number', value: -2.5 }, 'Signed on': { type: 'date', value: utcDay(2023, 12, 31) },
        Enterprise: { type: 'boolean', value: true }, Industry: { type: 'text', value: 'Media' },
      },
    ]);
  });

  it('is no unknown column; a repeated key or one without a key is a warning', () => {
    const result = parseTable(customersSpec, {
      headers: ['Name', 'External ID', 'Attribute: Seats', 'Attribute: SEATS', 'Attribute:', 'Attribute: __proto__', 'Colour'],
      rows: [['A', 'a', '5', '6', 'x', 'y', 'red']],
    });
    expect(result.records[0].attributes).toEqual({ Seats: { type: 'number', value: 5 } });
    expect(Object.getPrototypeOf(result.records[0].attributes)).toBe(Object.prototype);
    expect(result.warnings.map((w) => w.message)).toEqual([
      "Column 'Attribute: SEATS' repeats 'Attribute: Seats' and was ignored",
      "Column 'Attribute:' names no usable key (write Attribute: <Key>) and was ignored",
      "Column 'Attribute: __proto__' names no usable key (write Attribute: <Key>) and was ignored",
      "Unknown column 'Colour' was ignored",
    ]);
  });

  it('rejects a value over 255 characters or a list cell, naming row and column, and keeps the other rows', () => {
    const result = parseTable(customersSpec, {
      headers: ['Name', 'External ID', 'Attribute: Note'],
      rows: [['A', 'a', 'n'.repeat(256)], ['B', 'b', ['x'] as unknown as string], ['C', 'c', 'fine']],
    });
    expect(result.errors).toMatchObject([
      { row: 2, column: 'Attribute: Note', message: /Attribute: Note must be at most 255 characters/ },
      { row: 3, column: 'Attribute: Note', message: 'Attribute: Note must be a single value, not a list or an object' },
    ]);
    expect(result.records.map((r) => [r.externalId, r.attributes])).toEqual([['c', { Note: { type: 'text', value: 'fine' } }]]);
  });

  it('a row of attribute cells only is data (its missing Name is an error)', () => {
    const result = parseTable(customersSpec, { headers: ['Name', 'External ID', 'Attribute: Seats'], rows: [['', '', '3']] });
    expect(result.errors.map((e) => e.column)).toEqual(['Name', 'External ID']);
  });

  it('sheet cells: numbers and booleans arrive as values, not text', () => {
    const result = parseTable(customersSpec, {
      headers: ['Name', 'External ID', 'Attribute: Seats', 'Attribute: Paying'],
      rows: [['A', 'a', 12, true], ['B', 'b', 3.5, false]],
    });
    expect(result.records.map((r) => r.attributes)).toEqual([
      { Seats: { type: 'number', value: 12 }, Paying: { type: 'boolean', value: true } },
      { Seats: { type: 'number', value: 3.5 }, Paying: { type: 'boolean', value: false } },
    ]);
  });
});

describe('inferAttributeType', () => {
  it.each([
    [['1', '2.5', '-3'], 'number'],
    [['2024-01-01', '2024-02-01T10:00:00Z'], 'date'],
    [['TRUE', 'false'], 'boolean'],
    [['1', 'x'], 'text'],
    [['2024-01-01', '5'], 'text'],
    [['1', 'TRUE'], 'text'],
    [['1e3'], 'text'],
  ] as const)('%j → %s', (texts, type) => expect(inferAttributeType(texts)).toBe(type));
});
