import { describe, expect, test } from 'vitest';
import { FakeClock } from './clock.ts';
import { Runtime } from './runtime.ts';
import { FakeUtilities } from './utilities.ts';

const make = () => {
  const rt = new Runtime(new FakeClock(0));
  return { rt, u: new FakeUtilities(rt) };
};

describe('Utilities', () => {
  test('formatDate: SimpleDateFormat subset in a time zone', () => {
    const { u } = make();
    const d = new Date('2024-01-31T23:30:05.123Z');
    expect(u.formatDate(d, 'Etc/UTC', 'yyyy-MM-dd HH:mm:ss')).toBe('2024-01-31 23:30:05');
    expect(u.formatDate(d, 'Europe/Berlin', 'yyyy-MM-dd')).toBe('2024-02-01');
    expect(u.formatDate(d, 'America/New_York', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe('2024-01-31T18:30:05.123-05:00');
    expect(u.formatDate(d, 'Etc/UTC', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2024-01-31T23:30:05Z');
    expect(u.formatDate(d, 'Asia/Kolkata', 'EEE, d MMM yy h:mm a Z')).toBe('Thu, 1 Feb 24 5:00 AM +0530');
    expect(u.formatDate(d, 'Europe/Berlin', 'MMMM')).toBe('February');
    expect(() => u.formatDate('2024' as unknown as Date, 'Etc/UTC', 'yyyy')).toThrow('Invalid argument: date');
  });

  test('base64, digests, blobs', () => {
    const { u } = make();
    expect(u.base64Encode('héllo')).toBe(Buffer.from('héllo').toString('base64'));
    expect(u.base64Encode('user:key')).toBe('dXNlcjprZXk=');
    const bytes = u.base64Decode('/w==');
    expect(bytes).toEqual([-1]);
    expect(u.newBlob(u.base64Decode(u.base64Encode('héllo'))).getDataAsString()).toBe('héllo');
    expect(u.computeDigest('SHA_256', 'abc').slice(0, 3)).toEqual([-70, 120, 22]);
    const blob = u.newBlob('x', 'text/plain', 'a.txt');
    expect([blob.getContentType(), blob.getName(), blob.getBytes()]).toEqual(['text/plain', 'a.txt', [120]]);
    expect(u.base64EncodeWebSafe([251, 255])).toBe('-_8=');
  });

  test('sleep spends fake time and respects the deadline', () => {
    const { rt, u } = make();
    u.sleep(1500);
    expect(rt.clock.now()).toBe(1500);
    expect(() => u.sleep(300001)).toThrow('Invalid argument: milliseconds');
    rt.begin('normal', 2000);
    u.sleep(2000);
    expect(() => u.sleep(1)).toThrow('Exceeded maximum execution time');
  });

  test('formatString', () => {
    expect(make().u.formatString('%s has %d rows (%.1f%%)', 'Customers', 12.7, 3.14159)).toBe('Customers has 12 rows (3.1%)');
  });

  test('parseDate reads a wall-clock text in the zone', () => {
    const { u } = make();
    expect(u.parseDate('2024-01-31', 'Pacific/Auckland', 'yyyy-MM-dd')).toEqual(new Date('2024-01-30T11:00:00Z'));
    expect(u.parseDate('2024-07-01 09:30:15', 'America/Los_Angeles', 'yyyy-MM-dd HH:mm:ss')).toEqual(new Date('2024-07-01T16:30:15Z'));
    expect(u.parseDate("31/01/2024 at 10", 'UTC', "dd/MM/yyyy 'at' HH")).toEqual(new Date('2024-01-31T10:00:00Z'));
    expect(() => u.parseDate('January 31', 'UTC', 'yyyy-MM-dd')).toThrow('Unparseable date: "January 31"');
  });
});
