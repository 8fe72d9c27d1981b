/** The add-on's custom functions (addon/entry-points.mjs marks them @customfunction). */
export const MOGUL_FUNCTIONS = [
  'MRR', 'ARR', 'CUSTOMER_STATUS', 'MRR_MOVEMENTS', 'MRR_TOTAL', 'MRR_SERIES', 'NRR', 'GRR', 'QUICK_RATIO', 'COHORT',
] as const;
