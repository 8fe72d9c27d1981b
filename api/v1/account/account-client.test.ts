/**
 * GET /v1/account through chartmogul-node: the account's `id` (ChartMogul's key) and the
 * settings `include=` asks for, under ChartMogul's names and values, following PATCHed settings;
 * an unknown include is a 422 naming `include`.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { drivers } from '../../testing/databases.test-util.ts';
import { ok, useServer } from '../accounts-fixtures.test-util.ts';

const ChartMogul = createRequire(import.meta.url)('chartmogul-node');
const ALL = 'churn_recognition,churn_when_zero_mrr,auto_churn_subscription,refund_handling,proximate_movement_reclassification';

for (const driver of drivers()) {
  describe(`GET /v1/account with include (${driver})`, () => {
    const h = useServer(driver);
    const config = () => new ChartMogul.Config(h.server.key, h.server.url);

    it('answers the id, and only the included settings', async () => {
      const account = await ChartMogul.Account.retrieve(config());
      expect(account.id).toBe(`acc_${h.server.accountId}`);
      expect(account).toMatchObject({ currency: 'USD', time_zone: 'UTC', week_start_on: 'monday' });
      expect(account).not.toHaveProperty('churn_recognition');

      const two = await ChartMogul.Account.retrieve(config(), { include: 'churn_recognition,churn_when_zero_mrr' });
      expect(two).toMatchObject({ id: account.id, churn_recognition: 'churn_at_time_of_cancelation', churn_when_zero_mrr: false });
      expect(two).not.toHaveProperty('refund_handling');

      expect(await ChartMogul.Account.retrieve(config(), { include: ALL })).toMatchObject({
        churn_recognition: 'churn_at_time_of_cancelation',
        churn_when_zero_mrr: false,
        auto_churn_subscription: false,
        refund_handling: 'refund_ignore',
        proximate_movement_reclassification: 'one_hour_reclassification',
      });
    });

    it('follows the settings', async () => {
      const key = (await h.server.newAccount('Settings')).key;
      await ok(h.server, 'PATCH', '/v1/account', { settings: { churn_recognition: 'service_period_end', auto_churn: 7, sac_window_minutes: 0 } }, 200, key);
      const account = await ChartMogul.Account.retrieve(new ChartMogul.Config(key, h.server.url), { include: ALL });
      expect(account).toMatchObject({
        churn_recognition: 'churn_at_period_end', auto_churn_subscription: true, proximate_movement_reclassification: 'reclassification_off',
      });
      await ok(h.server, 'PATCH', '/v1/account', { settings: { auto_churn: 'missing_renewal', sac_window_minutes: 30 } }, 200, key);
      expect(await ok(h.server, 'GET', `/v1/account?include=${ALL}`, undefined, 200, key)).toMatchObject({
        auto_churn_subscription: true, proximate_movement_reclassification: '30_minutes_reclassification',
      });
      await ok(h.server, 'PATCH', '/v1/account', { settings: { auto_churn: null, sac_window_minutes: 1440 } }, 200, key);
      expect(await ok(h.server, 'GET', '/v1/account?include= auto_churn_subscription , proximate_movement_reclassification,', undefined, 200, key))
        .toMatchObject({ auto_churn_subscription: false, proximate_movement_reclassification: 'one_day_reclassification' });
    });

    it('refuses an unknown include, naming include', async () => {
      await expect(ChartMogul.Account.retrieve(config(), { include: 'churn_recognition,nonsense' })).rejects.toMatchObject({ status: 422 });
      const r = await h.server.call('GET', '/v1/account?include=nonsense');
      expect(r.status).toBe(422);
      expect(Object.keys(r.json.errors)).toEqual(['include']);
      expect(r.json.errors.include).toContain("'nonsense'");
    });
  });
}
