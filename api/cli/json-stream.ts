/**
 * Writes a report as pretty JSON piece by piece: top-level arrays go out an element at a
 * time, so a large report never exists as one string (tens of MB for tier M).
 */
export type Write = (chunk: string) => Promise<void>;

const CHUNK = 1 << 20;

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
    if (Array.isArray(v) && v.length > 0) {
      buffer += '[';
      for (let i = 0; i < v.length; i++) {
        buffer += `${i === 0 ? '' : ','}\n    ${JSON.stringify(v[i], null, 2).replace(/\n/g, '\n    ')}`;
        await flush();
      }
      buffer += '\n  ]';
    } else {
      buffer += JSON.stringify(v, null, 2).replace(/\n/g, '\n  ');
    }
  }
  buffer += '\n}\n';
  await flush(true);
}
