/**
 * The job of an activities export: the account's figures brought up to date (as a read of
 * GET /v1/activities does), then the file made and stored in one transaction with the outcome.
 */
import { accountSettings } from '../../derived/recompute.ts';
import { catchUp } from '../../derived/freshness.ts';
import type { JobKind } from '../../jobs/kind.ts';
import {
  activityExportAccount, activityExportToRun, claimActivityExport, failActivityExport, finishActivityExport, unfinishedActivityExports,
} from '../../store/activity-exports.ts';
import { activitiesCsv } from './csv.ts';

export const activityExportJob: JobKind = {
  name: 'activity_export',
  claim: claimActivityExport,
  unfinished: unfinishedActivityExports,
  fail: failActivityExport,
  async prepare(ctx, id) {
    const accountId = await ctx.db.read((tx) => activityExportAccount(tx, id));
    if (accountId === null) return false;
    // Within the request's limits on the Worker: what is left is done by a later attempt.
    return (await catchUp(ctx.db, accountId, ctx.today(), ctx.recompute)) === 0;
  },
  async run(_ctx, tx, id) {
    const work = await activityExportToRun(tx, id);
    if (!work) return false;
    const currency = (await accountSettings(tx, work.accountId)).base_currency;
    await finishActivityExport(tx, id, await activitiesCsv(tx, work.accountId, work.params, currency));
    return true;
  },
};
