// Wall-clock parts of an instant in an IANA time zone, and the instant of a wall-clock time.
export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
  offsetMinutes: number; // local - UTC
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Unknown zones fall back to GMT, as Java's TimeZone.getTimeZone does. */
export function validTimeZone(timeZone: string): string {
  try {
    formatter(timeZone);
    return timeZone;
  } catch {
    return 'Etc/GMT';
  }
}

export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const fields: Record<string, number> = {};
  for (const p of formatter(validTimeZone(timeZone)).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') fields[p.type] = Number(p.value);
  }
  const millisecond = ((ms % 1000) + 1000) % 1000;
  const asUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, millisecond);
  return {
    year: fields.year, month: fields.month, day: fields.day, hour: fields.hour, minute: fields.minute,
    second: fields.second, millisecond, weekday: new Date(asUtc).getUTCDay(), offsetMinutes: Math.round((asUtc - ms) / 60000),
  };
}

/** The instant at which the zone's clocks show this wall-clock time (month 1-12). */
export function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  let ms = guess - zonedParts(guess, timeZone).offsetMinutes * 60000;
  ms = guess - zonedParts(ms, timeZone).offsetMinutes * 60000;
  return ms;
}
