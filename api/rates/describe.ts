/** One line on a refresh of the reference rates, for the CLI, the server's log and the Worker's. */
import type { RefreshResult } from './refresh.ts';

export function describeRefresh(r: RefreshResult): string {
  const marked = r.accountsMarked === 0 ? '' : `; ${r.accountsMarked} account${r.accountsMarked === 1 ? '' : 's'} to recompute`;
  return `Reference rates up to ${r.latestDate}: ${r.rows} in ${r.url}, ${r.changed} new or changed${marked}`;
}
