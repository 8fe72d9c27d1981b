/** Where the golden cases are: ../shared/golden beside the repository. */
import { join } from 'node:path';
import { REPO_ROOT } from '../paths.ts';

export const GOLDEN_DIR = join(REPO_ROOT, '..', 'shared', 'golden');
