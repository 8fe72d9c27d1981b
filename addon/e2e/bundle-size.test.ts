// What the bundle carries: Apps Script parses all of Code.js at the start of every execution
// (a custom function's 30 s included), so code nothing calls is paid for on every call.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildAddon } from '../build.mjs';

const LOCALES = join(import.meta.dirname, '..', '..', 'node_modules', 'zod', 'v4', 'locales');

/**
 * Ceiling for Code.js. The bundle is ~312 KB: zod's classic API with its English messages
 * (~190 KB), the shared engine and schemas (~68 KB, with segments, cohorts and the customer
 * profile's transactions since issue 11), the add-on (~43 KB, with the Cohorts and Customer tabs
 * and the series functions). All of zod's locales would add ~264 KB; the ceiling leaves ~12% for
 * growth and fails long before they come back.
 */
const MAX_CODE_BYTES = 340 * 1024;

/** String literals of a locale file that English has not: its translated messages. */
function ownStrings(file: string, english: string): string[] {
  const text = readFileSync(join(LOCALES, file), 'utf8');
  return [...text.matchAll(/"([^"\\\n]{12,})"/g)].map((m) => m[1]).filter((s) => !english.includes(s));
}

let code: string;
let size: number;
beforeAll(async () => {
  const dir = await buildAddon({ dev: true });
  code = readFileSync(join(dir, 'Code.js'), 'utf8');
  size = statSync(join(dir, 'Code.js')).size;
});

describe('the built bundle', () => {
  test('holds no zod locale but English', () => {
    const english = readFileSync(join(LOCALES, 'en.js'), 'utf8');
    const others = readdirSync(LOCALES).filter((f) => f.endsWith('.js') && f !== 'en.js' && f !== 'index.js');
    expect(others.length).toBeGreaterThan(30);
    const found = others.filter((f) => ownStrings(f, english).some((s) => code.includes(s)));
    expect(found).toEqual([]);
    // English stays: a zod message the engine's errors may carry.
    expect(code).toContain('Invalid input: expected');
  });

  test(`Code.js stays under ${MAX_CODE_BYTES / 1024} KB`, () => {
    console.log(`Code.js: ${size} bytes (${(size / 1024).toFixed(1)} KB)`);
    expect(size).toBeLessThan(MAX_CODE_BYTES);
  });
});
