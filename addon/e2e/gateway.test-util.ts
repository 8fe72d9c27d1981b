// A small real HTTP server in a child process (UrlFetchApp blocks the test's thread) standing in
// front of the API: requests whose path starts with a rule's path get the rule's answer, the
// first `times` times; everything else is passed to the API (or, with none, answered 404).
// It plays a server that is still computing (503 + Retry-After) or a failing proxy (a 502 page).
import { spawn } from 'node:child_process';

export interface GatewayRule {
  method?: string;
  path: string;
  times: number;
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface Gateway {
  url: string;
  close(): void;
}

const SERVER = `
const http = require('node:http');
const { target, rules } = JSON.parse(process.argv[1]);
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const rule = rules.find((r) => r.times > 0 && req.url.startsWith(r.path) && (!r.method || r.method === req.method));
    if (rule) {
      rule.times--;
      res.writeHead(rule.status, { 'Content-Type': 'application/json', ...rule.headers });
      return res.end(rule.body);
    }
    if (!target) { res.writeHead(404); return res.end('no API behind this gateway'); }
    const forward = http.request(target + req.url, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
    forward.end(Buffer.concat(chunks));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

export function startGateway(target: string | null, rules: GatewayRule[]): Promise<Gateway> {
  const child = spawn(process.execPath, ['-e', SERVER, JSON.stringify({ target, rules })], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (d: Buffer) => {
      resolve({ url: `http://127.0.0.1:${String(d).trim()}`, close: () => { child.stdin!.end(); child.kill(); } });
    });
  });
}
