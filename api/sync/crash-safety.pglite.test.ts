/** mogul serve killed during mogul import, on pglite (api/sync/crash-safety.test-util.ts). */
import { crashSafetyOn } from './crash-safety.test-util.ts';

crashSafetyOn('pglite');
