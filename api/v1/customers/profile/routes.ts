/**
 * GET /v1/customers/{uuid}/profile: everything of a customer's profile in one answer (API.md;
 * the seed's customer profile): header figures, details, tags and custom attributes, its MRR
 * month by month, its subscriptions, MRR movements, revenue recognition schedule and
 * transactions. Every number is the engine's: its stored row, the series the engine builds
 * over its stored inputs, its stored ledger; read on figures computed for today.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  buildBuckets, buildSeries, customerRowOf, defaultSeriesStart, formatDate, parseSettingsJson, type Movement,
} from '../../../../shared/index.ts';
import { seriesInputsOf } from '../../../../shared/engine/series-inputs.ts';
import type { AppContext } from '../../../context.ts';
import { freshRead } from '../../../derived/fresh-read.ts';
import { errorResponses, jsonResponse, openapiRoute, type ApiApp } from '../../../http/openapi.ts';
import { EVERY_ROW, profileFacts } from '../../../store/customer-profile.ts';
import { readCustomers } from '../../../store/customers.ts';
import { activityRows } from '../../../store/derived.ts';
import { customerSubscriptions } from '../../../store/subscriptions.ts';
import { account } from '../../conventions/account.ts';
import { requireCustomer } from '../../conventions/lookup.ts';
import { CustomerParams } from '../schemas.ts';
import { CustomerProfile } from './schemas.ts';
import { profileJson } from './serialize.ts';

const getProfile = createRoute({
  method: 'get',
  path: '/v1/customers/{uuid}/profile',
  tags: ['Customers'],
  summary: "A customer's profile: header figures, details, attributes, MRR by month, subscriptions, movements, revenue schedule, transactions",
  request: { params: CustomerParams },
  responses: { 200: jsonResponse(CustomerProfile, 'The profile, as of today'), ...errorResponses(400, 404, 422, 503) },
});

export function registerCustomerProfile(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, getProfile, async (c) => {
    const acc = account(c);
    const currency = parseSettingsJson(acc.settings ?? {}).settings.base_currency;
    const today = ctx.today();
    const profile = await freshRead(ctx, acc.id, async (tx) => {
      const ref = await requireCustomer(tx, acc.id, c.req.valid('param').uuid, 'customer_uuid');
      const [customer] = await readCustomers(tx, { accountId: acc.id, id: ref.id });
      const facts = await profileFacts(tx, ref.id);
      const subscriptions = await customerSubscriptions(tx, acc.id, ref.id, EVERY_ROW);
      const movements = await activityRows(tx, acc.id, { customerId: ref.id, descending: false }, 0, EVERY_ROW.perPage);
      const moves: Movement[] = movements.map((m) => ({
        t: m.at.getTime(), customerId: ref.id, subscriptionId: m.subscriptionExternalId, type: m.type, amount: m.amount,
        customerMrrAfter: m.customerMrrAfter,
      }));
      const inputs = seriesInputsOf(facts.seriesInputs, ref.id);
      const series = buildSeries({
        buckets: buildBuckets(defaultSeriesStart(moves, today), today, 'month'),
        customerStates: [inputs.states],
        movements: moves,
        fx: inputs.fx,
        cash: inputs.cash,
        leads: [{ customerId: ref.id, leadCreatedAt: customer.leadCreatedAt?.getTime() ?? null, freeTrialStartedAt: customer.freeTrialStartedAt?.getTime() ?? null }],
      });
      return profileJson({
        asOf: formatDate(today),
        currency,
        customer,
        dataSourceName: facts.dataSourceName,
        row: customerRowOf(customer.externalId, customer.name, facts.figures, facts.netPayments),
        figures: facts.figures,
        series,
        subscriptions,
        movements,
        ledger: facts.ledger,
      });
    });
    return c.json(profile, 200);
  });
}
