/**
 * RFC 4180 CSV output: a field is quoted when it holds a comma, a quote, CR or LF (quotes
 * doubled); records end with `\n`; the header row comes first.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record with its `\n`. */
export function csvRecord(fields: readonly string[]): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) out += ',';
    out += csvField(fields[i]);
  }
  return out + '\n';
}

/** A whole CSV document (header + rows) as a string, for small outputs and tests. */
export function toCsv(header: readonly string[], rows: Iterable<readonly string[]>): string {
  let out = csvRecord(header);
  for (const row of rows) out += csvRecord(row);
  return out;
}

const CHUNK_CHARS = 1 << 20;

/**
 * Streams records to a file, joining them into ~1 MB chunks. `write` returns a promise only when
 * the stream asks the caller to wait (backpressure); await it before writing more.
 */
export class CsvFileWriter {
  private readonly stream: WriteStream;
  private buffer = '';
  rows = 0;

  constructor(readonly path: string, header: readonly string[]) {
    this.stream = createWriteStream(path, { highWaterMark: CHUNK_CHARS });
    this.buffer = csvRecord(header);
  }

  write(fields: readonly string[]): Promise<void> | undefined {
    this.buffer += csvRecord(fields);
    this.rows++;
    return this.buffer.length >= CHUNK_CHARS ? this.flush() : undefined;
  }

  private flush(): Promise<void> | undefined {
    const chunk = this.buffer;
    this.buffer = '';
    if (this.stream.write(chunk)) return undefined;
    return once(this.stream, 'drain').then(() => undefined);
  }

  async close(): Promise<void> {
    if (this.buffer) await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
