/**
 * The address a request came from, by which failed authentications are throttled. The Node
 * server takes the socket's peer. Behind reverse proxies every request comes from the nearest
 * proxy, so MOGUL_TRUST_PROXY=N (how many proxies stand in front, usually 1) takes the address
 * the outermost of them saw: the N-th X-Forwarded-For entry from the right (each proxy appends
 * its peer; entries further left are whatever the client wrote, so they are never trusted).
 * The Worker takes CF-Connecting-IP, which Cloudflare sets. IPv6 addresses count by their /64
 * (what one host or customer usually gets), IPv4-mapped IPv6 as the IPv4 address.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { SettingError } from '../setting-error.ts';

export type AddressOf = (c: Context) => string;

const UNKNOWN = 'unknown';

/** The socket's peer on the Node server ('unknown' where there is no socket). */
export const peerAddress: AddressOf = (c) => {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return normaliseAddress(incoming?.socket?.remoteAddress ?? UNKNOWN);
};

/** The address the outermost of `proxies` trusted reverse proxies saw; the peer when there are none. */
export function forwardedAddress(proxies: number): AddressOf {
  if (proxies === 0) return peerAddress;
  return (c) => {
    const entries = (c.req.header('x-forwarded-for') ?? '').split(',').map((e) => e.trim()).filter(Boolean);
    if (entries.length === 0) return peerAddress(c); // not through the proxy
    return normaliseAddress(entries[Math.max(0, entries.length - proxies)]);
  };
}

/** The Worker: Cloudflare's CF-Connecting-IP. */
export const cloudflareAddress: AddressOf = (c) => normaliseAddress(c.req.header('cf-connecting-ip') ?? UNKNOWN);

/** MOGUL_TRUST_PROXY: how many reverse proxies to trust (0 when unset). */
export function trustedProxies(setting: string | undefined): number {
  if (setting === undefined || setting.trim() === '') return 0;
  if (!/^\d{1,2}$/.test(setting.trim())) {
    throw new SettingError(
      `MOGUL_TRUST_PROXY must be how many reverse proxies stand in front of the server (usually 1), or 0; got '${setting}'`,
    );
  }
  return Number(setting.trim());
}

/** IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 as its /64 prefix; anything else as given (bounded). */
export function normaliseAddress(raw: string): string {
  const address = raw.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address.slice(0, 64);
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address.slice(0, 64);
}

/** The eight 16-bit groups of an IPv6 address (lower-case, no leading zeros), or null if it is not one. */
function expandIpv6(address: string): string[] | null {
  let text = address.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text); // ::1.2.3.4 and the like
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    if ([a, b, c, d].some((n) => n > 255)) return null;
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => g.replace(/^0+(?=.)/, ''));
}
