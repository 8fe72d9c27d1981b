/**
 * GET/PATCH /v1/account: the account's details and its settings (METRICS.md section 9).
 * Changing settings makes every customer due for recompute (done before the answer, as far
 * as the request's recompute limits allow; reads catch up the rest).
 */
import type { Hono } from 'hono';
import { DEFAULT_SETTINGS, parseSettingsJson, SETTING_KEYS } from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import { catchUp, lockAccount, markAccountDirty } from '../derived/freshness.ts';
import type { Env } from '../http/auth.ts';
import { validationFailed } from '../http/errors.ts';
import { readBody } from './conventions/body.ts';

function accountBody(account: { id: string; name: string }, settings: Record<string, unknown>) {
  return {
    uuid: `acc_${account.id}`,
    name: account.name,
    currency: String(settings.base_currency),
    time_zone: 'UTC',
    week_start_on: 'monday',
    settings,
  };
}

export function registerAccount(app: Hono<Env>, ctx: AppContext): void {
  app.get('/v1/account', (c) => {
    const account = c.get('account');
    return c.json(accountBody(account, parseSettingsJson(account.settings ?? {}).settings as never));
  });

  app.patch('/v1/account', async (c) => {
    const account = c.get('account');
    const body = await readBody(c);
    const incoming = body.settings;
    if (incoming === undefined || incoming === null || typeof incoming !== 'object' || Array.isArray(incoming)) {
      throw validationFailed({ settings: 'settings must be an object of setting → value' });
    }
    const unknown = Object.keys(incoming).filter((k) => !(SETTING_KEYS as string[]).includes(k));
    const merged = { ...(account.settings ?? {}), ...(incoming as Record<string, unknown>) };
    const parsed = parseSettingsJson(merged);
    // Built from entries: assigning errors['__proto__'] would set no key at all.
    const errors: Record<string, string> = Object.fromEntries([
      ...unknown.map((k) => [k, `Unknown setting '${k}'; settings are ${SETTING_KEYS.join(', ')}`]),
      ...parsed.errors.map((e) => [e.column, e.message]),
    ]);
    if (Object.keys(errors).length > 0) throw validationFailed(errors);
    // Store only what differs from the defaults.
    const stored = Object.fromEntries(
      Object.entries(parsed.settings).filter(([k, v]) => DEFAULT_SETTINGS[k as keyof typeof DEFAULT_SETTINGS] !== v),
    );
    await ctx.db.transaction(async (tx) => {
      await lockAccount(tx, account.id);
      await tx.query('UPDATE accounts SET settings = $2::jsonb WHERE id = $1', [account.id, JSON.stringify(stored)]);
      await markAccountDirty(tx, account.id);
    });
    await catchUp(ctx.db, account.id, ctx.today(), ctx.recompute);
    return c.json(accountBody(account, parsed.settings as never));
  });
}
