/**
 * COPY over the drivers' connections: rows in (FROM STDIN) and out (TO STDOUT) as COPY
 * text, for bulk writes and whole-table reads (see db/client.ts and store/copy-text.ts).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/** COPY FROM STDIN over a node-postgres connection (pg-copy-streams). */
export async function copyThrough(client: unknown, table: string, columns: readonly string[], text: string): Promise<void> {
  const stream = (client as pg.PoolClient).query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from([Buffer.from(text)]), stream);
}

/** UTF-8 bytes as text chunks; a character split across chunks is kept whole. */
export async function* decodeChunks(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  for await (const chunk of bytes) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** COPY (query) TO STDOUT over a node-postgres connection. */
export function copyOut(client: unknown, query: string): AsyncIterable<string> {
  return decodeChunks((client as pg.PoolClient).query(copyTo(`COPY (${query}) TO STDOUT`)));
}
