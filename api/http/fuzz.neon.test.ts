/** Hostile requests over every route on neon (api/http/fuzz.test-util.ts). */
import { fuzzOn } from './fuzz.test-util.ts';

fuzzOn('neon');
