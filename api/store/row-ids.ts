/**
 * Row IDs for rows a batch COPYs in: UUIDs that grow in the order they are made (RFC 9562
 * version 7: the Unix millisecond, a 12-bit counter within it, 62 random bits) instead of
 * random ones. A random ID lands on a random page of the table's primary key index: every
 * page gets written again (and after a checkpoint logged whole to the WAL) as a table grows by
 * hundreds of thousands of rows; an ID made later lands on the index's last page.
 */
import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let counter = 0;

export function orderedUuids(count: number): string[] {
  const bytes = randomFillSync(Buffer.allocUnsafe(16 * count));
  const now = Date.now();
  // Never backwards within the process, even when the clock is set back.
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  }
  for (let i = 0; i < count; i++) {
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    const at = 16 * i;
    bytes.writeUIntBE(lastMs, at, 6);
    bytes.writeUInt16BE(0x7000 | counter++, at + 6);
    bytes[at + 8] = 0x80 | (bytes[at + 8] & 0x3f);
  }
  const hex = bytes.toString('hex');
  const ids = new Array<string>(count);
  for (let i = 0, h = 0; i < count; i++, h += 32) {
    ids[i] = `${hex.slice(h, h + 8)}-${hex.slice(h + 8, h + 12)}-${hex.slice(h + 12, h + 16)}-${hex.slice(h + 16, h + 20)}-${hex.slice(h + 20, h + 32)}`;
  }
  return ids;
}
