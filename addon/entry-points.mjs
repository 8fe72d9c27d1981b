// The add-on's top-level functions as Apps Script sees them: menu triggers, the sidebar's
// server functions, and the custom functions (with the JSDoc Sheets shows when autocompleting).
const SEGMENT_PARAM = "@param {string} [segment] A segment in the API's filters syntax, e.g. region~ANY~'US'~AND~plan~ANY~'pro' (default: what the MRR tab shows).";

export const ENTRY_POINTS = [
  { name: 'onOpen', params: ['e'], doc: ['Builds the Extensions → Mogul menu.'] },
  { name: 'onInstall', params: ['e'], doc: ['Runs onOpen right after the add-on is installed.'] },
  { name: 'showSidebar', params: [] },
  { name: 'showSettings', params: [] },
  { name: 'createTemplateTabs', params: [] },
  { name: 'getSidebarState', params: [] },
  { name: 'getSettings', params: [] },
  { name: 'saveSettings', params: ['settings'] },
  { name: 'validateSheet', params: [] },
  { name: 'startSync', params: [] },
  { name: 'continueSync', params: [] },
  { name: 'cancelSync', params: [] },
  { name: 'computeLocally', params: [] },
  {
    name: 'MRR', params: ['customerId', 'date'],
    doc: ['Monthly recurring revenue of a customer (in the base currency), as of a date.', '@param {string|Array<Array<string>>} customerId External ID of the customer, or a range of them.', '@param {Date} [date] The day (default: the last sync\'s as-of day).', '@return The MRR, or a column of them for a range.', '@customfunction'],
  },
  {
    name: 'ARR', params: ['customerId', 'date'],
    doc: ['Annual run rate (12 × MRR) of a customer, as of a date.', '@param {string|Array<Array<string>>} customerId External ID of the customer, or a range of them.', '@param {Date} [date] The day (default: the last sync\'s as-of day).', '@return The ARR, or a column of them for a range.', '@customfunction'],
  },
  {
    name: 'CUSTOMER_STATUS', params: ['customerId', 'date'],
    doc: ['Status of a customer: Lead, Active, Past due or Cancelled.', '@param {string|Array<Array<string>>} customerId External ID of the customer, or a range of them.', '@param {Date} [date] The day (default: the last sync\'s as-of day).', '@return The status, or a column of them for a range.', '@customfunction'],
  },
  {
    name: 'MRR_MOVEMENTS', params: ['customerId'],
    doc: ['The MRR movements of a customer: date, subscription, type, amount, MRR after.', '@param {string} customerId External ID of the customer.', '@return A table with a header row.', '@customfunction'],
  },
  {
    name: 'MRR_TOTAL', params: ['date', 'segment'],
    doc: ['Total MRR, as of a date.', '@param {Date|Array<Array<Date>>} [date] The day, or a range of days (default: the last sync\'s as-of day).', SEGMENT_PARAM, '@return The total MRR, or a column of them for a range.', '@customfunction'],
  },
  {
    name: 'MRR_SERIES', params: ['start', 'end', 'segment'],
    doc: ['The monthly MRR series between two dates: date, MRR and the five movements.', '@param {Date} start First day.', '@param {Date} end Last day.', SEGMENT_PARAM, '@return A table with a header row.', '@customfunction'],
  },
  {
    name: 'NRR', params: ['date', 'segment'],
    doc: ['Net MRR retention (%) of the month holding a date: the MRR at its end of the customers paying at its start, over their MRR then.', '@param {Date|Array<Array<Date>>} [date] A day of the month, or a range of days (default: the last sync\'s month).', SEGMENT_PARAM, '@return The percentage, or a column of them for a range.', '@customfunction'],
  },
  {
    name: 'GRR', params: ['date', 'segment'],
    doc: ['Gross MRR retention (%) of the month holding a date: as NRR, each customer capped at its MRR at the start.', '@param {Date|Array<Array<Date>>} [date] A day of the month, or a range of days (default: the last sync\'s month).', SEGMENT_PARAM, '@return The percentage, or a column of them for a range.', '@customfunction'],
  },
  {
    name: 'QUICK_RATIO', params: ['date', 'segment'],
    doc: ['Quick ratio of the month holding a date: (new business + expansion + reactivation) / (churn + contraction); empty when nothing was lost.', '@param {Date|Array<Array<Date>>} [date] A day of the month, or a range of days (default: the last sync\'s month).', SEGMENT_PARAM, '@return The ratio, or a column of them for a range.', '@customfunction'],
  },
  {
    name: 'COHORT', params: ['interval', 'measure', 'segment'],
    doc: ['The cohort table: one row per cohort (customers by the interval of their first new business), one column per period, in % retained.', '@param {string} [interval] week, month (default), quarter or year.', '@param {string} [measure] customers (default: customer retention) or mrr (MRR retention).', SEGMENT_PARAM, '@return A table with a header row.', '@customfunction'],
  },
];
