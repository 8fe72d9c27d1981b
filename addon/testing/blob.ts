// A minimal Blob: bytes with a content type and a name. Bytes are Java's signed bytes (-128..127).
import type { Runtime } from './runtime.ts';

export const toSignedBytes = (buf: Uint8Array): number[] => Array.from(buf, (b) => (b > 127 ? b - 256 : b));

/** A string (UTF-8), a byte array (signed or not) or a Blob, as bytes. */
export function toBuffer(data: unknown): Buffer {
  if (data instanceof FakeBlob) return Buffer.from(data.bytes);
  if (Array.isArray(data)) return Buffer.from(data.map((b: number) => b & 0xff));
  if (data instanceof Uint8Array) return Buffer.from(data);
  return Buffer.from(data === null || data === undefined ? '' : String(data), 'utf8');
}

export class FakeBlob {
  constructor(
    private readonly rt: Runtime,
    public bytes: Buffer,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {}

  getBytes(): number[] { return this.rt.out(toSignedBytes(this.bytes)); }
  getDataAsString(charset = 'UTF-8'): string {
    return this.bytes.toString(/^(iso-8859-1|latin1|us-ascii)$/i.test(charset) ? 'latin1' : 'utf8');
  }
  setDataFromString(s: string): this { this.bytes = Buffer.from(String(s), 'utf8'); return this; }
  setBytes(data: number[]): this { this.bytes = toBuffer(data); return this; }
  getContentType(): string | null { return this.contentType; }
  setContentType(type: string): this { this.contentType = type; return this; }
  getName(): string | null { return this.name; }
  setName(name: string): this { this.name = name; return this; }
  isGoogleType(): boolean { return false; }
  copyBlob(): FakeBlob { return new FakeBlob(this.rt, Buffer.from(this.bytes), this.contentType, this.name); }
  getAs(contentType: string): FakeBlob { return this.copyBlob().setContentType(contentType); }
  getBlob(): FakeBlob { return this; }
}
