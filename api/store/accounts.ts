/** Accounts and their API keys. Keys are random, shown once, and stored only as SHA-256. */
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/database.ts';
import { accounts, apiKeys, dirtyCustomers } from '../db/schema.ts';
import { SettingError } from '../setting-error.ts';

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateKey(): string {
  return randomBytes(20).toString('hex');
}

export interface CreatedAccount {
  id: string;
  name: string;
  key: string;
}

export async function createAccount(tx: Tx, name: string, key: string = generateKey()): Promise<CreatedAccount> {
  const [account] = await tx.db.insert(accounts).values({ name }).returning({ id: accounts.id });
  await tx.db.insert(apiKeys).values({ accountId: account.id, keyHash: hashKey(key), label: 'default' });
  return { id: account.id, name, key };
}

export interface AccountRow {
  id: string;
  name: string;
  settings: Record<string, unknown>;
  dataVersion: number;
  computedDay: string | null;
  /** Customers were marked for recompute when the key was checked (derived/freshness.ts freshVersion). */
  pending: boolean;
}

/** An AccountRow's columns, as the key check and accountById read them. */
const ACCOUNT_ROW = {
  id: accounts.id, name: accounts.name, settings: accounts.settings, dataVersion: accounts.dataVersion,
  computedDay: accounts.computedDay,
  pending: sql<boolean>`EXISTS (SELECT 1 FROM ${dirtyCustomers} WHERE ${dirtyCustomers.accountId} = ${accounts.id})`,
};

/** The key check of every request, prepared once per connection (its drizzle): parsed and planned once. */
function keyCheck(db: Tx['db']) {
  return db
    .select(ACCOUNT_ROW)
    .from(apiKeys)
    .innerJoin(accounts, eq(apiKeys.accountId, accounts.id))
    .where(eq(apiKeys.keyHash, sql.placeholder('hash')))
    .limit(1)
    .prepare('mogul_key_check');
}

const keyChecks = new WeakMap<object, ReturnType<typeof keyCheck>>();

/** The account of an API key, with what a read needs to know of its state: one round trip. */
export async function accountForKey(tx: Tx, key: string): Promise<AccountRow | null> {
  let check = keyChecks.get(tx.db);
  if (!check) keyChecks.set(tx.db, (check = keyCheck(tx.db)));
  const rows = await check.execute({ hash: hashKey(key) });
  return rows[0] ?? null;
}

/** An account's row as the key check gives it (accountForKey), by its ID: for work no request started (a prebuild after a queued recompute). */
export async function accountById(tx: Tx, accountId: string): Promise<AccountRow | null> {
  const [row] = await tx.db
    .select(ACCOUNT_ROW)
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row ?? null;
}

/** The default account of a fresh database: the first one created. */
export async function firstAccount(tx: Tx): Promise<{ id: string } | null> {
  const rows = await tx.db.select({ id: accounts.id }).from(accounts).orderBy(accounts.createdAt).limit(1);
  return rows[0] ?? null;
}

/** Makes `key` a key of the account (MOGUL_API_KEY), if it is not one already. */
export async function ensureKey(tx: Tx, accountId: string, key: string): Promise<void> {
  await tx.db.insert(apiKeys).values({ accountId, keyHash: hashKey(key), label: 'MOGUL_API_KEY' }).onConflictDoNothing({ target: apiKeys.keyHash });
}

/**
 * MOGUL_API_KEY as given, or undefined when unset. A key HTTP Basic cannot carry, or one that
 * would not survive being typed again (empty, blank, spaces at an end, control characters),
 * is refused: an empty one would make '' a key, which any client without one sends.
 */
export function keySetting(value: string | undefined, name = 'MOGUL_API_KEY'): string | undefined {
  if (value === undefined) return undefined;
  const fix = 'unset it, or set it to the key you want';
  if (value.trim() === '') return refuse(`${name} is set but ${value ? 'blank' : 'empty'}: ${fix}.`);
  if (value.trim() !== value) return refuse(`${name} has spaces or line breaks at its start or end: ${fix}.`);
  if (/[\x00-\x1f\x7f]/.test(value)) return refuse(`${name} contains a control character: ${fix}.`);
  if (value.includes(':')) return refuse(`${name} contains ':', which HTTP Basic auth cannot carry in a user name: ${fix}.`);
  return value;
}

function refuse(message: string): never {
  throw new SettingError(message);
}

/** Makes sure the default account exists; returns its key when this call knows it. */
export async function ensureDefaultAccount(db: Database, setting: string | undefined): Promise<{ key: string | null; created: boolean }> {
  const key = keySetting(setting);
  return db.transaction(async (tx) => {
    const existing = await firstAccount(tx);
    if (!existing) {
      const account = await createAccount(tx, 'Default', key);
      return { key: account.key, created: true };
    }
    if (key) await ensureKey(tx, existing.id, key);
    return { key: key ?? null, created: false };
  });
}

/** Replaces the account's stored settings (only those that differ from the defaults). */
export async function saveSettings(tx: Tx, accountId: string, settings: Record<string, unknown>): Promise<void> {
  await tx.db.update(accounts).set({ settings }).where(eq(accounts.id, accountId));
}
