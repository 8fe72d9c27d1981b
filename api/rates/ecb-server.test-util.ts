/**
 * A local stand-in for ECB's rates server: a real HTTP server on an ephemeral port that serves
 * a file in ECB's format, written by the test, so no test reaches the internet.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Units per euro, per day: { '2024-01-02': { USD: '1.0956', … }, … }. */
export type EcbDays = Record<string, Record<string, string>>;

/** The days in ECB's XML, newest first as ECB writes them. */
export function ecbXml(days: EcbDays): string {
  const cubes = Object.keys(days).sort().reverse().map((day) =>
    `\t\t<Cube time="${day}">\n${Object.entries(days[day]).map(([c, r]) => `\t\t\t<Cube currency="${c}" rate="${r}"/>\n`).join('')}\t\t</Cube>\n`);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">\n' +
    '\t<gesmes:subject>Reference rates</gesmes:subject>\n\t<gesmes:Sender>\n\t\t<gesmes:name>European Central Bank</gesmes:name>\n\t</gesmes:Sender>\n' +
    `\t<Cube>\n${cubes.join('')}\t</Cube>\n</gesmes:Envelope>\n`;
}

export interface EcbServer {
  /** The history file's URL (…/eurofxref-hist.xml, any query); any other path is a 404. */
  url: string;
  /** What the next requests get: XML text, or a status to answer instead. */
  serve(body: string | number): void;
  /** Requests answered so far. */
  requests(): number;
  close(): Promise<void>;
}

export async function startEcbServer(body: string | number): Promise<EcbServer> {
  let current = body;
  let count = 0;
  const server = createServer((req, res) => {
    count++;
    if (req.url?.split('?')[0] !== '/stats/eurofxref/eurofxref-hist.xml') return res.writeHead(404).end('Not found');
    if (typeof current === 'number') return res.writeHead(current).end(`status ${current}`);
    res.writeHead(200, { 'content-type': 'text/xml' }).end(current);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/stats/eurofxref/eurofxref-hist.xml`,
    serve: (b) => (current = b),
    requests: () => count,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
