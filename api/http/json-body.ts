/**
 * Reads a JSON request body; malformed JSON is a 400 naming the problem, never a 500. Callers
 * refuse text holding a NUL character (nulAt) in the way their API words refusals.
 */
import type { Context } from 'hono';
import { badRequest } from './errors.ts';

/**
 * The first path (e.g. `attributes.tags[0]`) whose key or text holds a NUL character, which
 * PostgreSQL cannot store; null when there is none.
 */
export function nulAt(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`${path}[${i}]`, v] as const)
    : Object.entries(value).map(([k, v]) => [path ? `${path}.${k}` : k, v] as const);
  for (const [p, v] of entries) {
    if (p.includes('\u0000')) return p.replace(/\u0000/g, '\\u0000');
    const found = nulAt(v, p);
    if (found) return found;
  }
  return null;
}

export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw badRequest(`The request body is not valid JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('The request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
