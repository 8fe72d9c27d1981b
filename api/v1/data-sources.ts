/**
 * /v1/data_sources: create, list, retrieve, delete. Deleting a data source deletes all of its
 * data (derived data included) and invalidates the account's caches.
 *
 * The list carries only `data_sources` (no has_more/cursor), as recorded: the Python client
 * builds its list result from exactly that key and fails on any other list key.
 */
import type { Context, Hono } from 'hono';
import { parseSettingsJson } from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import type { Env } from '../http/auth.ts';
import { validationFailed } from '../http/errors.ts';
import { deleteDataSource } from '../store/delete.ts';
import { account } from './conventions/account.ts';
import { isoOut } from './conventions/time.ts';
import { PREFIX, prefixed } from './conventions/ids.ts';
import { writeThenRecompute } from '../ingest/write.ts';
import { bumpDataVersion } from '../store/data-version.ts';
import { optionalString } from './conventions/body.ts';
import { readBody } from '../http/json-body.ts';
import { dataSourceById, dataSourceNotFound, type DataSourceRow } from './conventions/lookup.ts';
import { Where } from '../store/where.ts';

const NAME_REQUIRED = 'A name is required for each data source.';

interface Extras {
  processing: boolean;
  autoChurn: boolean;
  invoiceHandling: boolean;
}

function extrasOf(c: Context): Extras {
  const on = (name: string) => c.req.query(name) === 'true';
  return {
    processing: on('with_processing_status'),
    autoChurn: on('with_auto_churn_subscription_setting'),
    invoiceHandling: on('with_invoice_handling_setting'),
  };
}

/** How invoices make subscriptions here: voided and written-off invoices are left out of MRR. */
const INVOICE_HANDLING = {
  create_subscription_when_invoice_is: 'open',
  update_subscription_when_invoice_is: 'open',
  prevent_subscription_for_invoice_voided: true,
  prevent_subscription_for_invoice_refunded: false,
  prevent_subscription_for_invoice_written_off: true,
};

type Row = DataSourceRow & { imported: boolean; processed?: string | number };

const SELECT = `SELECT d.id, d.name, d.system, d.created_at AS "createdAt",
    (EXISTS (SELECT 1 FROM customers x WHERE x.data_source_id = d.id)
      OR EXISTS (SELECT 1 FROM plans x WHERE x.data_source_id = d.id)) AS imported`;
const PROCESSED = `, (SELECT count(*) FROM customers x WHERE x.data_source_id = d.id)
    + (SELECT count(*) FROM plans x WHERE x.data_source_id = d.id)
    + (SELECT count(*) FROM invoices x WHERE x.data_source_id = d.id) AS processed`;

function dataSourceJson(row: Row, extras: Extras, settings: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    uuid: prefixed(PREFIX.dataSource, row.id),
    name: row.name,
    system: row.system,
    created_at: isoOut(row.createdAt),
    status: row.imported ? 'idle' : 'never_imported',
  };
  if (extras.processing) out.processing_status = { processed: Number(row.processed ?? 0), failed: 0, pending: 0 };
  if (extras.autoChurn) {
    const days = parseSettingsJson(settings).settings.auto_churn;
    out.auto_churn_subscription_setting = { enabled: typeof days === 'number', interval: typeof days === 'number' ? days : null };
  }
  if (extras.invoiceHandling) out.invoice_handling_setting = { manual: INVOICE_HANDLING, automatic: INVOICE_HANDLING };
  return out;
}

async function readDataSources(tx: Tx, where: Where, extras: Extras): Promise<Row[]> {
  return tx.query<Row>(
    `${SELECT}${extras.processing ? PROCESSED : ''} FROM data_sources d WHERE ${where} ORDER BY d.created_at, d.id`,
    where.params,
  );
}

export function registerDataSources(app: Hono<Env>, ctx: AppContext): void {
  app.post('/v1/data_sources', async (c) => {
    const acc = account(c);
    const body = await readBody(c);
    const name = optionalString(body, 'name')?.trim();
    if (!name) throw validationFailed({ name: NAME_REQUIRED });
    if (name.length > 255) throw validationFailed({ name: 'name must be at most 255 characters' });
    const id = await writeThenRecompute(ctx, acc.id, async (tx) => {
      const rows = await tx.query<{ id: string }>(
        "INSERT INTO data_sources (account_id, name, system) VALUES ($1, $2, 'Import API') ON CONFLICT DO NOTHING RETURNING id",
        [acc.id, name],
      );
      if (rows.length === 0) throw validationFailed({ name: `A data source named '${name}' already exists.` });
      return { result: rows[0].id };
    });
    const extras = extrasOf(c);
    const [row] = await ctx.db.read((tx) => readDataSources(tx, new Where([]).add('d.account_id = $?', acc.id).add('d.id = $?', id), extras));
    return c.json(dataSourceJson(row, extras, acc.settings), 201);
  });

  app.get('/v1/data_sources', async (c) => {
    const acc = account(c);
    const where = new Where([]).add('d.account_id = $?', acc.id);
    const name = c.req.query('name');
    const system = c.req.query('system');
    if (name) where.add('d.name = $?', name);
    if (system) where.add('d.system = $?', system);
    const extras = extrasOf(c);
    const rows = await ctx.db.read((tx) => readDataSources(tx, where, extras));
    return c.json({ data_sources: rows.map((r) => dataSourceJson(r, extras, acc.settings)) });
  });

  app.get('/v1/data_sources/:ds', async (c) => {
    const acc = account(c);
    const extras = extrasOf(c);
    const rows = await ctx.db.read(async (tx) => {
      const ds = await dataSourceById(tx, acc.id, c.req.param('ds'));
      if (!ds) throw dataSourceNotFound();
      return readDataSources(tx, new Where([]).add('d.account_id = $?', acc.id).add('d.id = $?', ds.id), extras);
    });
    return c.json(dataSourceJson(rows[0], extras, acc.settings));
  });

  app.delete('/v1/data_sources/:ds', async (c) => {
    const acc = account(c);
    await writeThenRecompute(ctx, acc.id, async (tx) => {
      const ds = await dataSourceById(tx, acc.id, c.req.param('ds'));
      if (!ds) throw dataSourceNotFound();
      // Its billing rows, then the data source: customers, plans, contacts and derived data
      // go with it by cascade.
      await deleteDataSource(tx, acc.id, ds.id);
      await bumpDataVersion(tx, acc.id);
      return { result: null };
    });
    return c.body(null, 204);
  });
}
