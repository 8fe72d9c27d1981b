import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FakeClock } from './clock.ts';
import { Runtime } from './runtime.ts';
import { startTestServer, type TestServer } from './test-server.test-util.ts';
import { FakeUrlFetchApp } from './url-fetch.ts';
import { whitelisted, whitelistProblems } from './url-whitelist.ts';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(() => server?.close());

const make = (costMs?: number, urlFetchWhitelist?: string[]) => {
  const rt = new Runtime(new FakeClock(0));
  return { rt, app: new FakeUrlFetchApp(rt, { costMs, urlFetchWhitelist }) };
};

describe('UrlFetchApp over real HTTP, synchronously', () => {
  test('POST with JSON, headers and Authorization', () => {
    const { app } = make();
    const res = app.fetch(`${server.url}/echo?x=1`, {
      method: 'post', contentType: 'application/json', payload: JSON.stringify({ a: 1 }),
      headers: { Authorization: 'Basic abc' },
    });
    expect(res.getResponseCode()).toBe(200);
    const echo = JSON.parse(res.getContentText());
    expect(echo).toMatchObject({ method: 'POST', url: '/echo?x=1', body: '{"a":1}' });
    expect(echo.headers).toMatchObject({ authorization: 'Basic abc', 'content-type': 'application/json' });
    expect(echo.headers['user-agent']).toContain('Google-Apps-Script');
    expect(res.getHeaders()['Content-Type']).toBe('application/json');
    expect(res.getBlob().getDataAsString()).toBe(res.getContentText());
    expect(app.requests[0]).toMatchObject({ method: 'POST', requestBytes: 7, status: 200 });
    expect(app.calls).toBe(1);
  });

  test('GET by default; an object payload is form-encoded', () => {
    const { app } = make();
    expect(JSON.parse(app.fetch(`${server.url}/echo`).getContentText()).method).toBe('GET');
    const echo = JSON.parse(app.fetch(`${server.url}/echo`, { method: 'put', payload: { a: 'x y', b: 2 } }).getContentText());
    expect(echo).toMatchObject({ method: 'PUT', body: 'a=x%20y&b=2' });
    expect(echo.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  test('a status >= 400 throws unless muteHttpExceptions', () => {
    const { app } = make();
    expect(() => app.fetch(`${server.url}/status/401`)).toThrow(
      `Request failed for ${server.url} returned code 401. Truncated server response: error 401: ${'x'.repeat(89)}... (use muteHttpExceptions option to examine full response)`,
    );
    const res = app.fetch(`${server.url}/status/422`, { muteHttpExceptions: true });
    expect(res.getResponseCode()).toBe(422);
    expect(res.getContentText()).toBe(`error 422: ${'x'.repeat(200)}`);
    expect(app.requests.map((r) => r.status)).toEqual([401, 422]);
  });

  test('redirects are followed unless followRedirects is false', () => {
    const { app } = make();
    expect(JSON.parse(app.fetch(`${server.url}/redirect`).getContentText()).url).toBe('/echo?from=redirect');
    const res = app.fetch(`${server.url}/redirect`, { followRedirects: false });
    expect(res.getResponseCode()).toBe(302);
    expect(res.getHeaders().Location).toBe('/echo?from=redirect');
  });

  test('repeated headers; bytes counted each way; fetchAll', () => {
    const { app } = make();
    expect(app.fetch(`${server.url}/cookies`).getAllHeaders()['Set-Cookie']).toEqual(['a=1', 'b=2']);
    app.reset();
    const [a, b] = app.fetchAll([{ url: `${server.url}/bytes/1000` }, { url: `${server.url}/echo`, method: 'post', payload: 'z'.repeat(5000) }]);
    expect(a.getContentText()).toHaveLength(1000);
    expect(b.getResponseCode()).toBe(200);
    expect(app.requests.map((r) => [r.requestBytes, r.responseBytes > 0])).toEqual([[0, true], [5000, true]]);
    expect(app.maxRequestBytes).toBe(5000);
  });

  test('fake time: each call costs costMs and the deadline applies', () => {
    const { rt, app } = make(100_000);
    rt.begin('normal');
    app.fetch(`${server.url}/echo`);
    expect(rt.clock.now()).toBe(100_000);
    app.fetch(`${server.url}/echo`);
    app.fetch(`${server.url}/echo`);
    expect(() => app.fetch(`${server.url}/echo`)).toThrow('Exceeded maximum execution time');
    expect(() => app.fetch(`${server.url}/echo`)).toThrow('Exceeded maximum execution time');
    expect(app.calls).toBe(4); // the 4th request reached the server; its answer was lost
  });

  test('bad URLs and unreachable hosts', () => {
    const { app } = make();
    expect(() => app.fetch('ftp://x/y')).toThrow('Invalid argument: ftp://x/y');
    expect(() => app.fetch(`${server.url}/${'a'.repeat(2100)}`)).toThrow('Limit Exceeded: URLFetch URL Length.');
    expect(() => app.fetch('http://127.0.0.1:1/')).toThrow('Address unavailable: http://127.0.0.1:1/');
  });

  test('an unknown host is a DNS error, as Apps Script reports it', () => {
    expect(() => make().app.fetch('https://mogul.invalid/v1/ping')).toThrow('DNS error: https://mogul.invalid/v1/ping');
  });

  test("with the manifest's urlFetchWhitelist, a URL outside it is refused before anything is sent", () => {
    const { app } = make(undefined, ['https://mogul.invalid/']);
    const url = `${server.url}/echo?x=1`;
    expect(() => app.fetch(url)).toThrow(`Request to ${url} failed because the URL has not been whitelisted in the script manifest.`);
    expect(() => app.fetchAll([{ url }])).toThrow('has not been whitelisted');
    expect(app.calls).toBe(0);
    // A URL inside it goes out (and fails like any unknown host).
    expect(() => app.fetch('https://mogul.invalid/sync/results')).toThrow('DNS error: https://mogul.invalid/sync/results');
    expect(app.calls).toBe(1);
  });

  test('without a whitelist (a test deployment) every URL may be fetched', () => {
    expect(make(undefined, undefined).app.fetch(`${server.url}/echo`).getResponseCode()).toBe(200);
  });
});

describe("urlFetchWhitelist's prefix rules (developers.google.com/apps-script/manifest/allowlist-url)", () => {
  test('a prefix matches itself and what is below it: a path segment, a query or a fragment', () => {
    const prefixes = ['https://example.com/foo'];
    for (const url of ['https://example.com/foo', 'https://example.com/foo/', 'https://example.com/foo/bar', 'https://example.com/foo?bar', 'https://example.com/foo#bar']) {
      expect(whitelisted(url, prefixes), url).toBe(true);
    }
    for (const url of ['https://example.com/foobar', 'https://example.com/Foo', 'http://example.com/foo', 'https://example.com/', 'https://example.com.evil.com/foo']) {
      expect(whitelisted(url, prefixes), url).toBe(false);
    }
    expect(whitelisted('https://EXAMPLE.com/foo/x', prefixes)).toBe(true); // host names are not case-sensitive; paths are
  });

  test('a leading wildcard matches one or more subdomains, never the bare domain', () => {
    const prefixes = ['https://*.example.com/foo'];
    expect(whitelisted('https://subdomain.example.com/foo', prefixes)).toBe(true);
    expect(whitelisted('https://any.number.of.subdomains.example.com/foo/x', prefixes)).toBe(true);
    expect(whitelisted('https://subdomain.example.com/bar', prefixes)).toBe(false);
    expect(whitelisted('https://example.com/foo', prefixes)).toBe(false);
    expect(whitelisted('https://subdomain.otherexample.com/foo', prefixes)).toBe(false);
  });

  test('the manifest is refused, as Apps Script refuses to save it, for a prefix that breaks the rules', () => {
    expect(whitelistProblems(['https://mogul.example.com/', 'https://*.example.com/foo'])).toEqual([]);
    expect(whitelistProblems(['http://mogul.example.com/'])).toEqual(['URLs must use the HTTPS scheme: http://mogul.example.com/']);
    expect(whitelistProblems(['https://mogul.example.com'])).toEqual(['URLs must have a non-empty path: https://mogul.example.com']);
    expect(whitelistProblems(['https://*.*.example.com/foo', 'https://subdomain.*.example.com/foo'])).toHaveLength(2);
  });
});

describe('UrlFetchApp in a test thread', () => {
  test('a server in the test thread is refused at once (it could never answer)', async () => {
    const local = createServer((_q, s) => s.end('x'));
    await new Promise<void>((r) => local.listen(0, '127.0.0.1', () => r()));
    const port = (local.address() as { port: number }).port;
    try {
      expect(() => make().app.fetch(`http://127.0.0.1:${port}/`)).toThrow("runs in the test's own thread");
    } finally {
      local.close();
    }
  });
});
