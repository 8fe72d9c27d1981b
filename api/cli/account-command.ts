/** `mogul account create <name>`: another account on the same database; prints its key. */
import { createDb } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { UsageError } from './usage.ts';
import { createAccount } from '../store/accounts.ts';

export async function accountCommand(argv: string[]): Promise<number> {
  const [action, ...nameParts] = argv;
  const name = nameParts.join(' ').trim();
  if (action !== 'create' || !name) throw new UsageError('Usage: mogul account create <name>');
  const db = await createDb(process.env);
  try {
    await migrate(db);
    const account = await db.transaction((tx) => createAccount(tx, name));
    console.log(`Account '${account.name}' created (${account.id})`);
    console.log(`API key: ${account.key}`);
  } finally {
    await db.close();
  }
  return 0;
}

/** `mogul db migrate`: applies migrations (`npm run db:migrate`). */
export async function dbCommand(argv: string[]): Promise<number> {
  if (argv[0] !== 'migrate') throw new UsageError('Usage: mogul db migrate');
  const db = await createDb(process.env);
  try {
    await migrate(db);
    console.log(`Migrations applied (${db.describe})`);
  } finally {
    await db.close();
  }
  return 0;
}
