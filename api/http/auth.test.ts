/**
 * Authentication against a real HTTP server: 401 answers carry WWW-Authenticate (on /v1 and
 * /sync, every target); failed authentications are throttled per client address (429 with
 * Retry-After once an address has failed ten times), while keys that worked from that address
 * go on working, other addresses are unaffected, and the address may try again as its
 * allowance refills (an injected clock, no waiting). Addresses come from real sockets
 * (127.0.0.1 and 127.0.0.2: Linux answers on the whole of 127/8), and behind a proxy from
 * X-Forwarded-For when MOGUL_TRUST_PROXY says so.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server.ts';
import { testDatabase, type TestDatabase } from '../testing/databases.test-util.ts';
import { startTestServer, type TestServer } from '../testing/server.test-util.ts';
import { closeWorkers, startServerFor, targets, testDatabaseFor } from '../testing/targets.test-util.ts';
import { AuthThrottle } from './auth-throttle.ts';

const UNAUTHORIZED = { code: 401, message: 'No valid API key provided', param: null };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: any;
}

/** GET with Basic auth of `key` (none when null), from `from` (a local address) and with extra headers. */
function get(url: string, path: string, key: string | null, options: { from?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const target = new URL(path, url);
  const headers: Record<string, string> = { ...options.headers };
  if (key !== null) headers.authorization = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, headers, localAddress: options.from, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, json: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const wrongKey = (n: number) => `wrong-key-${n}`;

for (const target of targets()) {
  describe(`401 answers (${target})`, () => {
    let database: TestDatabase;
    let server: TestServer;
    beforeAll(async () => {
      database = await testDatabaseFor(target);
      server = await startServerFor(target, database);
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      await closeWorkers();
      await database?.drop();
    });

    it('carry WWW-Authenticate: Basic on /v1 and /sync, with the /v1 error body', async () => {
      for (const path of ['/v1/ping', '/sync/results']) {
        for (const key of [null, 'not-a-key']) {
          const answer = await get(server.url, path, key);
          expect(answer.status, `${path} with ${key}`).toBe(401);
          expect(answer.headers['www-authenticate']).toBe('Basic realm="Mogul"');
          expect(answer.json).toEqual(UNAUTHORIZED);
        }
      }
      const ok = await get(server.url, '/v1/ping', server.key);
      expect(ok.status).toBe(200);
      expect(ok.headers['www-authenticate']).toBeUndefined();
    });
  });
}

describe('failed authentications, throttled per client address', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase('pglite');
  }, 120_000);
  afterAll(() => database?.drop());

  it.runIf(process.platform === 'linux')(
    'ten failures from an address, then 429 with Retry-After; keys that worked from it still work, other addresses are unaffected, and it may try again as time passes',
    async () => {
      let now = 0;
      const server = await startTestServer(database.db, { authThrottle: { now: () => now } });
      try {
        const here = (path: string, key: string | null) => get(server.url, path, key, { from: '127.0.0.1' });
        const there = (path: string, key: string | null) => get(server.url, path, key, { from: '127.0.0.2' });
        const other = await server.newAccount('Other');
        expect((await here('/v1/ping', server.key)).status).toBe(200); // a client at work before the guessing starts

        for (let n = 0; n < 10; n++) expect((await here('/v1/ping', wrongKey(n))).status).toBe(401);
        const throttled = await here('/v1/ping', wrongKey(10));
        expect(throttled.status).toBe(429);
        expect(throttled.headers['retry-after']).toBe('6');
        expect(throttled.json).toEqual({ code: 429, message: 'Too many failed authentications from your address: retry after 6 s', param: null });
        expect((await here('/sync/results', wrongKey(11))).status).toBe(429);

        // The key that worked from this address goes through, on /v1 and /sync; a key never seen
        // from here waits like any guess (telling it apart would tell a guesser it is right).
        expect((await here('/v1/ping', server.key)).status).toBe(200);
        expect((await here('/sync/results', server.key)).status).toBe(200);
        expect((await here('/v1/ping', other.key)).status).toBe(429);
        // A request without a key guesses nothing: 401, not counted.
        expect((await here('/v1/ping', null)).status).toBe(401);

        // Another address: unaffected.
        expect((await there('/v1/ping', wrongKey(12))).status).toBe(401);
        expect((await there('/v1/ping', other.key)).status).toBe(200);

        // Retries while throttled are not counted; one more try every 6 s.
        now += 5_000;
        const almost = await here('/v1/ping', wrongKey(13));
        expect([almost.status, almost.headers['retry-after']]).toEqual([429, '1']);
        now += 1_000;
        expect((await here('/v1/ping', wrongKey(14))).status).toBe(401);
        expect((await here('/v1/ping', wrongKey(15))).status).toBe(429);
        // A success refunds nothing.
        expect((await here('/v1/ping', server.key)).status).toBe(200);
        expect((await here('/v1/ping', wrongKey(16))).status).toBe(429);
        // After a minute, the whole allowance is back (ten tries), and the new key gets through.
        now += 60_000;
        expect((await here('/v1/ping', other.key)).status).toBe(200);
        for (let n = 0; n < 10; n++) expect((await here('/v1/ping', wrongKey(20 + n))).status).toBe(401);
        expect((await here('/v1/ping', wrongKey(30))).status).toBe(429);
        expect((await here('/v1/ping', other.key)).status).toBe(200); // it has worked from here now
      } finally {
        await server.close();
      }
    },
  );

  it('X-Forwarded-For is not trusted by default: whatever it says, the failures count against the socket address', async () => {
    const server = await startTestServer(database.db, { authThrottle: { now: () => 0 } });
    try {
      const statuses = [];
      for (let n = 0; n < 11; n++) {
        statuses.push((await get(server.url, '/v1/ping', wrongKey(n), { headers: { 'x-forwarded-for': `203.0.113.${n}` } })).status);
      }
      expect(statuses).toEqual([...Array(10).fill(401), 429]);
    } finally {
      await server.close();
    }
  });

  describe('behind a reverse proxy (MOGUL_TRUST_PROXY=1)', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(
        { PORT: '0', MOGUL_TRUST_PROXY: '1', MOGUL_API_KEY: 'proxied-client-key' },
        { memory: true, log: () => {}, logError: () => {}, authThrottle: { now: () => 0 } },
      );
    }, 120_000);
    afterAll(() => server?.close());

    it('counts by the address the proxy saw (the last X-Forwarded-For entry), never by what the client wrote to its left', async () => {
      const via = (client: string, key: string, spoofed?: string) =>
        get(server.url, '/v1/ping', key, { headers: { 'x-forwarded-for': spoofed ? `${spoofed}, ${client}` : client } });
      expect((await via('198.51.100.7', 'proxied-client-key')).status).toBe(200);
      for (let n = 0; n < 10; n++) expect((await via('203.0.113.9', wrongKey(n), `10.0.0.${n}`)).status).toBe(401);
      expect((await via('203.0.113.9', wrongKey(10), '10.0.0.99')).status).toBe(429);
      expect((await via('203.0.113.10', wrongKey(11))).status).toBe(401);
      expect((await via('198.51.100.7', 'proxied-client-key')).status).toBe(200);
      // The proxy itself (the socket's address) is not throttled by its clients' failures.
      expect((await get(server.url, '/v1/ping', 'proxied-client-key')).status).toBe(200);
    });
  });
});

describe('the throttle keeps its memory bounded', () => {
  it('remembers at most maxAddresses addresses, forgetting the least recently seen first', () => {
    const throttle = new AuthThrottle({ burst: 1, maxAddresses: 3, now: () => 0 });
    for (const address of ['a', 'b', 'c']) throttle.failed(address);
    expect(['a', 'b', 'c'].map((a) => throttle.retryAfter(a, 'hash'))).toEqual([6, 6, 6]);
    throttle.failed('d'); // 'a' was seen least recently (the checks above went a, b, c)
    expect(throttle.size).toBe(3);
    expect(throttle.retryAfter('a', 'hash')).toBe(null);
    expect(throttle.retryAfter('d', 'hash')).toBe(6);
    for (let n = 0; n < 1000; n++) throttle.succeeded(`address ${n}`, `hash ${n}`);
    expect(throttle.size).toBe(3);
  });

  it('remembers a few valid keys per address, the most recently used', () => {
    const throttle = new AuthThrottle({ burst: 1, keysPerAddress: 2, now: () => 0 });
    for (const hash of ['k1', 'k2', 'k3']) throttle.succeeded('a', hash);
    throttle.failed('a');
    expect(['k1', 'k2', 'k3'].map((h) => throttle.retryAfter('a', h))).toEqual([6, null, null]);
  });
});
