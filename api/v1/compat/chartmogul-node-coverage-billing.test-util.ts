/**
 * Coverage scenarios of the invoice, line item, transaction, subscription, subscription event
 * and bulk (JSON) import methods. Invoices, line items and transactions answer with the recorded
 * shape (the recordings predate the edit state) plus the keys dev.chartmogul.com documents for
 * them; the line item and transaction endpoints have no recording and hold to the documented keys
 * and to the recorded shape of a line item or transaction inside a recorded invoice.
 */
import { expect } from 'vitest';
import { cm, raw, sameInstant, statusOf, type Ctx, type Scenario } from './chartmogul-node-coverage-scenario.test-util.ts';
import {
  INVOICE_KEYS, JSON_IMPORT_KEYS, LINE_ITEM_KEYS, SUBSCRIPTION_EVENT_KEYS, TRANSACTION_KEYS, expectKeys, expectRecordedShape,
} from './chartmogul-node-coverage-shapes.test-util.ts';
import { ROLES } from './chartmogul-node-coverage-world.test-util.ts';

const CREATED = 'ChartMogul_CustomerInvoices/API_Actions/creates_the_customer_invoice_correctly.yml';
const CUSTOMER_PAGE = 'ChartMogul_CustomerInvoices/API_Actions/with_pagination/paginates_correctly.yml';
const ANY_PAGE = 'ChartMogul_Invoice/API_Actions/with_pagination/paginates_correctly.yml';
const RETRIEVED = 'ChartMogul_Invoice/API_Actions/retrieves_the_invoice_correctly.yml';
const PAYMENT = 'ChartMogul_Transactions_Payment/API_Interactions/correctly_interracts_with_the_API.yml';
const EVENTS = 'ChartMogul_SubscriptionEvent/API_interactions';

const inv = (n: string) => `a-${n}`;
const li = (n: string) => `li-a-${n}`;
const tr = (n: string) => `tr-a-${n}`;

/** An invoice object as Update / Disable an Invoice answers it (recorded invoice shape + documented keys). */
function expectInvoice(answer: any, uuid: string, what: string): void {
  expectRecordedShape(answer, RETRIEVED, 0);
  expectKeys(answer, INVOICE_KEYS, what);
  expect(answer.uuid).toBe(uuid);
}

/** A line item as the line item endpoints answer it. */
function expectLineItem(answer: any, uuid: string, what: string): void {
  expectRecordedShape(answer, CREATED, 4, 'invoices.0.line_items.0');
  expectKeys(answer, LINE_ITEM_KEYS, what);
  expect(answer.uuid).toBe(uuid);
}

/** A transaction as the transaction endpoints answer it. */
function expectTransaction(answer: any, uuid: string, what: string): void {
  expectRecordedShape(answer, PAYMENT, 3);
  expectKeys(answer, TRANSACTION_KEYS, what);
  expect(answer.uuid).toBe(uuid);
}

/** `data_source_uuid` and `external_id`: how the *ByExternalId methods and query forms name an object. */
const byExternalId = (c: Ctx, externalId: string) => ({ data_source_uuid: c.w.ds, external_id: externalId });

export const billingScenarios: Record<string, Scenario> = {
  'Invoice.create': async ({ config, w }) => {
    const created = await cm.Invoice.create(config, w.customers['cust-a'], {
      invoices: [{
        external_id: 'a-addon', date: '2024-06-01 00:00:00', due_date: '2024-06-15 00:00:00', currency: 'USD',
        line_items: [{
          type: 'subscription', external_id: 'li-a-addon', subscription_external_id: 'sub-a-addon', plan_uuid: w.plans.pro,
          service_period_start: '2024-06-01 00:00:00', service_period_end: '2024-07-01 00:00:00', amount_in_cents: 8000, quantity: 2,
          discount_code: 'LAUNCH', discount_amount_in_cents: 1000, tax_amount_in_cents: 700,
        }],
        transactions: [{ external_id: 'tr-a-addon', date: '2024-06-02 00:00:00', type: 'payment', result: 'successful' }],
      }],
    });
    expectRecordedShape(created, CREATED, 4);
    expect(created.invoices[0]).toMatchObject({ external_id: 'a-addon', currency: 'USD', line_items: [{ external_id: 'li-a-addon', quantity: 2 }] });
  },
  'Invoice.all': async ({ config, w }) => {
    // With a customer UUID: that customer's invoices (GET /v1/import/customers/{uuid}/invoices) …
    const mine = await cm.Invoice.all(config, w.customers['cust-a'], { per_page: 1 });
    expectRecordedShape(mine, CUSTOMER_PAGE, 0);
    expect(mine).toMatchObject({ customer_uuid: w.customers['cust-a'], has_more: true, invoices: [expect.anything()] });
    // … without: any invoice (GET /v1/invoices).
    const any = await cm.Invoice.all(config, { per_page: 1 });
    expectRecordedShape(any, ANY_PAGE, 0);
    expect(any).toMatchObject({ has_more: true, invoices: [expect.anything()] });
  },
  'Invoice.allCustomer': async ({ config, w }) => {
    const page = await cm.Invoice.allCustomer(config, w.customers['cust-a'], { per_page: 2 });
    expectRecordedShape(page, CUSTOMER_PAGE, 0);
    expect(page.invoices).toHaveLength(2);
  },
  'Invoice.all_customer': async ({ config, w }) => {
    const page = await cm.Invoice.all_customer(config, w.customers['cust-a'], { per_page: 2 });
    expectRecordedShape(page, CUSTOMER_PAGE, 0);
    expect(page.invoices).toHaveLength(2);
  },
  'Invoice.allAny': async ({ config, w }) => {
    const page = await cm.Invoice.allAny(config, { customer_uuid: w.customers['cust-a'], per_page: 2 });
    expectRecordedShape(page, ANY_PAGE, 0);
    expect(page.invoices).toHaveLength(2);
    const one = await cm.Invoice.allAny(config, { data_source_uuid: w.ds, external_id: inv(ROLES.invoice.retrieve) });
    expect(one.invoices.map((i: { uuid: string }) => i.uuid)).toEqual([w.invoices[inv(ROLES.invoice.retrieve)]]);
  },
  'Invoice.all_any': async ({ config, w }) => {
    const page = await cm.Invoice.all_any(config, { customer_uuid: w.customers['cust-a'], per_page: 2 });
    expectRecordedShape(page, ANY_PAGE, 0);
    expect(page.invoices).toHaveLength(2);
  },
  'Invoice.retrieve': async ({ config, w }) => {
    const uuid = w.invoices[inv(ROLES.invoice.retrieve)];
    const invoice = await cm.Invoice.retrieve(config, uuid);
    expectRecordedShape(invoice, RETRIEVED, 0);
    expect(invoice).toMatchObject({ uuid, external_id: inv(ROLES.invoice.retrieve), customer_uuid: w.customers['cust-a'] });
  },
  'Invoice.destroy': async (c) => {
    const uuid = c.w.invoices[inv(ROLES.invoice.destroy)];
    await cm.Invoice.destroy(c.config, uuid);
    expect(await statusOf(c, `/v1/invoices/${uuid}`)).toBe(404);
  },
  'Invoice.destroyAll': async (c) => {
    const cus = c.w.customers['cust-da1'];
    await cm.Invoice.destroyAll(c.config, c.w.ds, cus);
    expect((await raw(c, 'GET', `/v1/import/customers/${cus}/invoices`)).invoices).toEqual([]);
  },
  'Invoice.destroy_all': async (c) => {
    const cus = c.w.customers['cust-da2'];
    await cm.Invoice.destroy_all(c.config, c.w.ds, cus);
    expect((await raw(c, 'GET', `/v1/import/customers/${cus}/invoices`)).invoices).toEqual([]);
  },
  'Invoice.updateStatus': async ({ config, w }) => {
    const externalId = inv(ROLES.invoice.updateStatus);
    const answer = await cm.Invoice.updateStatus(config, w.ds, externalId, { status: 'written_off' });
    // What chartmogul-node's own tests expect back.
    expect(answer).toMatchObject({ external_id: externalId, status: 'written_off' });
  },
  'Invoice.modify': async ({ config, w }) => {
    const uuid = w.invoices[inv(ROLES.invoice.modify)];
    const invoice = await cm.Invoice.modify(config, uuid, { due_date: '2022-11-20T00:00:00Z' });
    expectInvoice(invoice, uuid, 'Invoice.modify');
    expect(sameInstant(invoice.due_date, '2022-11-20T00:00:00Z'), `due_date ${invoice.due_date}`).toBe(true);
  },
  'Invoice.update': async (c) => {
    const externalId = inv(ROLES.invoice.update);
    const invoice = await cm.Invoice.update(c.config, { qs: byExternalId(c, externalId), due_date: '2022-12-20T00:00:00Z' });
    expectInvoice(invoice, c.w.invoices[externalId], 'Invoice.update');
    expect(sameInstant(invoice.due_date, '2022-12-20T00:00:00Z'), `due_date ${invoice.due_date}`).toBe(true);
  },
  'Invoice.destroyByExternalId': async (c) => {
    const externalId = inv(ROLES.invoice.destroyByExternalId);
    await cm.Invoice.destroyByExternalId(c.config, { qs: byExternalId(c, externalId) });
    expect(await statusOf(c, `/v1/invoices/${c.w.invoices[externalId]}`)).toBe(404);
  },
  'Invoice.disable': async ({ config, w }) => {
    const uuid = w.invoices[inv(ROLES.invoice.disable)];
    const invoice = await cm.Invoice.disable(config, uuid);
    expectInvoice(invoice, uuid, 'Invoice.disable');
    expect(invoice.disabled).toBe(true);
  },
  'Invoice.enable': async (c) => {
    const uuid = c.w.invoices[inv(ROLES.invoice.enable)];
    await raw(c, 'PATCH', `/v1/invoices/${uuid}/disabled_state`, { disabled: true });
    const invoice = await cm.Invoice.enable(c.config, uuid);
    expectInvoice(invoice, uuid, 'Invoice.enable');
    expect(invoice.disabled).toBe(false);
  },
  'Invoice.disableByExternalId': async (c) => {
    const externalId = inv(ROLES.invoice.disableByExternalId);
    const invoice = await cm.Invoice.disableByExternalId(c.config, byExternalId(c, externalId));
    expectInvoice(invoice, c.w.invoices[externalId], 'Invoice.disableByExternalId');
    expect(invoice.disabled).toBe(true);
  },
  'Invoice.enableByExternalId': async (c) => {
    const externalId = inv(ROLES.invoice.enableByExternalId);
    await raw(c, 'PATCH', `/v1/invoices/${c.w.invoices[externalId]}/disabled_state`, { disabled: true });
    const invoice = await cm.Invoice.enableByExternalId(c.config, byExternalId(c, externalId));
    expectInvoice(invoice, c.w.invoices[externalId], 'Invoice.enableByExternalId');
    expect(invoice.disabled).toBe(false);
  },

  'LineItem.create': async ({ config, w }) => {
    const line = await cm.LineItem.create(config, w.invoices[inv(ROLES.item.create)], {
      type: 'subscription', external_id: 'li-a-extra', subscription_external_id: 'sub-a', plan_uuid: w.plans.basic, prorated: true,
      service_period_start: '2023-08-15T00:00:00.000Z', service_period_end: '2023-09-01T00:00:00.000Z', amount_in_cents: 2700, quantity: 1,
    });
    expectLineItem(line, line.uuid, 'LineItem.create');
    expect(line).toMatchObject({ external_id: 'li-a-extra', amount_in_cents: 2700, prorated: true, uuid: expect.stringMatching(/^li_/), plan_external_id: 'plan-basic' });
  },
  'LineItem.retrieve': async ({ config, w }) => {
    const uuid = w.lineItems[li(ROLES.item.retrieve)];
    const line = await cm.LineItem.retrieve(config, uuid, { include_edit_histories: true });
    expectLineItem(line, uuid, 'LineItem.retrieve');
    expectKeys(line, ['edit_history_summary'], 'LineItem.retrieve with include_edit_histories');
    expect(line).toMatchObject({ external_id: li(ROLES.item.retrieve), amount_in_cents: 5000, plan_external_id: 'plan-basic', disabled: false });
  },
  'LineItem.modify': async ({ config, w }) => {
    const uuid = w.lineItems[li(ROLES.item.modify)];
    const line = await cm.LineItem.modify(config, uuid, { amount_in_cents: 4500 });
    expectLineItem(line, uuid, 'LineItem.modify');
    expect(line.amount_in_cents).toBe(4500);
  },
  'LineItem.all': async (c) => {
    // Documented (Retrieve a Line Item): by data_source_uuid and external_id, the line item itself.
    const externalId = li(ROLES.item.all);
    const line = await cm.LineItem.all(c.config, byExternalId(c, externalId));
    expectLineItem(line, c.w.lineItems[externalId], 'LineItem.all');
  },
  'LineItem.update': async (c) => {
    const externalId = li(ROLES.item.update);
    const line = await cm.LineItem.update(c.config, { qs: byExternalId(c, externalId), quantity: 2, amount_in_cents: 10000 });
    expectLineItem(line, c.w.lineItems[externalId], 'LineItem.update');
    expect(line).toMatchObject({ quantity: 2, amount_in_cents: 10000 });
  },
  'LineItem.destroy': async (c) => {
    const uuid = c.w.lineItems[li(ROLES.item.destroy)];
    await cm.LineItem.destroy(c.config, uuid);
    expect(await statusOf(c, `/v1/line_items/${uuid}`)).toBe(404);
  },
  'LineItem.destroyByExternalId': async (c) => {
    const externalId = li(ROLES.item.destroyByExternalId);
    await cm.LineItem.destroyByExternalId(c.config, { qs: byExternalId(c, externalId) });
    expect(await statusOf(c, `/v1/line_items/${c.w.lineItems[externalId]}`)).toBe(404);
  },
  'LineItem.disable': async (c) => {
    const uuid = c.w.lineItems[li(ROLES.item.disable)];
    const line = await cm.LineItem.disable(c.config, uuid);
    expectLineItem(line, uuid, 'LineItem.disable');
    expect(line.disabled).toBe(true);
    // The second form: by data_source_uuid and external_id.
    const other = li(ROLES.item.disableByParams);
    const byParams = await cm.LineItem.disable(c.config, byExternalId(c, other));
    expectLineItem(byParams, c.w.lineItems[other], 'LineItem.disable by external ID');
    expect(byParams.disabled).toBe(true);
  },
  'LineItem.enable': async (c) => {
    const uuid = c.w.lineItems[li(ROLES.item.enable)];
    const other = li(ROLES.item.enableByParams);
    for (const id of [uuid, c.w.lineItems[other]]) await raw(c, 'PATCH', `/v1/line_items/${id}/disabled_state`, { disabled: true });
    const line = await cm.LineItem.enable(c.config, uuid);
    expectLineItem(line, uuid, 'LineItem.enable');
    expect(line.disabled).toBe(false);
    const byParams = await cm.LineItem.enable(c.config, byExternalId(c, other));
    expectLineItem(byParams, c.w.lineItems[other], 'LineItem.enable by external ID');
    expect(byParams.disabled).toBe(false);
  },
  'LineItem.disableByExternalId': async (c) => {
    const externalId = li(ROLES.item.disableByExternalId);
    const line = await cm.LineItem.disableByExternalId(c.config, byExternalId(c, externalId));
    expectLineItem(line, c.w.lineItems[externalId], 'LineItem.disableByExternalId');
    expect(line.disabled).toBe(true);
  },
  'LineItem.enableByExternalId': async (c) => {
    const externalId = li(ROLES.item.enableByExternalId);
    await raw(c, 'PATCH', `/v1/line_items/${c.w.lineItems[externalId]}/disabled_state`, { disabled: true });
    const line = await cm.LineItem.enableByExternalId(c.config, byExternalId(c, externalId));
    expectLineItem(line, c.w.lineItems[externalId], 'LineItem.enableByExternalId');
    expect(line.disabled).toBe(false);
  },

  'Transaction.create': async ({ config, w }) => {
    const created = await cm.Transaction.create(config, w.invoices[inv(ROLES.item.create)], {
      type: 'refund', date: '2023-08-05T00:00:00Z', result: 'successful', amount_in_cents: 500, external_id: 'tr-a-refund',
    });
    expectRecordedShape(created, PAYMENT, 3);
    expect(created).toMatchObject({ type: 'refund', result: 'successful', external_id: 'tr-a-refund', uuid: expect.stringMatching(/^tr_/) });
  },
  'Transaction.retrieve': async ({ config, w }) => {
    const uuid = w.transactions[tr(ROLES.item.retrieve)];
    const transaction = await cm.Transaction.retrieve(config, uuid, { include_edit_histories: true });
    expectTransaction(transaction, uuid, 'Transaction.retrieve');
    expectKeys(transaction, ['edit_history_summary'], 'Transaction.retrieve with include_edit_histories');
    expect(transaction).toMatchObject({ external_id: tr(ROLES.item.retrieve), type: 'payment', result: 'successful', disabled: false });
  },
  'Transaction.all': async (c) => {
    // Documented (Retrieve a Transaction): by data_source_uuid and external_id, the transaction itself.
    const externalId = tr(ROLES.item.all);
    const transaction = await cm.Transaction.all(c.config, byExternalId(c, externalId));
    expectTransaction(transaction, c.w.transactions[externalId], 'Transaction.all');
  },
  'Transaction.modify': async ({ config, w }) => {
    const uuid = w.transactions[tr(ROLES.item.modify)];
    const transaction = await cm.Transaction.modify(config, uuid, { result: 'failed' });
    expectTransaction(transaction, uuid, 'Transaction.modify');
    expect(transaction.result).toBe('failed');
  },
  'Transaction.update': async (c) => {
    const externalId = tr(ROLES.item.update);
    const transaction = await cm.Transaction.update(c.config, { qs: byExternalId(c, externalId), result: 'failed' });
    expectTransaction(transaction, c.w.transactions[externalId], 'Transaction.update');
    expect(transaction.result).toBe('failed');
  },
  'Transaction.destroy': async (c) => {
    const uuid = c.w.transactions[tr(ROLES.item.destroy)];
    await cm.Transaction.destroy(c.config, uuid);
    expect(await statusOf(c, `/v1/transactions/${uuid}`)).toBe(404);
  },
  'Transaction.destroyByExternalId': async (c) => {
    const externalId = tr(ROLES.item.destroyByExternalId);
    await cm.Transaction.destroyByExternalId(c.config, { qs: byExternalId(c, externalId) });
    expect(await statusOf(c, `/v1/transactions/${c.w.transactions[externalId]}`)).toBe(404);
  },
  'Transaction.disable': async (c) => {
    const uuid = c.w.transactions[tr(ROLES.item.disable)];
    const transaction = await cm.Transaction.disable(c.config, uuid);
    expectTransaction(transaction, uuid, 'Transaction.disable');
    expect(transaction.disabled).toBe(true);
    const other = tr(ROLES.item.disableByParams);
    const byParams = await cm.Transaction.disable(c.config, byExternalId(c, other));
    expectTransaction(byParams, c.w.transactions[other], 'Transaction.disable by external ID');
    expect(byParams.disabled).toBe(true);
  },
  'Transaction.enable': async (c) => {
    const uuid = c.w.transactions[tr(ROLES.item.enable)];
    const other = tr(ROLES.item.enableByParams);
    for (const id of [uuid, c.w.transactions[other]]) await raw(c, 'PATCH', `/v1/transactions/${id}/disabled_state`, { disabled: true });
    const transaction = await cm.Transaction.enable(c.config, uuid);
    expectTransaction(transaction, uuid, 'Transaction.enable');
    expect(transaction.disabled).toBe(false);
    const byParams = await cm.Transaction.enable(c.config, byExternalId(c, other));
    expectTransaction(byParams, c.w.transactions[other], 'Transaction.enable by external ID');
    expect(byParams.disabled).toBe(false);
  },
  'Transaction.disableByExternalId': async (c) => {
    const externalId = tr(ROLES.item.disableByExternalId);
    const transaction = await cm.Transaction.disableByExternalId(c.config, byExternalId(c, externalId));
    expectTransaction(transaction, c.w.transactions[externalId], 'Transaction.disableByExternalId');
    expect(transaction.disabled).toBe(true);
  },
  'Transaction.enableByExternalId': async (c) => {
    const externalId = tr(ROLES.item.enableByExternalId);
    await raw(c, 'PATCH', `/v1/transactions/${c.w.transactions[externalId]}/disabled_state`, { disabled: true });
    const transaction = await cm.Transaction.enableByExternalId(c.config, byExternalId(c, externalId));
    expectTransaction(transaction, c.w.transactions[externalId], 'Transaction.enableByExternalId');
    expect(transaction.disabled).toBe(false);
  },

  'Subscription.all': async ({ config, w }) => {
    const page = await cm.Subscription.all(config, w.customers['cust-s'], { per_page: 10 });
    expectRecordedShape(page, 'ChartMogul_Customer/API_Actions/lists_the_subscriptions_belonging_to_the_customer_correctly.yml', 0);
    expect(page.subscriptions.map((s: { external_id: string }) => s.external_id).sort()).toEqual(['sub-s-cancel', 'sub-s-modify']);
  },
  'Subscription.cancel': async ({ config, w }) => {
    const uuid = w.subscriptions['sub-s-cancel'];
    const subscription = await cm.Subscription.cancel(config, uuid, { cancelled_at: '2024-05-15T00:00:00Z' });
    expectRecordedShape(subscription, 'ChartMogul_Subscription/API_Interactions/correctly_interracts_with_the_API.yml', 5);
    expect(subscription).toMatchObject({ uuid, external_id: 'sub-s-cancel' });
    expect(subscription.cancellation_dates.map((d: string) => Date.parse(d))).toEqual([Date.parse('2024-05-15T00:00:00Z')]);
  },
  'Subscription.modify': async ({ config, w }) => {
    const uuid = w.subscriptions['sub-s-modify'];
    const subscription = await cm.Subscription.modify(config, uuid, { cancellation_dates: ['2024-05-20T00:00:00Z'] });
    expectRecordedShape(subscription, 'ChartMogul_Subscription/_update_cancellation_dates/when_array_includes_valid_entries/is_setting_the_cancellation_dates_of_the_subscription.yml', 2);
    expect(subscription.cancellation_dates.map((d: string) => Date.parse(d))).toEqual([Date.parse('2024-05-20T00:00:00Z')]);
  },

  'SubscriptionEvent.create': async ({ config, w }) => {
    const event = await cm.SubscriptionEvent.create(config, {
      subscription_event: {
        data_source_uuid: w.dsEvents, customer_external_id: 'cust-e', subscription_external_id: 'sub-e-new', plan_external_id: 'ev-gold',
        event_type: 'subscription_start', event_date: '2024-03-01', effective_date: '2024-03-01', currency: 'USD',
        amount_in_cents: 3000, quantity: 1, external_id: 'ev-new',
      },
    });
    expectRecordedShape(event, `${EVENTS}/create/creates_a_new_subscription_event.yml`, 3);
    expect(event).toMatchObject({ external_id: 'ev-new', event_type: 'subscription_start', data_source_uuid: w.dsEvents });
  },
  'SubscriptionEvent.all': async ({ config, w }) => {
    const page = await cm.SubscriptionEvent.all(config, { data_source_uuid: w.dsEvents, per_page: 200 });
    expectRecordedShape(page, `${EVENTS}/lists_all_subscription_events.yml`, 4);
    expect(page.subscription_events.map((e: { external_id: string }) => e.external_id)).toContain('ev-list');
  },
  'SubscriptionEvent.updateWithParams': async ({ config, w }) => {
    const id = w.events['ev-update'];
    const event = await cm.SubscriptionEvent.updateWithParams(config, { subscription_event: { id, amount_in_cents: 3500 } });
    expectRecordedShape(event, `${EVENTS}/update/updates_the_subscription_event.yml`, 4);
    expect(event).toMatchObject({ id, amount_in_cents: 3500 });
  },
  'SubscriptionEvent.deleteWithParams': async (c) => {
    const id = c.w.events['ev-delete'];
    await cm.SubscriptionEvent.deleteWithParams(c.config, { subscription_event: { id } });
    const left = await raw(c, 'GET', `/v1/subscription_events?data_source_uuid=${c.w.dsEvents}&per_page=200`);
    expect(left.subscription_events.map((e: { id: number }) => e.id)).not.toContain(id);
  },
  'SubscriptionEvent.disable': async ({ config, w }) => {
    const id = w.events['ev-disable'];
    const event = await cm.SubscriptionEvent.disable(config, id);
    expectRecordedShape(event, `${EVENTS}/create/creates_a_new_subscription_event.yml`, 3);
    expectKeys(event, SUBSCRIPTION_EVENT_KEYS, 'SubscriptionEvent.disable');
    expect(event).toMatchObject({ id, disabled: true });
  },
  'SubscriptionEvent.enable': async (c) => {
    const id = c.w.events['ev-enable'];
    await raw(c, 'PATCH', `/v1/subscription_events/${id}/disabled_state`, { disabled: true });
    const event = await cm.SubscriptionEvent.enable(c.config, id);
    expectRecordedShape(event, `${EVENTS}/create/creates_a_new_subscription_event.yml`, 3);
    expectKeys(event, SUBSCRIPTION_EVENT_KEYS, 'SubscriptionEvent.enable');
    expect(event).toMatchObject({ id, disabled: false });
  },

  'JsonImport.create': async ({ config, w }) => {
    const started = await cm.JsonImport.create(config, w.dsBulk, bulkImport('bulk-1'));
    expectKeys(started, JSON_IMPORT_KEYS, 'JsonImport.create');
    expect(started).toMatchObject({ external_id: 'bulk-1', status: expect.stringMatching(/^(queued|processing|completed)$/) });
  },
  'JsonImport.retrieve': async (c) => {
    await raw(c, 'POST', `/v1/data_sources/${c.w.dsBulk}/json_imports`, bulkImport('bulk-2'));
    // Documented: the import is named by the external_id it was sent with.
    const tracked = await cm.JsonImport.retrieve(c.config, c.w.dsBulk, 'bulk-2');
    expectKeys(tracked, JSON_IMPORT_KEYS, 'JsonImport.retrieve');
    expect(tracked).toMatchObject({ external_id: 'bulk-2', status: expect.stringMatching(/^(queued|processing|completed)$/) });
    expect(tracked.status_details).toBeTypeOf('object');
  },
};

/** A bulk import as dev.chartmogul.com's Import Data in Bulk shows one: a customer, a plan, an invoice with its line and payment. */
function bulkImport(externalId: string) {
  const n = externalId;
  return {
    external_id: externalId,
    customers: [{ external_id: `${n}-cus`, name: 'Bulk Customer', email: `${n}@example.com`, country: 'US', company: 'Bulk Co' }],
    plans: [{ name: `Bulk Gold ${n}`, external_id: `${n}-gold`, interval_count: 1, interval_unit: 'month' }],
    invoices: [{ external_id: `${n}-inv`, date: '2024-04-01 00:00:00', due_date: '2024-04-15 00:00:00', currency: 'USD', customer_external_id: `${n}-cus` }],
    line_items: [{
      type: 'subscription', amount_in_cents: 4900, quantity: 1, invoice_external_id: `${n}-inv`, plan_external_id: `${n}-gold`,
      subscription_external_id: `${n}-sub`, service_period_start: '2024-04-01 00:00:00', service_period_end: '2024-05-01 00:00:00',
      external_id: `${n}-li`,
    }],
    transactions: [{ invoice_external_id: `${n}-inv`, type: 'payment', result: 'successful', date: '2024-04-01 00:00:00', external_id: `${n}-tr` }],
  };
}
