/**
 * GET/PATCH /v1/account: the account's details and its settings (METRICS.md section 9); GET
 * adds ChartMogul's names of the settings `include=` asks for (include.ts).
 * Changing settings makes every customer due for recompute; the reads after it recompute
 * (api/ingest/policy.ts).
 */
import { createRoute } from '@hono/zod-openapi';
import { DEFAULT_SETTINGS, parseSettingsJson, SETTING_KEYS } from '../../../shared/index.ts';
import type { AppContext } from '../../context.ts';
import { validationFailed } from '../../http/errors.ts';
import { readBody } from '../../http/json-body.ts';
import { errorResponses, jsonRequest, jsonResponse, openapiRoute, type ApiApp } from '../../http/openapi.ts';
import { markAllTouched } from '../../ingest/policy.ts';
import { saveSettings } from '../../store/accounts.ts';
import { lockAccount } from '../../store/dirty.ts';
import { accountIncludes, includedSettings } from './include.ts';
import { Account, AccountQuery, AccountUpdate } from './schemas.ts';

function accountBody(account: { id: string; name: string }, settings: Record<string, unknown>): Account {
  return {
    id: `acc_${account.id}`,
    uuid: `acc_${account.id}`,
    name: account.name,
    currency: String(settings.base_currency),
    time_zone: 'UTC',
    week_start_on: 'monday',
    settings,
  };
}

const getAccount = createRoute({
  method: 'get',
  path: '/v1/account',
  tags: ['Account'],
  summary: 'The account and its settings',
  request: { query: AccountQuery },
  responses: { 200: jsonResponse(Account, 'The account'), ...errorResponses(422) },
});

const updateAccount = createRoute({
  method: 'patch',
  path: '/v1/account',
  tags: ['Account'],
  summary: 'Change settings; every figure is recomputed under them',
  request: { body: jsonRequest(AccountUpdate) },
  responses: { 200: jsonResponse(Account, 'The account with its new settings'), ...errorResponses(400, 422) },
});

/** The settings after the change, or a 422 naming every unknown or invalid one. */
function changedSettings(stored: Record<string, unknown>, incoming: Record<string, unknown>) {
  const unknown = Object.keys(incoming).filter((k) => !(SETTING_KEYS as string[]).includes(k));
  const parsed = parseSettingsJson({ ...stored, ...incoming });
  // Built from entries: assigning errors['__proto__'] would set no key at all.
  const errors: Record<string, string> = Object.fromEntries([
    ...unknown.map((k) => [k, `Unknown setting '${k}'; settings are ${SETTING_KEYS.join(', ')}`]),
    ...parsed.errors.map((e) => [e.column, e.message]),
  ]);
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  return parsed.settings;
}

export function registerAccount(app: ApiApp, ctx: AppContext): void {
  openapiRoute(app, getAccount, (c) => {
    const account = c.get('account');
    const includes = accountIncludes(c.req.valid('query').include);
    const settings = parseSettingsJson(account.settings ?? {}).settings;
    return c.json({ ...accountBody(account, settings as never), ...includedSettings(includes, settings) }, 200);
  });

  openapiRoute(app, updateAccount, async (c) => {
    const account = c.get('account');
    // The body as sent, not as parsed: a parsed record loses a `__proto__` key, which must
    // be refused as an unknown setting like any other.
    const { settings: incoming } = (await readBody(c)) as { settings: Record<string, unknown> };
    const settings = changedSettings(account.settings ?? {}, incoming);
    // Store only what differs from the defaults.
    const stored = Object.fromEntries(
      Object.entries(settings).filter(([k, v]) => DEFAULT_SETTINGS[k as keyof typeof DEFAULT_SETTINGS] !== v),
    );
    await ctx.db.transaction(async (tx) => {
      await lockAccount(tx, account.id);
      await saveSettings(tx, account.id, stored);
      await markAllTouched(tx, account.id);
    });
    return c.json(accountBody(account, settings as never), 200);
  });
}
