/**
 * Reads a JSON request body; malformed JSON, or JSON nested deeper than MAX_DEPTH, is a 400
 * naming the problem, never a 500. Callers refuse text PostgreSQL cannot store (badTextAt) in
 * the way their API words refusals. Every walk here uses a stack of its own, not recursion:
 * a body's nesting must not decide how deep the server's stack goes.
 */
import type { Context } from 'hono';
import { escapeLoneSurrogates, hasLoneSurrogate, LONE_SURROGATE_MESSAGE } from '../../shared/index.ts';
import { badRequest, validationFailed } from './errors.ts';

/** Arrays and objects inside each other; no request of either API needs more than a few. */
export const MAX_DEPTH = 64;

/** Levels of arrays and objects in value (a scalar is 0), or MAX_DEPTH + 1 once past the limit. */
export function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > MAX_DEPTH) return MAX_DEPTH + 1;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

export interface BadText {
  /** Where, e.g. `attributes.tags[0]`, with the offending characters written as `\uXXXX`. */
  path: string;
  /** Why, to follow the path: "must not contain the NUL character (\u0000)". */
  message: string;
}

const NUL_MESSAGE = 'must not contain the NUL character (\\u0000)';

/** Why text cannot be stored as sent (a NUL, a lone surrogate), or null when it can. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return NUL_MESSAGE;
  if (hasLoneSurrogate(text)) return LONE_SURROGATE_MESSAGE;
  return null;
}

/** Text for a message, with each NUL and lone surrogate written as `\uXXXX`. */
export const shownText = (text: string) => escapeLoneSurrogates(text.replace(/\u0000/g, '\\u0000'));

/**
 * The first key or text (in document order) holding a NUL character, which PostgreSQL cannot
 * store, or a lone UTF-16 surrogate, which no UTF-8 text can hold; null when there is none.
 */
export function badTextAt(value: unknown, root = ''): BadText | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return { path: shownText(path), message: problem };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    const children: [unknown, string][] = [];
    if (Array.isArray(v)) {
      v.forEach((child, i) => children.push([child, `${path}[${i}]`]));
    } else {
      for (const [k, child] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        const problem = textProblem(k);
        if (problem) return { path: shownText(p), message: problem };
        children.push([child, p]);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
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
  if (nestingDepth(value) > MAX_DEPTH) {
    throw badRequest(`The request body is nested more than ${MAX_DEPTH} levels deep (arrays and objects inside each other); send flatter JSON`);
  }
  return value as Record<string, unknown>;
}

/**
 * The JSON body (400 when malformed or too deeply nested); a key or text holding a NUL
 * character or a lone UTF-16 surrogate is a 422 naming where.
 */
export async function readBody(c: Context): Promise<Record<string, unknown>> {
  const body = await jsonBody(c);
  const bad = badTextAt(body);
  if (bad) throw validationFailed({ [bad.path]: `${bad.path} ${bad.message}` });
  return body;
}
