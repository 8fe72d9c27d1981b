/**
 * How much recompute one request may do. The Node server catches up whatever it takes; a
 * Cloudflare Worker has limits per request (CPU time, memory), so there the dirty customers
 * are recomputed in slices of a bounded size, and a read that finds more than one request's
 * worth answers 503 "still computing" with Retry-After while later requests catch up.
 */
export interface RecomputeLimits {
  /** Customers recomputed in one transaction. */
  sliceCustomers: number;
  /** No new slice is started once a request has spent this long on recompute; null: no limit. */
  requestBudgetMs: number | null;
}

/** The Node server: every dirty customer in one go (a whole data source read with COPY). */
export const UNBOUNDED: RecomputeLimits = { sliceCustomers: Number.POSITIVE_INFINITY, requestBudgetMs: null };

/**
 * A Worker: about 5 s of recompute a request, in slices of 500 customers (a slice of tier S
 * takes a few hundred milliseconds and a few MB), well inside Workers' 30 s of CPU and 128 MB.
 */
export const WORKER_LIMITS: RecomputeLimits = { sliceCustomers: 500, requestBudgetMs: 5_000 };
