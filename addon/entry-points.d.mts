export interface EntryPoint {
  name: string;
  params: string[];
  /** JSDoc lines written above the top-level stub (custom functions: with @customfunction). */
  doc?: string[];
}
export const ENTRY_POINTS: EntryPoint[];
