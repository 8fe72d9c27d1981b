// UrlFetchApp blocks this thread until the answer comes; a server listening in this same thread
// could never answer. Say so at once instead of hanging until the timeout.
import type { Server } from 'node:net';
import type { Runtime } from './runtime.ts';

type WithHandles = { _getActiveHandles?: () => unknown[] };

function portsListenedHere(): Set<number> {
  const handles = (process as unknown as WithHandles)._getActiveHandles?.() ?? [];
  const ports = new Set<number>();
  for (const h of handles) {
    const addr = typeof (h as Server)?.address === 'function' && (h as Server).listening ? (h as Server).address() : null;
    if (addr && typeof addr === 'object') ports.add(addr.port);
  }
  return ports;
}

export function checkNotSameThread(rt: Runtime, url: string): void {
  const u = new URL(url);
  if (!/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(u.hostname)) return;
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  if (portsListenedHere().has(port)) {
    rt.fail(`UrlFetchApp fake: the server on port ${port} runs in the test's own thread, which UrlFetchApp blocks; start it in a child process or a worker thread`);
  }
}
