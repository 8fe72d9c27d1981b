/**
 * A JSON import's request checked before it is accepted: the lists must be lists of objects
 * and `external_id` a text. The objects themselves are checked by the job (as ChartMogul
 * validates bulk imports after accepting them), and their problems reported in the status.
 */
import { FieldErrors, objectList } from '../../ingest/template-rows.ts';
import { IMPORT_LISTS, type ImportList } from './fields.ts';

export interface ImportRequest {
  externalId: string | null;
  lists: Partial<Record<ImportList, Record<string, unknown>[]>>;
}

export function importRequest(body: Record<string, unknown>): ImportRequest {
  const errors = new FieldErrors();
  let externalId: string | null = null;
  const given = body.external_id;
  if (typeof given === 'string' && given.trim() !== '') externalId = given.trim();
  else if (typeof given === 'number') externalId = String(given);
  else if (given !== undefined && given !== null && given !== '') errors.add('external_id', 'external_id must be a string');
  if (externalId !== null && externalId.length > 255) errors.add('external_id', 'external_id must be at most 255 characters');

  const lists: ImportRequest['lists'] = {};
  for (const list of IMPORT_LISTS) {
    const rows = objectList(body[list], list, errors);
    if (rows.length > 0) lists[list] = rows;
  }
  if (!errors.any && Object.keys(lists).length === 0) {
    errors.add('body', `Nothing to import: send at least one of ${IMPORT_LISTS.join(', ')}`);
  }
  errors.throwIfAny();
  return { externalId, lists };
}
