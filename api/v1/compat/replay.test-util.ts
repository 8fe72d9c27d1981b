/**
 * Replays one recording against our server in a fresh account: the fixture step first, then
 * each request in order with our IDs and cursors in place of the recorded ones, comparing
 * the status code and the JSON structure of each response with the recorded one.
 */
import type { TestServer } from '../../testing/server.test-util.ts';
import type { Cassette, Interaction } from './cassettes.test-util.ts';
import { ANY_ID, IdMap } from './ids.test-util.ts';
import { seedWorld, World } from './seed.test-util.ts';
import { compareShapes } from './shape.test-util.ts';

export interface ReplayResult {
  /** One line per difference, naming the interaction. */
  mismatches: string[];
  /** Keys we send that the recording lacks, per interaction (not failures). */
  extra: string[];
  /** What the replay had to adapt (e.g. a cursor we did not give out). */
  notes: string[];
}

const BAD_KEY = 'not-a-valid-api-key';

/**
 * Differences from the recordings that are kept on purpose, because an official client
 * breaks on the recorded shape: they are listed in the notes instead of failing.
 */
const KNOWN_DEVIATIONS: readonly { method: string; path: RegExp; mismatch: string; reason: string }[] = [];

function deviation(method: string, path: string, mismatch: string): string | undefined {
  return KNOWN_DEVIATIONS.find((d) => d.method === method && d.path.test(path) && d.mismatch === mismatch)?.reason;
}

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!text.trim()) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The recorded path with our IDs, and our cursor for a recorded one (dropped when we gave none). */
function requestPath(i: Interaction, ids: IdMap, notes: string[], label: string): string {
  const url = new URL(i.path, 'http://recorded');
  const query = new URLSearchParams();
  for (const [k, v] of url.searchParams) {
    if (k === 'cursor') {
      const ours = ids.cursors.get(v);
      if (ours) query.append(k, ours);
      else notes.push(`${label}: recorded cursor has no counterpart (our previous page had none); sent without cursor`);
    } else {
      query.append(k, ids.rewrite(v));
    }
  }
  const q = query.toString();
  return `${ids.rewrite(url.pathname)}${q ? `?${q}` : ''}`;
}

export async function replay(cassette: Cassette, server: TestServer, key: string): Promise<ReplayResult> {
  const result: ReplayResult = { mismatches: [], extra: [], notes: [] };
  const ids = new IdMap();
  await seedWorld(new World(cassette), server, key, ids);
  for (const [n, i] of cassette.interactions.entries()) {
    const label = `#${n + 1} ${i.method} ${i.path.split('?')[0]}`;
    const path = requestPath(i, ids, result.notes, label);
    const send = i.method === 'GET' || i.method === 'HEAD' || i.body === '' ? undefined : ids.rewrite(i.body);
    // IDs still as recorded after rewriting (ours never appear in a recording).
    const unmapped = `${path} ${send ?? ''}`.match(ANY_ID)?.filter((id) => ids.get(id) === undefined && `${i.path} ${i.body}`.includes(id)) ?? [];
    if (unmapped.length > 0) result.notes.push(`${label}: sent recorded IDs we have no counterpart for: ${[...new Set(unmapped)].join(', ')}`);
    // The recordings' credentials are hidden; a recorded 401 is a request with a key that is not valid.
    const answer = await server.call(i.method, path, send, i.status === 401 ? BAD_KEY : key);
    if (answer.status !== i.status) {
      result.mismatches.push(`${label}: status ${answer.status}, recorded ${i.status} — ours: ${JSON.stringify(answer.json)?.slice(0, 300)}`);
    }
    const recorded = parse(i.response);
    if (!recorded.ok) continue;
    ids.learn(recorded.value, answer.json);
    if (answer.status !== i.status) continue;
    const { mismatches, extra, notes } = compareShapes(recorded.value, answer.json);
    for (const m of mismatches) {
      const known = deviation(i.method, i.path.split('?')[0], m);
      if (known) result.notes.push(`${label}: ${m} (known deviation: ${known})`);
      else result.mismatches.push(`${label}: ${m}`);
    }
    result.notes.push(...notes.map((m) => `${label}: ${m}`));
    if (extra.length > 0) result.extra.push(`${label}: ${extra.join(', ')}`);
  }
  return result;
}
