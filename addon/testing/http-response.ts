// HTTPResponse as UrlFetchApp returns it.
import { FakeBlob, toSignedBytes } from './blob.ts';
import type { Runtime } from './runtime.ts';

export class FakeHTTPResponse {
  constructor(
    private readonly rt: Runtime,
    private readonly status: number,
    private readonly rawHeaders: string[],
    private readonly body: Buffer,
  ) {}

  getResponseCode(): number { return this.status; }
  getContentText(charset = 'UTF-8'): string {
    return this.body.toString(/^(iso-8859-1|latin1)$/i.test(charset) ? 'latin1' : 'utf8');
  }
  getContent(): number[] { return this.rt.out(toSignedBytes(this.body)); }

  /** Header names as the server sent them; a repeated header keeps its last value. */
  getHeaders(): Record<string, string> {
    const out: Record<string, string> = {};
    for (let i = 0; i < this.rawHeaders.length; i += 2) out[this.rawHeaders[i]] = this.rawHeaders[i + 1];
    return this.rt.out(out);
  }

  /** A repeated header (Set-Cookie) as an array of its values. */
  getAllHeaders(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (let i = 0; i < this.rawHeaders.length; i += 2) {
      const [k, v] = [this.rawHeaders[i], this.rawHeaders[i + 1]];
      const prev = out[k];
      out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    return this.rt.out(out);
  }

  getBlob(): FakeBlob {
    const type = Object.entries(this.getHeaders()).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? null;
    return new FakeBlob(this.rt, Buffer.from(this.body), type);
  }
  getAs(contentType: string): FakeBlob { return this.getBlob().setContentType(contentType); }
}
