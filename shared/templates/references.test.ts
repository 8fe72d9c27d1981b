import { describe, expect, it } from 'vitest';
import { TEMPLATE_HEADERS, type DatasetName } from './datasets.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { validateTables, type TemplateTables } from './validate.ts';

/** Tables from rows written as header → value objects. */
function tables(rows: Partial<Record<DatasetName, Record<string, string>[]>>): TemplateTables {
  const result: TemplateTables = {};
  for (const [name, list] of Object.entries(rows) as [DatasetName, Record<string, string>[]][]) {
    const headers = TEMPLATE_HEADERS[name];
    result[name] = { headers, rows: list.map((r) => headers.map((h) => r[h] ?? '')) };
  }
  return result;
}

const customers = [{ Name: 'Acme', 'External ID': 'acme' }, { Name: 'Beta', 'External ID': 'beta' }];
const plans = [{ Name: 'Monthly', 'Interval count': '1', 'Interval unit': 'month', 'Plan ID': 'm' }];
const sub = (invoice: string, id: string, start = '2024-01-01', end = '2024-02-01') => ({
  'Invoice external ID': invoice, 'Subscription external ID': id, Type: 'Subscription', 'Amount in cents': '1000',
  Plan: 'm', 'Service period start': start, 'Service period end': end, Proration: 'FALSE',
});

describe('cross-dataset references', () => {
  it('points at the missing or rejected parent', () => {
    const { data, errors } = validateTables(
      tables({
        customers: [...customers, { Name: '', 'External ID': 'gamma' }],
        plans,
        invoices: [
          { 'Customer external ID': 'acme', 'Invoice external ID': 'I1', 'Invoiced date': '2024-01-01', Currency: 'USD' },
          { 'Customer external ID': 'gamma', 'Invoice external ID': 'I2', 'Invoiced date': '2024-01-01', Currency: 'USD' },
          { 'Customer external ID': 'ghost', 'Invoice external ID': 'I3', 'Invoiced date': '2024-01-01', Currency: 'USD' },
        ],
        line_items: [sub('I1', 's1'), sub('I2', 's2'), { ...sub('I1', 's3'), Plan: 'gold' }],
        transactions: [{ 'Invoice external ID': 'I9', Type: 'payment', Result: 'successful', Date: '2024-01-01' }],
        cancellations: [{ 'Subscription external ID': 'nope', 'Cancelled at': '2024-01-15' }],
        contacts: [{ 'Customer external ID': 'ghost', Email: 'x@y.z' }],
      }),
      DEFAULT_SETTINGS,
    );
    expect(errors.map((e) => `${e.dataset}:${e.row}:${e.column}: ${e.message}`)).toEqual([
      'customers:4:Name: Name is required',
      'contacts:2:Customer external ID: Customer \'ghost\' is not in Customers',
      "invoices:3:Customer external ID: Customer 'gamma' was rejected (customers row 4)",
      "invoices:4:Customer external ID: Customer 'ghost' is not in Customers",
      "line_items:3:Invoice external ID: Invoice 'I2' is not in Invoices",
      "line_items:4:Plan: Plan 'gold' is not in Plans",
      "transactions:2:Invoice external ID: Invoice 'I9' is not in Invoices",
      "cancellations:2:Subscription external ID: Subscription 'nope' has no subscription line items to cancel",
    ]);
    expect(data.lineItems.map((l) => l.subscriptionExternalId)).toEqual(['s1']);
  });

  it('one subscription belongs to one customer, decided by its earliest line whatever the row order', () => {
    const invoices = [
      { 'Customer external ID': 'acme', 'Invoice external ID': 'A1', 'Invoiced date': '2024-01-01', Currency: 'USD' },
      { 'Customer external ID': 'beta', 'Invoice external ID': 'B1', 'Invoiced date': '2024-02-01', Currency: 'USD' },
    ];
    const lines = [sub('B1', 's1', '2024-02-01', '2024-03-01'), sub('A1', 's1')];
    for (const order of [lines, [...lines].reverse()]) {
      const { data, errors, ownerRows } = validateTables(tables({ customers, plans, invoices, line_items: order }), DEFAULT_SETTINGS);
      expect(data.lineItems.map((l) => l.invoiceExternalId)).toEqual(['A1']);
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(/Subscription 's1' belongs to customer 'acme'/);
      const [refusedRow, ownerRow] = order === lines ? [2, 3] : [3, 2];
      expect([...ownerRows]).toEqual([[refusedRow, ownerRow]]);
    }
  });

  it('a foreign invoice needs an exchange rate on or before its first priced day', () => {
    const { data, errors } = validateTables(
      tables({
        customers, plans,
        invoices: [
          { 'Customer external ID': 'acme', 'Invoice external ID': 'E1', 'Invoiced date': '2024-01-01', Currency: 'EUR' },
          { 'Customer external ID': 'acme', 'Invoice external ID': 'E2', 'Invoiced date': '2024-03-01', Currency: 'EUR' },
        ],
        line_items: [sub('E1', 's1'), sub('E2', 's1', '2024-03-01', '2024-04-01')],
        transactions: [{ 'Invoice external ID': 'E1', Type: 'payment', Result: 'successful', Date: '2024-01-01' }],
        exchange_rates: [{ Date: '2024-02-15', Currency: 'EUR', Rate: '1.1' }],
      }),
      DEFAULT_SETTINGS,
    );
    expect(errors).toEqual([
      expect.objectContaining({
        dataset: 'invoices', row: 2, column: 'Currency', value: 'EUR',
        message: expect.stringContaining('No EUR exchange rate on or before 2024-01-01'),
      }),
    ]);
    expect(data.invoices.map((i) => i.externalId)).toEqual(['E2']);
    expect(data.lineItems.map((l) => l.invoiceExternalId)).toEqual(['E2']);
    expect(data.transactions).toEqual([]);
  });

  it('a payment in another currency needs a rate on its own day (cash converts at the rate of that day)', () => {
    const { data, errors } = validateTables(
      tables({
        customers, plans,
        invoices: [{ 'Customer external ID': 'acme', 'Invoice external ID': 'E1', 'Invoiced date': '2024-03-01', Currency: 'EUR' }],
        line_items: [sub('E1', 's1', '2024-03-01', '2024-04-01')],
        transactions: [
          { 'Invoice external ID': 'E1', Type: 'payment', Result: 'successful', Date: '2024-02-20' },
          { 'Invoice external ID': 'E1', Type: 'payment', Result: 'failed', Date: '2024-02-20' },
          { 'Invoice external ID': 'E1', Type: 'payment', Result: 'successful', Date: '2024-03-02' },
        ],
        exchange_rates: [{ Date: '2024-03-01', Currency: 'EUR', Rate: '1.1' }],
      }),
      DEFAULT_SETTINGS,
    );
    expect(errors).toEqual([
      expect.objectContaining({
        dataset: 'transactions', row: 2, column: 'Date', value: '2024-02-20',
        message: expect.stringContaining('No EUR exchange rate on or before 2024-02-20'),
      }),
    ]);
    expect(data.transactions.map((t) => t.row)).toEqual([3, 4]);
  });

  it('a fee in another currency needs rates to convert it when fees are deducted', () => {
    const withFee = { ...sub('U1', 's1'), 'Transaction fee': '30', 'Transaction fees currency': 'GBP' };
    const input = () =>
      tables({
        customers, plans,
        invoices: [{ 'Customer external ID': 'acme', 'Invoice external ID': 'U1', 'Invoiced date': '2024-01-01', Currency: 'USD' }],
        line_items: [withFee],
        exchange_rates: [{ Date: '2024-01-02', Currency: 'GBP', Rate: '1.25' }],
      });
    const deducted = validateTables(input(), { ...DEFAULT_SETTINGS, transaction_fees: 'deduct' });
    expect(deducted.errors).toEqual([
      expect.objectContaining({
        dataset: 'line_items', row: 2, column: 'Transaction fees currency', value: 'GBP',
        message: expect.stringContaining('No GBP exchange rate on or before 2024-01-01'),
      }),
    ]);
    expect(deducted.data.lineItems).toEqual([]);
    // Fees ignored: nothing to convert, the line stands.
    const ignored = validateTables(input(), DEFAULT_SETTINGS);
    expect(ignored.errors).toEqual([]);
    expect(ignored.data.lineItems).toHaveLength(1);
  });

  it('manual subscriptions: start first, no restart, no future start, one active per customer', () => {
    const m = (sub: string, type: string, date: string, extra: Record<string, string> = {}) => ({
      'Subscription external ID': sub, 'Customer external ID': 'acme', 'Plan external ID': 'm', Date: date,
      'Effective Date': date, 'Event Type': type, Currency: 'USD', 'Amount in cents': '1000', ...extra,
    });
    const { data, errors } = validateTables(
      tables({
        customers, plans,
        manual_subscriptions: [
          m('ms1', 'Started', '2024-01-01'),
          m('ms1', 'Cancelled', '2024-02-01'),
          m('ms1', 'subscription_start', '2024-03-01'),
          m('ms2', 'updated', '2024-01-15'),
          m('ms3', 'Started', '2024-01-10'),
          m('ms4', 'Started', '2030-01-01'),
        ],
      }),
      DEFAULT_SETTINGS,
      { asOfEnd: Date.UTC(2024, 5, 30, 23, 59, 59, 999) },
    );
    expect(errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [4, 'Event Type', "Subscription 'ms1' was cancelled and cannot restart; start a new one with another Subscription external ID"],
      [5, 'Event Type', "Subscription 'ms2' needs a subscription_start on or before 2024-01-15"],
      [6, 'Subscription external ID', "Customer 'acme' already has an active manual subscription 'ms1' on 2024-01-10; cancel it first"],
      [7, 'Effective Date', 'Effective Date 2030-01-01 is in the future; a manual subscription cannot start before it begins'],
    ]);
    expect(data.manualSubscriptions.map((r) => r.row)).toEqual([2, 3]);
  });
});
