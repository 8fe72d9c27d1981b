/** mogul serve killed during mogul import, on pg (api/sync/crash-safety.test-util.ts). */
import { crashSafetyOn } from './crash-safety.test-util.ts';

crashSafetyOn('pg');
