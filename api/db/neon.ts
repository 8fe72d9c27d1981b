/**
 * Neon's serverless driver: the PostgreSQL protocol over WebSockets, on Node (with `ws`) and
 * in a Cloudflare Worker (its own WebSocket). Runs on Neon, or on any PostgreSQL behind a
 * WebSocket-to-TCP relay (tests: api/testing/neon-relay.ts).
 */
import { Pool, neonConfig } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import { copyThrough } from './copy-streams.ts';
import { redact, type Database, type Drizzle } from './database.ts';
import { poolDatabase, type PoolLike } from './pool-database.ts';
import * as schema from './schema.ts';

export interface NeonOptions {
  /** A WebSocket proxy (host:port/path) instead of Neon's own, e.g. a local relay. */
  proxy?: string;
  /** The WebSocket class where there is no global one (Node: `ws`). */
  webSocket?: unknown;
  /** Connections at most (default 10; a Worker request needs few). */
  max?: number;
  /** COPY FROM STDIN through pg-copy-streams (Node); without it bulk writes use INSERT. */
  copy?: boolean;
}

export function createNeon(url: string, options: NeonOptions = {}): Database {
  if (options.webSocket) neonConfig.webSocketConstructor = options.webSocket as typeof WebSocket;
  if (options.proxy) {
    const proxy = options.proxy;
    // A local WebSocket-to-TCP relay speaks plain ws:// and no TLS inside; it is told which
    // Postgres to reach in the address parameter, as Neon's own proxy is.
    neonConfig.wsProxy = (host: string, port: number | string) => `${proxy}?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({ connectionString: url, max: options.max ?? 10 });
  return poolDatabase({
    kind: 'neon',
    describe: `Neon (serverless driver) at ${redact(url)}`,
    pool: pool as unknown as PoolLike,
    wrap: (client) => drizzle(client as never, { schema }) as unknown as Drizzle,
    // Neon's WebSocket stands in for a socket without pause(), which reading a COPY needs:
    // no copyTo.
    copyFrom: options.copy === false ? undefined : copyThrough,
  });
}
