/**
 * Writes a report as pretty JSON piece by piece: top-level arrays go out a batch of elements
 * at a time, so a large report never exists as one string (tens of MB for tier M).
 */
export type Write = (chunk: string) => Promise<void>;

const CHUNK = 1 << 20;
/** Elements of a top-level array stringified in one call. */
const BATCH = 512;

/**
 * Values as JSON.stringify(_, null, 2) writes them `depth` arrays deep, joined by `,\n` and
 * the indentation: stringified inside that many arrays (V8 indents them itself), the wrapping
 * cut off. Same text as indenting each line of a depth-0 stringify, without a pass over it.
 */
function atDepth(values: unknown[], depth: 1 | 2): string {
  let wrapped: unknown = values;
  for (let d = 1; d < depth; d++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // '[\n  [\n    ' … '\n  ]\n]' at depth 2; '[\n  ' … '\n]' at depth 1.
  return depth === 2 ? text.slice(10, -6) : text.slice(4, -2);
}

/** A top-level array whose elements are made when read (shared/engine/report.ts RowList). */
interface Rows {
  length: number;
  slice(start: number, end: number): unknown[];
}

function isRows(v: unknown): v is Rows {
  return Array.isArray(v) || (typeof v === 'object' && v !== null && typeof (v as Rows).slice === 'function' &&
    typeof (v as Rows).length === 'number');
}

/** `value`'s top-level arrays may also be RowLists: their elements are made a batch at a time. */
export async function writeJson(value: Record<string, unknown>, write: Write): Promise<void> {
  let buffer = '{';
  const flush = async (force = false) => {
    if (force || buffer.length >= CHUNK) {
      await write(buffer);
      buffer = '';
    }
  };
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  for (let k = 0; k < entries.length; k++) {
    const [key, v] = entries[k];
    buffer += `${k === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (isRows(v) && v.length > 0) {
      buffer += '[\n    ';
      for (let i = 0; i < v.length; i += BATCH) {
        buffer += `${i === 0 ? '' : ',\n    '}${atDepth(v.slice(i, i + BATCH), 2)}`;
        await flush();
      }
      buffer += '\n  ]';
    } else {
      buffer += atDepth([isRows(v) ? [] : v], 1);
    }
  }
  buffer += '\n}\n';
  await flush(true);
}
