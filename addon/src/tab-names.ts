/** The tabs the add-on writes (the dataset tabs are the user's: shared/templates). */
export const RESULT_TABS = {
  mrr: 'MRR',
  customers: 'Customer Metrics',
  movements: 'Movements',
  subscriptions: 'Subscriptions',
  cohorts: 'Cohorts',
  customer: 'Customer',
} as const;

/**
 * Hidden tabs the Customer tab's formulas read: each customer's details (from the Customers and
 * Contacts tabs), revenue recognition schedule and transactions, and, while a Segment narrows the
 * Movements tab, every customer's movements.
 */
export const PROFILE_TABS = {
  details: 'Profile Details',
  revenue: 'Profile Revenue',
  transactions: 'Profile Transactions',
  movements: 'Profile Movements',
} as const;
