// Utilities.formatDate: the SimpleDateFormat subset y M d H h m s S E a z Z X and 'quoted text'.
import { zonedParts, type ZonedParts } from './tz.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function offset(minutes: number, colon: boolean, zForZero: boolean): string {
  if (minutes === 0 && zForZero) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

function field(letter: string, count: number, p: ZonedParts): string {
  switch (letter) {
    case 'y': return count === 2 ? pad(p.year % 100, 2) : pad(p.year, count);
    case 'M': return count >= 4 ? MONTHS[p.month - 1] : count === 3 ? MONTHS[p.month - 1].slice(0, 3) : pad(p.month, count);
    case 'd': return pad(p.day, count);
    case 'H': return pad(p.hour, count);
    case 'h': return pad(p.hour % 12 || 12, count);
    case 'm': return pad(p.minute, count);
    case 's': return pad(p.second, count);
    case 'S': return pad(p.millisecond, 3).slice(0, Math.max(count, 3)).padEnd(count, '0');
    case 'E': return count >= 4 ? DAYS[p.weekday] : DAYS[p.weekday].slice(0, 3);
    case 'a': return p.hour < 12 ? 'AM' : 'PM';
    case 'Z': return offset(p.offsetMinutes, false, false);
    case 'X': return offset(p.offsetMinutes, count >= 3, true);
    case 'z': return p.offsetMinutes === 0 ? 'GMT' : `GMT${offset(p.offsetMinutes, true, false)}`;
    default: throw new Error(`Illegal pattern character '${letter}'`);
  }
}

export function formatJavaDate(ms: number, timeZone: string, pattern: string): string {
  const p = zonedParts(ms, timeZone);
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i];
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) { out += "'"; i += 2; continue; }
      if (end < 0) throw new Error('Unterminated quote');
      out += pattern.slice(i + 1, end);
      i = end + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      let n = 1;
      while (pattern[i + n] === ch) n++;
      out += field(ch, n, p);
      i += n;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
