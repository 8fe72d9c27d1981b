/** Today for the API: the real day, or MOGUL_TODAY (YYYY-MM-DD) for demos and tests. */
import { parseDateOnly, startOfDay } from '../shared/index.ts';

export type Clock = () => number;

export function clockFrom(env: { MOGUL_TODAY?: string }): Clock {
  if (env.MOGUL_TODAY) {
    const day = parseDateOnly(env.MOGUL_TODAY);
    if (day === null) throw new Error(`MOGUL_TODAY must be a date YYYY-MM-DD; got '${env.MOGUL_TODAY}'`);
    return () => day;
  }
  return () => startOfDay(Date.now());
}
