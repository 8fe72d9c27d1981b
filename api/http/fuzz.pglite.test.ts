/** Hostile requests over every route on pglite (api/http/fuzz.test-util.ts). */
import { fuzzOn } from './fuzz.test-util.ts';

fuzzOn('pglite');
