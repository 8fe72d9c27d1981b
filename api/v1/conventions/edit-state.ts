/**
 * The edit state ChartMogul's Import API shows on invoices, line items and transactions
 * (schema.ts editState): whether the row is disabled, by whom and when, whether a user created
 * it, and `edit_history_summary`, what PATCH requests changed from the imported values.
 */
import type { EditHistory } from '../../db/schema.ts';
import { isoOut } from './time.ts';

export interface EditStateRow {
  disabled: boolean;
  disabledAt: Date | null;
  disabledBy: string | null;
  userCreated: boolean;
  editHistory: EditHistory | null;
}

export interface EditStateJson {
  disabled: boolean;
  disabled_at: string | null;
  disabled_by: string | null;
  user_created: boolean;
  edit_history_summary: EditHistory | null;
}

/** Who changes a row through the API, and when: Mogul has no users, so the key's account (its name) acts. */
export interface Editor {
  author: string | null;
  at: Date;
}

export function editorOf(account: { name: string }): Editor {
  return { author: account.name || null, at: new Date() };
}

/** The disabled state to store: disabling records when and by whom, enabling clears both. */
export function disabledState(disabled: boolean, editor: Editor) {
  return disabled
    ? { disabled: true, disabledAt: editor.at, disabledBy: editor.author }
    : { disabled: false, disabledAt: null, disabledBy: null };
}

export function editStateJson(row: EditStateRow): EditStateJson {
  return {
    disabled: row.disabled,
    disabled_at: isoOut(row.disabledAt),
    disabled_by: row.disabledBy,
    user_created: row.userCreated,
    edit_history_summary: row.editHistory,
  };
}

/**
 * The history after an edit: each field whose value changed keeps its first (imported) value as
 * `original_value` and gets the new one as `edited_value`; a field edited back to its original
 * value leaves the summary. `before` and `after` hold the wire (JSON) values of the edited fields.
 */
export function nextEditHistory(
  previous: EditHistory | null,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  author: string | null,
  at: Date,
): EditHistory | null {
  const changed = { ...(previous?.values_changed ?? {}) };
  let edited = false;
  for (const [field, value] of Object.entries(after)) {
    if (sameValue(before[field], value)) continue;
    edited = true;
    const original = field in changed ? changed[field].original_value : before[field];
    if (sameValue(original, value)) delete changed[field];
    else changed[field] = { original_value: original, edited_value: value };
  }
  if (!edited) return previous;
  if (Object.keys(changed).length === 0) return null;
  return { values_changed: changed, latest_edit_author: author, latest_edit_performed_at: at.toISOString() };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
