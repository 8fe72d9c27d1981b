/** The ChartMogul-compatible /v1 API (API.md): each area registers its own routes. */
import type { ApiApp } from '../http/openapi.ts';
import type { AppContext } from '../context.ts';
import type { Env } from '../http/auth.ts';
import { registerAccount } from './account/routes.ts';
import { registerPing } from './ping/routes.ts';
import { registerContacts } from './contacts/routes.ts';
import { registerCustomers } from './customers/routes.ts';
import { registerCustomerProfile } from './customers/profile/routes.ts';
import { registerDataSources } from './data-sources/routes.ts';
import { registerPlans } from './plans/routes.ts';
import { registerInvoices } from './invoices/routes.ts';
import { registerLineItems } from './line-items/routes.ts';
import { registerJsonImports } from './json-imports/routes.ts';
import { registerActivitiesExport } from './activities-export/routes.ts';
import { registerTransactions } from './transactions/routes.ts';
import { registerSubscriptions } from './subscriptions/routes.ts';
import { registerSubscriptionEvents } from './subscription-events/routes.ts';
import { registerMetrics } from './metrics/routes.ts';
import { registerActivities } from './activities/routes.ts';

export function registerV1(app: ApiApp, ctx: AppContext): void {
  registerPing(app);
  registerAccount(app, ctx);
  registerDataSources(app, ctx);
  registerJsonImports(app, ctx);
  registerCustomers(app, ctx);
  registerCustomerProfile(app, ctx);
  registerContacts(app, ctx);
  registerPlans(app, ctx);
  registerInvoices(app, ctx);
  registerLineItems(app, ctx);
  registerTransactions(app, ctx);
  registerSubscriptions(app, ctx);
  registerSubscriptionEvents(app, ctx);
  registerMetrics(app, ctx);
  registerActivitiesExport(app, ctx);
  registerActivities(app, ctx);
}
