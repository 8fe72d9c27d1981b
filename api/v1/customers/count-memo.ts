/**
 * How many customers a list's filter selects, remembered per account and data version: the
 * total pages of GET /v1/customers otherwise count every customer of the account on each
 * page (32k at tier M: more than the page itself costs).
 *
 * Valid because the customers a filter selects (the account's customers, their data source,
 * external ID, email, status) change only by writes that mark the customer dirty (recomputed,
 * with a data_version bump, before any read answers) or bump the data version themselves (a
 * delete): a read on a data version counts what any other read on it counts.
 */
export class CountMemo {
  // Promises: the pages a client asks for at once after a write count once, not once each.
  private readonly accounts = new Map<string, { version: number; counts: Map<string, Promise<number>> }>();

  constructor(private readonly maxAccounts = 1_000, private readonly maxFilters = 256) {}

  async get(accountId: string, version: number, filterKey: string, count: () => Promise<number>): Promise<number> {
    let memo = this.accounts.get(accountId);
    if (!memo || memo.version !== version) {
      if (!memo && this.accounts.size >= this.maxAccounts) this.accounts.delete(this.accounts.keys().next().value!);
      // A newer version replaces the memo; an older one (a read racing a recompute) is counted, not kept.
      if (memo && memo.version > version) return count();
      this.accounts.set(accountId, (memo = { version, counts: new Map() }));
    }
    const hit = memo.counts.get(filterKey);
    if (hit !== undefined) return hit;
    const n = count();
    if (memo.counts.size >= this.maxFilters) memo.counts.clear();
    memo.counts.set(filterKey, n);
    const counts = memo.counts;
    n.catch(() => counts.get(filterKey) === n && counts.delete(filterKey)); // a failed count is not kept
    return n;
  }
}
