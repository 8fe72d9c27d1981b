// The Utilities global: formatDate and parseDate (SimpleDateFormat subsets), base64, digests, blobs, UUIDs, and
// sleep, which spends fake time instead of waiting.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { FakeBlob, toBuffer, toSignedBytes } from './blob.ts';
import { formatJavaDate } from './java-date-format.ts';
import { parseJavaDate } from './java-date-parse.ts';
import { isDate } from './realm.ts';
import type { Runtime } from './runtime.ts';

export const MAX_SLEEP_MS = 300000;

const DIGESTS: Record<string, string> = { MD2: 'md2', MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };

export class FakeUtilities {
  readonly DigestAlgorithm = Object.freeze(Object.fromEntries(Object.keys(DIGESTS).map((k) => [k, k])));
  readonly Charset = Object.freeze({ US_ASCII: 'US-ASCII', UTF_8: 'UTF-8' });
  readonly MacAlgorithm = Object.freeze({ HMAC_SHA_256: 'HMAC_SHA_256', HMAC_SHA_512: 'HMAC_SHA_512', HMAC_MD5: 'HMAC_MD5', HMAC_SHA_1: 'HMAC_SHA_1', HMAC_SHA_384: 'HMAC_SHA_384' });

  constructor(private readonly rt: Runtime) {}

  formatDate(date: Date, timeZone: string, format: string): string {
    this.rt.tick();
    if (!isDate(date) || Number.isNaN(date.getTime())) this.rt.fail('Invalid argument: date');
    try {
      return formatJavaDate(date.getTime(), String(timeZone), String(format));
    } catch (e) {
      return this.rt.fail(`Invalid argument: format (${(e as Error).message})`);
    }
  }

  /** The Date of a wall-clock text in the zone; a text that does not match the pattern throws. */
  parseDate(date: string, timeZone: string, format: string): Date {
    this.rt.tick();
    let ms: number | null;
    try {
      ms = parseJavaDate(String(date), String(timeZone), String(format));
    } catch (e) {
      return this.rt.fail(`Invalid argument: format (${(e as Error).message})`);
    }
    if (ms === null) this.rt.fail(`Unparseable date: "${String(date)}"`);
    return this.rt.out(new Date(ms));
  }

  sleep(milliseconds: number): void {
    if (!(milliseconds >= 0 && milliseconds <= MAX_SLEEP_MS)) this.rt.fail('Invalid argument: milliseconds');
    this.rt.spend(milliseconds);
  }

  base64Encode(data: unknown): string { return toBuffer(data).toString('base64'); }
  base64EncodeWebSafe(data: unknown): string { return toBuffer(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'); }
  base64Decode(encoded: string): number[] { return this.rt.out(toSignedBytes(Buffer.from(String(encoded), 'base64'))); }
  base64DecodeWebSafe(encoded: string): number[] { return this.base64Decode(String(encoded).replace(/-/g, '+').replace(/_/g, '/')); }

  computeDigest(algorithm: string, value: unknown): number[] {
    const alg = DIGESTS[algorithm];
    if (!alg) this.rt.fail('Invalid argument: algorithm');
    return this.rt.out(toSignedBytes(createHash(alg).update(toBuffer(value)).digest()));
  }

  computeHmacSha256Signature(value: unknown, key: unknown): number[] {
    return this.rt.out(toSignedBytes(createHmac('sha256', toBuffer(key)).update(toBuffer(value)).digest()));
  }

  newBlob(data: unknown, contentType?: string, name?: string): FakeBlob {
    return new FakeBlob(this.rt, toBuffer(data), contentType ?? null, name ?? null);
  }

  getUuid(): string { return randomUUID(); }

  /** %s %d %f %% like Java's String.format, enough for log lines. */
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return String(template).replace(/%(\.\d+)?([sdf%])/g, (_, prec: string | undefined, kind: string) => {
      if (kind === '%') return '%';
      const v = args[i++];
      if (kind === 'd') return String(Math.trunc(Number(v)));
      if (kind === 'f') return Number(v).toFixed(prec ? Number(prec.slice(1)) : 6);
      return String(v);
    });
  }
}
