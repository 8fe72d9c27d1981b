/** Annual run rate: 12 × MRR, in the same integer cents. The one place that says so. */
export const arrOf = (mrrCents: number): number => 12 * mrrCents;
