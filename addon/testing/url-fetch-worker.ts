// The worker thread behind the synchronous UrlFetchApp: real HTTP with node:http(s), redirects
// followed by hand (301/302/303 turn into GET), raw header names kept as the server sent them.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { runAsWorker } from 'synckit';
import { MAX_REDIRECTS, type WireRequest, type WireResponse } from './url-fetch-wire.ts';

function once(req: WireRequest, url: URL, body: Buffer | null): Promise<{ res: IncomingMessage; data: Buffer }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string | number> = { ...req.headers };
    if (body) headers['Content-Length'] = body.length;
    const r = send(url, { method: req.method, headers, timeout: req.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ res, data: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    r.on('timeout', () => r.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    r.on('error', reject);
    r.end(body ?? undefined);
  });
}

async function fetchOne(req: WireRequest): Promise<WireResponse> {
  let url = new URL(req.url);
  let method = req.method;
  let body = req.bodyBase64 === null ? null : Buffer.from(req.bodyBase64, 'base64');
  try {
    for (let hop = 0; ; hop++) {
      const { res, data } = await once({ ...req, method }, url, body);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (req.followRedirects && status >= 300 && status < 400 && location && hop < MAX_REDIRECTS) {
        url = new URL(location, url);
        if (status !== 307 && status !== 308) [method, body] = ['GET', null];
        continue;
      }
      return { ok: true, status, rawHeaders: res.rawHeaders, bodyBase64: data.toString('base64'), finalUrl: url.href };
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    const target = req.url;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { ok: false, error: `DNS error: ${target}` };
    if (code === 'ETIMEDOUT') return { ok: false, error: `Timeout: ${target}` };
    return { ok: false, error: `Address unavailable: ${target}` };
  }
}

runAsWorker(async (requests: WireRequest[]): Promise<WireResponse[]> => Promise.all(requests.map(fetchOne)));
