// A tiny HTTP server in a child process (UrlFetchApp blocks the test's own thread):
//   /echo            answers {method, url, headers, body} as JSON
//   /status/N        answers status N with the body "error N: " + 200 x's
//   /redirect        302 to /echo
//   /bytes/N         N bytes of 'a'
//   /cookies         two Set-Cookie headers
//   /long-error/...  answers 500 with JSON {"message": …} of 30,000 UTF-8 bytes (Japanese text)
import { spawn, type ChildProcess } from 'node:child_process';

const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://x');
    const m = /^\\/status\\/(\\d+)$/.exec(url.pathname);
    const b = /^\\/bytes\\/(\\d+)$/.exec(url.pathname);
    if (m) { res.writeHead(Number(m[1]), { 'Content-Type': 'text/plain' }); res.end('error ' + m[1] + ': ' + 'x'.repeat(200)); }
    else if (b) { res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('a'.repeat(Number(b[1]))); }
    else if (url.pathname.startsWith('/long-error/')) { res.writeHead(500, { 'Content-Type': 'application/json' }); res.end(JSON.stringify({ message: '長いエラー'.repeat(2000) })); }
    else if (url.pathname === '/redirect') { res.writeHead(302, { Location: '/echo?from=redirect' }); res.end(); }
    else if (url.pathname === '/cookies') { res.setHeader('Set-Cookie', ['a=1', 'b=2']); res.setHeader('X-Custom-Header', 'yes'); res.end('ok'); }
    else { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body })); }
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

export interface TestServer {
  url: string;
  close(): void;
}

export function startTestServer(): Promise<TestServer> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (d: Buffer) => {
      resolve({ url: `http://127.0.0.1:${String(d).trim()}`, close: () => { child.stdin!.end(); child.kill(); } });
    });
  });
}
