export { generateCompany, isMonthAligned, CALENDAR_PREFIX } from './company.ts';
export type { GenerateOptions, GeneratedRow } from './company.ts';
export { tierSpec, TIERS, DEFAULT_END_DATE, MODEL } from './tiers.ts';
export type { CompanyProfile, Tier, TierSpec } from './tiers.ts';
export { PLANS } from './catalog.ts';
