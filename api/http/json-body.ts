/**
 * Reads a JSON request body; malformed JSON is a 400 naming the problem, never a 500. Text
 * holding a NUL character cannot be stored by PostgreSQL, so it is refused here too, naming
 * where it is.
 */
import type { Context } from 'hono';
import { badRequest } from './errors.ts';

/** The path of the first string holding a NUL character, or null. */
export function nulAt(value: unknown, path = 'body'): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulAt(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return `${path} key`;
      const found = nulAt(v, `${path}.${k}`);
      if (found) return found;
    }
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
  // Only scanned when the raw text can hold one (a NUL is escaped in JSON).
  const nul = text.includes('\\u0000') ? nulAt(value) : null;
  if (nul) throw badRequest(`Text cannot contain the NUL character (\\u0000); found in ${nul}`, nul);
  return value as Record<string, unknown>;
}
