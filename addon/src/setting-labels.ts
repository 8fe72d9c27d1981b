/**
 * Every setting as its user sees it: the labels of the sidebar's Settings form (which fills
 * them in from here), and the names messages give. Internal keys (sac_window_minutes) stay
 * in the Settings tab's Key column, which mirrors settings.json.
 */
import type { Settings } from '../../shared/templates/settings.ts';

export const ENGINE_LABELS: Record<keyof Settings, string> = {
  base_currency: 'Base currency',
  churn_recognition: 'Churn recognition',
  auto_churn: 'Auto-churn',
  sac_window_minutes: 'Smart grouping window (minutes)',
  transaction_fees: 'Transaction fees',
};

export const SETTING_LABELS = {
  apiUrl: 'API URL',
  apiKey: 'API key',
  source: 'Data source name',
  segment: 'Segment',
  ...ENGINE_LABELS,
};
