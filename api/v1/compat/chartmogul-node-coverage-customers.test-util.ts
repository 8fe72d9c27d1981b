/**
 * Coverage scenarios of the account, ping, data source, customer, contact, attribute, tag and
 * plan methods: each calls the method as chartmogul-node's README and dev.chartmogul.com show
 * it and holds the answer to the recorded ChartMogul response (./recordings) or the documented keys.
 */
import { expect } from 'vitest';
import { cm, raw, statusOf, type Scenario } from './chartmogul-node-coverage-scenario.test-util.ts';
import { ACCOUNT_INCLUDES, expectKeys, expectRecordedShape } from './chartmogul-node-coverage-shapes.test-util.ts';

const CUSTOMER = 'ChartMogul_Customer/API_Actions';
const CONTACT = 'ChartMogul_Contact/API_Actions';
const DATA_SOURCE = 'ChartMogul_DataSource/API_Interactions';
const PLAN = 'ChartMogul_Plan/API_Actions';
const WITH_SETTINGS = { with_processing_status: true, with_auto_churn_subscription_setting: true, with_invoice_handling_setting: true };

export const customerScenarios: Record<string, Scenario> = {
  'Account.retrieve': async ({ config }) => {
    const account = await cm.Account.retrieve(config);
    expectRecordedShape(account, 'ChartMogul_Account/returns_details_of_current_account.yml', 0);
    // Documented: the account's `id` (acc_…), and the settings `include=` names.
    expectKeys(account, ['id'], 'account');
    expect(account.id).toMatch(/^acc_/);
    const withSettings = await cm.Account.retrieve(config, { include: ACCOUNT_INCLUDES.join(',') });
    expectKeys(withSettings, ['id', 'name', 'currency', 'time_zone', 'week_start_on', ...ACCOUNT_INCLUDES], 'account with include=');
  },

  'Ping.ping': async ({ config }) => {
    const pong = await cm.Ping.ping(config);
    expect(pong).toEqual({ data: 'pong!' });
  },

  'DataSource.create': async ({ config }) => {
    const ds = await cm.DataSource.create(config, { name: 'Coverage created' });
    expectRecordedShape(ds, `${DATA_SOURCE}/correctly_interracts_with_the_API.yml`, 0);
    expect(ds).toMatchObject({ name: 'Coverage created', uuid: expect.stringMatching(/^ds_/) });
  },
  'DataSource.retrieve': async ({ config, w }) => {
    const ds = await cm.DataSource.retrieve(config, w.ds);
    expectRecordedShape(ds, `${DATA_SOURCE}/retrieves_existing_data_source_matching_uuid.yml`, 1);
    expect(ds).toMatchObject({ uuid: w.ds, name: 'Coverage billing' });
    const detailed = await cm.DataSource.retrieve(config, w.ds, WITH_SETTINGS);
    expectRecordedShape(detailed, `${DATA_SOURCE}/correctly_interracts_with_the_API.yml`, 2);
  },
  'DataSource.all': async ({ config, w }) => {
    const page = await cm.DataSource.all(config, WITH_SETTINGS);
    expectRecordedShape(page, `${DATA_SOURCE}/correctly_interracts_with_the_API.yml`, 1);
    expect(page.data_sources.map((d: { uuid: string }) => d.uuid)).toEqual(expect.arrayContaining([w.ds, w.dsEvents]));
    const byName = await cm.DataSource.all(config, { name: 'Coverage events' });
    expect(byName.data_sources.map((d: { uuid: string }) => d.uuid)).toEqual([w.dsEvents]);
  },
  'DataSource.destroy': async (c) => {
    await cm.DataSource.destroy(c.config, c.w.dsThrowaway);
    expect(await statusOf(c, `/v1/data_sources/${c.w.dsThrowaway}`)).toBe(404);
  },

  'Customer.create': async (c) => {
    const customer = await cm.Customer.create(c.config, {
      data_source_uuid: c.w.ds, external_id: 'cust-new', name: 'New Customer', email: 'new@example.com', company: 'New Co',
      country: 'DE', city: 'Berlin', lead_created_at: '2024-01-02T00:00:00Z', free_trial_started_at: '2024-01-10T00:00:00Z',
      primary_contact: { first_name: 'Nora', last_name: 'New', email: 'nora@example.com', title: 'CEO' },
    });
    expectRecordedShape(customer, `${CUSTOMER}/creates_the_customer_correctly.yml`, 0);
    expect(customer).toMatchObject({ external_id: 'cust-new', data_source_uuid: c.w.ds, name: 'New Customer', company: 'New Co' });
    // Documented: primary_contact becomes the new customer's contact.
    const contacts = await raw(c, 'GET', `/v1/customers/${customer.uuid}/contacts`);
    expect(contacts.entries.map((e: { email: string }) => e.email), 'primary_contact is stored as a contact').toEqual(['nora@example.com']);
  },
  'Customer.retrieve': async ({ config, w }) => {
    const customer = await cm.Customer.retrieve(config, w.customers['cust-a']);
    expectRecordedShape(customer, `${CUSTOMER}/retrieves_the_customer_correctly.yml`, 0);
    expect(customer).toMatchObject({ uuid: w.customers['cust-a'], external_id: 'cust-a', email: 'a@example.com' });
  },
  'Customer.all': async ({ config, w }) => {
    const page = await cm.Customer.all(config, { per_page: 1 });
    expectRecordedShape(page, `${CUSTOMER}/with_pagination/paginates_correctly.yml`, 0);
    expect(page).toMatchObject({ has_more: true, entries: [expect.anything()] });
    const found = await cm.Customer.all(config, { external_id: 'cust-a', data_source_uuid: w.ds });
    expectRecordedShape(found, 'ChartMogul_Customer/_find_by_external_id/returns_matching_user_if_exists.yml', 0);
    expect(found.entries.map((e: { uuid: string }) => e.uuid)).toEqual([w.customers['cust-a']]);
  },
  'Customer.search': async ({ config, w }) => {
    const found = await cm.Customer.search(config, { email: 'a@example.com' });
    expectRecordedShape(found, `${CUSTOMER}/searches_for_customers_correctly.yml`, 0);
    expect(found.entries.map((e: { uuid: string }) => e.uuid)).toEqual([w.customers['cust-a']]);
  },
  'Customer.modify': async ({ config, w }) => {
    const customer = await cm.Customer.modify(config, w.customers['cust-a'], { company: 'Acme Modified' });
    expectRecordedShape(customer, `${CUSTOMER}/updates_customer_correctly_with_the_class_method.yml`, 0);
    expect(customer).toMatchObject({ uuid: w.customers['cust-a'], company: 'Acme Modified' });
  },
  'Customer.patch': async ({ config, w }) => {
    const customer = await cm.Customer.patch(config, w.customers['cust-a'], { city: 'Cambridge' });
    expectRecordedShape(customer, `${CUSTOMER}/updates_customer_correctly_with_the_class_method.yml`, 0);
    expect(customer).toMatchObject({ uuid: w.customers['cust-a'], city: 'Cambridge' });
  },
  'Customer.destroy': async (c) => {
    await cm.Customer.destroy(c.config, c.w.customers['cust-del']);
    expect(await statusOf(c, `/v1/customers/${c.w.customers['cust-del']}`)).toBe(404);
  },
  'Customer.attributes': async ({ config, w }) => {
    const attributes = await cm.Customer.attributes(config, w.customers['cust-a']);
    expectRecordedShape(attributes, `${CUSTOMER}/retrieves_the_customer_attributes_correctly.yml`, 0);
  },
  'Customer.contacts': async ({ config, w }) => {
    const page = await cm.Customer.contacts(config, w.customers['cust-a'], { per_page: 10 });
    expectRecordedShape(page, `${CUSTOMER}/lists_the_contacts_belonging_to_the_customer_correctly.yml`, 0);
    expect(page.entries.map((e: { uuid: string }) => e.uuid)).toContain(w.contacts['con-read']);
  },
  'Customer.createContact': async ({ config, w }) => {
    const contact = await cm.Customer.createContact(config, w.customers['cust-a'], {
      data_source_uuid: w.ds, first_name: 'Cy', last_name: 'Contact', email: 'cy@example.com', position: 9,
    });
    expectRecordedShape(contact, `${CUSTOMER}/creates_a_contact_belonging_to_the_customer_correctly.yml`, 0);
    expect(contact).toMatchObject({ customer_uuid: w.customers['cust-a'], email: 'cy@example.com', uuid: expect.stringMatching(/^con_/) });
  },
  'Customer.merge': async (c) => {
    const { w } = c;
    const answer = await cm.Customer.merge(c.config, { from: { customer_uuid: w.customers['cust-m-from'] }, into: { customer_uuid: w.customers['cust-m-into'] } });
    expectRecordedShape(answer, `${CUSTOMER}/merges_customers_correctly_with_the_class_method.yml`, 0);
    expect(await statusOf(c, `/v1/customers/${w.customers['cust-m-from']}`)).toBe(404);
  },
  'Customer.unmerge': async (c) => {
    const { w } = c;
    // cust-u-from was merged into cust-u-into by the seed.
    const answer = await cm.Customer.unmerge(c.config, {
      customer_uuid: w.customers['cust-u-into'], data_source_uuid: w.ds, external_id: 'cust-u-from', move_to_new_customer: [],
    });
    expectRecordedShape(answer, `${CUSTOMER}/unmerges_correctly_with_the_class_method.yml`, 0);
    // Documented: the unmerged customer gets a customer record (and UUID) of its own again.
    const found = await raw(c, 'GET', `/v1/customers?data_source_uuid=${w.ds}&external_id=cust-u-from`);
    expect(found.entries).toHaveLength(1);
    expect(found.entries[0].uuid).not.toBe(w.customers['cust-u-into']);
  },
  'Customer.connectSubscriptions': async ({ config, w }) => {
    const answer = await cm.Customer.connectSubscriptions(config, w.customers['cust-k1'], {
      subscriptions: [
        { data_source_uuid: w.ds, uuid: w.subscriptions['sub-k1-old'] },
        { data_source_uuid: w.ds, uuid: w.subscriptions['sub-k1-new'] },
      ],
    });
    expectRecordedShape(answer, 'ChartMogul_Subscription/API_Interactions/connects_subscriptions.yml', 7);
  },
  'Customer.disconnectSubscriptions': async (c) => {
    const { w } = c;
    const subscriptions = [
      { data_source_uuid: w.ds, uuid: w.subscriptions['sub-k2-old'] },
      { data_source_uuid: w.ds, uuid: w.subscriptions['sub-k2-new'] },
    ];
    await raw(c, 'POST', `/v1/customers/${w.customers['cust-k2']}/connect_subscriptions`, { subscriptions });
    const answer = await cm.Customer.disconnectSubscriptions(c.config, w.customers['cust-k2'], { subscriptions });
    expectRecordedShape(answer, 'ChartMogul_Subscription/API_Interactions/disconnects_subscriptions.yml', 9);
  },

  'Contact.create': async ({ config, w }) => {
    const contact = await cm.Contact.create(config, {
      customer_uuid: w.customers['cust-a'], data_source_uuid: w.ds, external_id: 'con-new', first_name: 'Dee', last_name: 'New',
      position: 2, title: 'CTO', email: 'dee@example.com', phone: '+1 555 0199', linked_in: 'https://linkedin.com/in/dee',
      twitter: 'https://twitter.com/dee', notes: 'Met at a conference', custom: [{ key: 'Toggle', value: true }],
    });
    expectRecordedShape(contact, `${CONTACT}/creates_the_contact_correctly.yml`, 0);
    expect(contact).toMatchObject({ customer_uuid: w.customers['cust-a'], external_id: 'con-new', email: 'dee@example.com' });
  },
  'Contact.retrieve': async ({ config, w }) => {
    const contact = await cm.Contact.retrieve(config, w.contacts['con-read']);
    expectRecordedShape(contact, `${CONTACT}/retrieves_the_contact_correctly.yml`, 0);
    expect(contact).toMatchObject({ uuid: w.contacts['con-read'], external_id: 'con-read' });
  },
  'Contact.modify': async ({ config, w }) => {
    const contact = await cm.Contact.modify(config, w.contacts['con-read'], { first_name: 'Adele', title: 'COO' });
    expectRecordedShape(contact, `${CONTACT}/updates_the_contact_correctly_with_the_class_method.yml`, 0);
    expect(contact).toMatchObject({ uuid: w.contacts['con-read'], first_name: 'Adele', title: 'COO' });
  },
  'Contact.all': async ({ config, w }) => {
    const page = await cm.Contact.all(config, { per_page: 1 });
    expectRecordedShape(page, `${CONTACT}/with_pagination/paginates_correctly.yml`, 0);
    expect(page).toMatchObject({ has_more: true, entries: [expect.anything()] });
    const mine = await cm.Contact.all(config, { customer_uuid: w.customers['cust-a'], per_page: 200 });
    expect(mine.entries.map((e: { uuid: string }) => e.uuid)).toContain(w.contacts['con-read']);
  },
  'Contact.merge': async (c) => {
    const { w } = c;
    const contact = await cm.Contact.merge(c.config, w.contacts['con-into'], w.contacts['con-from']);
    expectRecordedShape(contact, `${CONTACT}/merges_contacts_correctly.yml`, 0);
    expect(contact.uuid).toBe(w.contacts['con-into']);
    expect(await statusOf(c, `/v1/contacts/${w.contacts['con-from']}`)).toBe(404);
  },
  'Contact.destroy': async (c) => {
    await cm.Contact.destroy(c.config, c.w.contacts['con-del']);
    expect(await statusOf(c, `/v1/contacts/${c.w.contacts['con-del']}`)).toBe(404);
  },

  'CustomAttribute.add': async ({ config, w }) => {
    const attributes = await cm.CustomAttribute.add(config, w.customers['cust-a'], {
      custom: [{ type: 'String', key: 'channel', value: 'Partner', source: 'integration' }],
    });
    expectRecordedShape(attributes, `${CUSTOMER}/adds_custom_attributes_correctly.yml`, 0);
    expect(attributes.custom).toMatchObject({ channel: 'Partner' });
    // Without a customer: to every customer with the email.
    const byEmail = await cm.CustomAttribute.add(config, { email: 'a@example.com', custom: [{ type: 'Integer', key: 'seats', value: 12 }] });
    expectRecordedShape(byEmail, `${CUSTOMER}/adds_custom_attributes_by_email_correctly.yml`, 0);
    expect(byEmail.entries.map((e: { uuid: string }) => e.uuid)).toEqual([w.customers['cust-a']]);
  },
  'CustomAttribute.update': async (c) => {
    const cus = c.w.customers['cust-a'];
    await raw(c, 'POST', `/v1/customers/${cus}/attributes/custom`, { custom: [{ type: 'String', key: 'tier', value: 'gold' }] });
    const attributes = await cm.CustomAttribute.update(c.config, cus, { custom: { tier: 'platinum' } });
    expectRecordedShape(attributes, `${CUSTOMER}/updates_custom_attributes_correctly.yml`, 0);
    expect(attributes.custom).toMatchObject({ tier: 'platinum' });
  },
  'CustomAttribute.remove': async (c) => {
    const cus = c.w.customers['cust-a'];
    await raw(c, 'POST', `/v1/customers/${cus}/attributes/custom`, { custom: [{ type: 'String', key: 'obsolete', value: 'x' }] });
    await cm.CustomAttribute.remove(c.config, cus, { custom: ['obsolete'] });
    const attributes = await raw(c, 'GET', `/v1/customers/${cus}/attributes`);
    expect(Object.keys(attributes.custom)).not.toContain('obsolete');
  },
  'Tag.add': async ({ config, w }) => {
    const tags = await cm.Tag.add(config, w.customers['cust-a'], { tags: ['important', 'q3'] });
    expectRecordedShape(tags, `${CUSTOMER}/adds_tags_correctly.yml`, 0);
    expect(tags.tags).toEqual(expect.arrayContaining(['important', 'q3']));
    const byEmail = await cm.Tag.add(config, { email: 'a@example.com', tags: ['vip'] });
    expectRecordedShape(byEmail, `${CUSTOMER}/adds_tags_by_email_correctly.yml`, 0);
    expect(byEmail.entries.map((e: { uuid: string }) => e.uuid)).toEqual([w.customers['cust-a']]);
  },
  'Tag.remove': async (c) => {
    const cus = c.w.customers['cust-a'];
    await raw(c, 'POST', `/v1/customers/${cus}/attributes/tags`, { tags: ['to-remove', 'kept'] });
    const tags = await cm.Tag.remove(c.config, cus, { tags: ['to-remove'] });
    expectRecordedShape(tags, `${CUSTOMER}/removes_tags_correctly.yml`, 0);
    expect(tags.tags).toContain('kept');
    expect(tags.tags).not.toContain('to-remove');
  },

  'Plan.create': async ({ config, w }) => {
    const plan = await cm.Plan.create(config, { data_source_uuid: w.ds, name: 'Gold', interval_count: 3, interval_unit: 'month', external_id: 'plan-gold' });
    expectRecordedShape(plan, `${PLAN}/creates_the_plan_correctly.yml`, 0);
    expect(plan).toMatchObject({ name: 'Gold', interval_count: 3, interval_unit: 'month', external_id: 'plan-gold', uuid: expect.stringMatching(/^pl_/) });
  },
  'Plan.retrieve': async ({ config, w }) => {
    const plan = await cm.Plan.retrieve(config, w.plans.basic);
    expectRecordedShape(plan, `${PLAN}/retrieves_the_plan_correctly.yml`, 0);
    expect(plan).toMatchObject({ uuid: w.plans.basic, external_id: 'plan-basic' });
  },
  'Plan.modify': async ({ config, w }) => {
    const plan = await cm.Plan.modify(config, w.plans.modify, { name: 'Renamed', interval_count: 2 });
    expectRecordedShape(plan, `${PLAN}/updates_the_plan_correctly_with_the_class_method.yml`, 0);
    expect(plan).toMatchObject({ uuid: w.plans.modify, name: 'Renamed', interval_count: 2 });
  },
  'Plan.all': async ({ config, w }) => {
    const page = await cm.Plan.all(config, { per_page: 1 });
    expectRecordedShape(page, `${PLAN}/with_pagination/paginates_correctly.yml`, 0);
    expect(page).toMatchObject({ has_more: true, plans: [expect.anything()] });
    const mine = await cm.Plan.all(config, { data_source_uuid: w.ds, external_id: 'plan-basic' });
    expect(mine.plans.map((p: { uuid: string }) => p.uuid)).toEqual([w.plans.basic]);
  },
  'Plan.destroy': async (c) => {
    await cm.Plan.destroy(c.config, c.w.plans.destroy);
    expect(await statusOf(c, `/v1/plans/${c.w.plans.destroy}`)).toBe(404);
  },
};
