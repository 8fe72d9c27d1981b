import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { cloudflareAddress, forwardedAddress, normaliseAddress, trustedProxies, type AddressOf } from './client-address.ts';

describe('client addresses', () => {
  it('count IPv4 as is, IPv4-mapped IPv6 as IPv4, and other IPv6 by its /64', () => {
    expect(normaliseAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(normaliseAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseAddress('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(normaliseAddress('2001:0db8:0001:0002:ffff::9')).toBe('2001:db8:1:2::/64');
    expect(normaliseAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(normaliseAddress('[::1]')).toBe('0:0:0:0::/64');
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(normaliseAddress('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
    // Not addresses: kept as given, bounded.
    expect(normaliseAddress('1:2:3')).toBe('1:2:3');
    expect(normaliseAddress('x'.repeat(500))).toBe('x'.repeat(64));
  });

  const seen = async (addressOf: AddressOf, headers: Record<string, string>) => {
    const app = new Hono().get('/', (c) => c.text(addressOf(c)));
    return (await app.request('/', { headers })).text();
  };

  it('behind N proxies take the N-th X-Forwarded-For entry from the right, the socket without the header', async () => {
    expect(await seen(forwardedAddress(1), { 'x-forwarded-for': '10.9.9.9, 203.0.113.9' })).toBe('203.0.113.9');
    expect(await seen(forwardedAddress(2), { 'x-forwarded-for': '10.9.9.9, 203.0.113.9, 192.0.2.1' })).toBe('203.0.113.9');
    expect(await seen(forwardedAddress(3), { 'x-forwarded-for': '203.0.113.9' })).toBe('203.0.113.9');
    expect(await seen(forwardedAddress(1), {})).toBe('unknown'); // app.request has no socket
    expect(await seen(forwardedAddress(0), { 'x-forwarded-for': '203.0.113.9' })).toBe('unknown');
  });

  it('on the Worker, CF-Connecting-IP', async () => {
    expect(await seen(cloudflareAddress, { 'cf-connecting-ip': '2001:db8::7' })).toBe('2001:db8:0:0::/64');
    expect(await seen(cloudflareAddress, {})).toBe('unknown');
  });

  it('MOGUL_TRUST_PROXY: how many proxies, 0 when unset; anything else is refused', () => {
    expect([undefined, '', '0', '1', ' 2 '].map(trustedProxies)).toEqual([0, 0, 0, 1, 2]);
    expect(() => trustedProxies('yes')).toThrow(
      "MOGUL_TRUST_PROXY must be how many reverse proxies stand in front of the server (usually 1), or 0; got 'yes'",
    );
  });
});
