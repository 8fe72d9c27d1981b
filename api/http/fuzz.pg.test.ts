/** Hostile requests over every route on pg (api/http/fuzz.test-util.ts). */
import { fuzzOn } from './fuzz.test-util.ts';

fuzzOn('pg');
