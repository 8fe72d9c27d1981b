// The add-on's top-level functions as Apps Script sees them: menu triggers, the sidebar's
// server functions, and the custom functions (with the JSDoc Sheets shows when autocompleting).
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
    name: 'MRR_TOTAL', params: ['date'],
    doc: ['Total MRR of all customers, as of a date.', '@param {Date} [date] The day (default: the last sync\'s as-of day).', '@return The total MRR.', '@customfunction'],
  },
  {
    name: 'MRR_SERIES', params: ['start', 'end'],
    doc: ['The monthly MRR series between two dates: date, MRR and the five movements.', '@param {Date} start First day.', '@param {Date} end Last day.', '@return A table with a header row.', '@customfunction'],
  },
];
