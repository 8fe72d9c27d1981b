// SpreadsheetApp.newDataValidation(): the builder and the DataValidation it builds.
import { isDate } from './realm.ts';
import type { Runtime } from './runtime.ts';

export const DataValidationCriteria = Object.freeze({
  DATE_AFTER: 'DATE_AFTER', DATE_BEFORE: 'DATE_BEFORE', DATE_BETWEEN: 'DATE_BETWEEN', DATE_EQUAL_TO: 'DATE_EQUAL_TO',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE', DATE_NOT_BETWEEN: 'DATE_NOT_BETWEEN', DATE_ON_OR_AFTER: 'DATE_ON_OR_AFTER',
  DATE_ON_OR_BEFORE: 'DATE_ON_OR_BEFORE', NUMBER_BETWEEN: 'NUMBER_BETWEEN', NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN', NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN', NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN', NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQUAL_TO', TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN', TEXT_EQUAL_TO: 'TEXT_EQUAL_TO', TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_VALID_URL', VALUE_IN_LIST: 'VALUE_IN_LIST', VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA', CHECKBOX: 'CHECKBOX',
});

export type CriteriaType = keyof typeof DataValidationCriteria;

/** Sheets refuses a dropdown list longer than this. */
export const MAX_LIST_ITEMS = 500;

export class FakeDataValidation {
  constructor(
    private readonly rt: Runtime,
    readonly criteriaType: CriteriaType,
    readonly criteriaValues: readonly unknown[],
    readonly allowInvalid: boolean,
    readonly helpText: string | null,
  ) {}

  getCriteriaType(): CriteriaType { return this.criteriaType; }
  getCriteriaValues(): unknown[] { return this.rt.out([...this.criteriaValues]); }
  getAllowInvalid(): boolean { return this.allowInvalid; }
  getHelpText(): string | null { return this.helpText; }
  copy(): FakeDataValidationBuilder {
    const b = new FakeDataValidationBuilder(this.rt);
    b.withCriteria(this.criteriaType, [...this.criteriaValues]);
    return b.setAllowInvalid(this.allowInvalid).setHelpText(this.helpText ?? '');
  }
}

export class FakeDataValidationBuilder {
  private type: CriteriaType | null = null;
  private values: unknown[] = [];
  private allowInvalid = true;
  private helpText: string | null = null;

  constructor(private readonly rt: Runtime) {}

  withCriteria(type: CriteriaType, values: unknown[]): this {
    this.type = type;
    this.values = values.map((v) => (isDate(v) ? new Date(v.getTime()) : Array.isArray(v) ? [...v] : v));
    return this;
  }

  requireValueInList(values: unknown[], showDropdown = true): this {
    if (!Array.isArray(values) || values.length === 0) this.rt.fail('Invalid argument: values');
    if (values.length > MAX_LIST_ITEMS) this.rt.fail(`The data validation rule has more than ${MAX_LIST_ITEMS} items.`);
    return this.withCriteria('VALUE_IN_LIST', [values.map(String), showDropdown]);
  }
  requireValueInRange(range: unknown, showDropdown = true): this { return this.withCriteria('VALUE_IN_RANGE', [range, showDropdown]); }
  requireDate(): this { return this.withCriteria('DATE_IS_VALID_DATE', []); }
  requireDateAfter(d: Date): this { return this.withCriteria('DATE_AFTER', [d]); }
  requireDateBefore(d: Date): this { return this.withCriteria('DATE_BEFORE', [d]); }
  requireDateBetween(a: Date, b: Date): this { return this.withCriteria('DATE_BETWEEN', [a, b]); }
  requireDateOnOrAfter(d: Date): this { return this.withCriteria('DATE_ON_OR_AFTER', [d]); }
  requireDateOnOrBefore(d: Date): this { return this.withCriteria('DATE_ON_OR_BEFORE', [d]); }
  requireNumberBetween(a: number, b: number): this { return this.withCriteria('NUMBER_BETWEEN', [a, b]); }
  requireNumberGreaterThan(n: number): this { return this.withCriteria('NUMBER_GREATER_THAN', [n]); }
  requireNumberGreaterThanOrEqualTo(n: number): this { return this.withCriteria('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]); }
  requireNumberLessThan(n: number): this { return this.withCriteria('NUMBER_LESS_THAN', [n]); }
  requireNumberLessThanOrEqualTo(n: number): this { return this.withCriteria('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]); }
  requireNumberEqualTo(n: number): this { return this.withCriteria('NUMBER_EQUAL_TO', [n]); }
  requireTextIsEmail(): this { return this.withCriteria('TEXT_IS_VALID_EMAIL', []); }
  requireTextIsUrl(): this { return this.withCriteria('TEXT_IS_VALID_URL', []); }
  requireTextContains(t: string): this { return this.withCriteria('TEXT_CONTAINS', [t]); }
  requireTextEqualTo(t: string): this { return this.withCriteria('TEXT_EQUAL_TO', [t]); }
  requireFormulaSatisfied(f: string): this { return this.withCriteria('CUSTOM_FORMULA', [f]); }
  requireCheckbox(checked?: unknown, unchecked?: unknown): this {
    return this.withCriteria('CHECKBOX', [checked, unchecked].filter((v) => v !== undefined));
  }
  setAllowInvalid(allow: boolean): this { this.allowInvalid = Boolean(allow); return this; }
  setHelpText(text: string): this { this.helpText = text === '' ? null : String(text); return this; }
  getCriteriaType(): CriteriaType | null { return this.type; }
  getCriteriaValues(): unknown[] { return this.rt.out([...this.values]); }
  getAllowInvalid(): boolean { return this.allowInvalid; }
  getHelpText(): string | null { return this.helpText; }

  build(): FakeDataValidation {
    if (!this.type) this.rt.fail('You must specify a criteria type before building the data validation rule.');
    return new FakeDataValidation(this.rt, this.type, this.values, this.allowInvalid, this.helpText);
  }
}
