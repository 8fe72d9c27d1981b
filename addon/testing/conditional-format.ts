// Conditional formatting: SpreadsheetApp.newConditionalFormatRule() with a colour scale
// (gradient), Sheet.setConditionalFormatRules / getConditionalFormatRules /
// clearConditionalFormatRules, and what colour a rule gives a cell (effectiveBackground, for tests
// and screenshots). Boolean conditions (whenNumberGreaterThan…) are not modelled: the builder has
// no such methods, so a script calling one fails.
//
// Strict where Apps Script's behaviour is undocumented: a gradient needs a minpoint and a
// maxpoint; a NUMBER, PERCENT or PERCENTILE point needs a value (a string holding a number); a
// rule needs at least one range; every range of a rule must be on the sheet it is set on.
import { normalizeColor } from './colors.ts';
import { isDate } from './realm.ts';
import type { Runtime } from './runtime.ts';

export const InterpolationType = Object.freeze({
  NUMBER: 'NUMBER', PERCENT: 'PERCENT', PERCENTILE: 'PERCENTILE', MIN: 'MIN', MAX: 'MAX',
});
type Interpolation = keyof typeof InterpolationType;

export interface GradientPoint {
  color: string;
  type: Interpolation;
  /** '' for MIN and MAX. */
  value: string;
}

/** What a rule's range must offer: its sheet and its box. */
export interface RuleRange {
  getSheet(): { getSheetId(): number; getName(): string };
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getA1Notation(): string;
}

class FakeColor {
  constructor(private readonly hex: string) {}
  asRgbColor() { return { asHexString: () => this.hex }; }
  getColorType() { return 'RGB'; }
}

export class FakeGradientCondition {
  constructor(readonly min: GradientPoint, readonly mid: GradientPoint | null, readonly max: GradientPoint) {}
  getMinColorObject() { return new FakeColor(this.min.color); }
  getMinType() { return this.min.type; }
  getMinValue() { return this.min.value; }
  getMidColorObject() { return this.mid ? new FakeColor(this.mid.color) : null; }
  getMidType() { return this.mid?.type ?? null; }
  getMidValue() { return this.mid?.value ?? null; }
  getMaxColorObject() { return new FakeColor(this.max.color); }
  getMaxType() { return this.max.type; }
  getMaxValue() { return this.max.value; }
}

export class FakeConditionalFormatRule {
  constructor(
    private readonly rt: Runtime,
    readonly ranges: readonly RuleRange[],
    readonly gradient: FakeGradientCondition,
  ) {}
  getRanges(): RuleRange[] { return this.rt.out([...this.ranges]); }
  getGradientCondition(): FakeGradientCondition { return this.gradient; }
  getBooleanCondition(): null { return null; }
  copy(): FakeConditionalFormatRuleBuilder {
    const b = new FakeConditionalFormatRuleBuilder(this.rt);
    b.points = { min: this.gradient.min, mid: this.gradient.mid, max: this.gradient.max };
    return b.setRanges([...this.ranges]);
  }
}

const METHOD = 'SpreadsheetApp.ConditionalFormatRuleBuilder';

export class FakeConditionalFormatRuleBuilder {
  points: { min: GradientPoint | null; mid: GradientPoint | null; max: GradientPoint | null } = { min: null, mid: null, max: null };
  private ranges: RuleRange[] = [];

  constructor(private readonly rt: Runtime) {}

  private point(method: string, color: unknown, type: unknown, value: unknown): GradientPoint {
    if (typeof color !== 'string' || normalizeColor(color) === undefined) {
      this.rt.fail(`The parameters (${typeof color}) don't match the method signature for ${METHOD}.${method}.`);
    }
    if (!Object.values(InterpolationType).includes(type as never)) this.rt.fail(`Invalid argument: type`);
    const kind = type as Interpolation;
    const needsValue = kind === 'NUMBER' || kind === 'PERCENT' || kind === 'PERCENTILE';
    if (needsValue && (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(Number(value)))) {
      this.rt.fail(`Invalid argument: value (${METHOD}.${method} with ${kind} needs a number as a string; got ${JSON.stringify(value)})`);
    }
    return { color: normalizeColor(color)!, type: kind, value: needsValue ? String(value) : '' };
  }

  setGradientMinpoint(color: string): this { this.points.min = this.point('setGradientMinpoint', color, 'MIN', ''); return this; }
  setGradientMaxpoint(color: string): this { this.points.max = this.point('setGradientMaxpoint', color, 'MAX', ''); return this; }
  setGradientMinpointWithValue(color: string, type: string, value: string): this {
    this.points.min = this.point('setGradientMinpointWithValue', color, type, value);
    return this;
  }
  setGradientMidpointWithValue(color: string, type: string, value: string): this {
    this.points.mid = this.point('setGradientMidpointWithValue', color, type, value);
    return this;
  }
  setGradientMaxpointWithValue(color: string, type: string, value: string): this {
    this.points.max = this.point('setGradientMaxpointWithValue', color, type, value);
    return this;
  }
  setRanges(ranges: RuleRange[]): this {
    if (!Array.isArray(ranges)) this.rt.fail(`The parameters (${typeof ranges}) don't match the method signature for ${METHOD}.setRanges.`);
    this.ranges = [...ranges];
    return this;
  }
  getRanges(): RuleRange[] { return this.rt.out([...this.ranges]); }

  build(): FakeConditionalFormatRule {
    const { min, mid, max } = this.points;
    if (!min && !mid && !max) this.rt.fail('The conditional format rule has no condition: set a gradient (or a boolean condition) first.');
    if (!min || !max) this.rt.fail('A gradient conditional format rule needs both a minpoint and a maxpoint.');
    if (this.ranges.length === 0) this.rt.fail('The conditional format rule must apply to at least one range.');
    return new FakeConditionalFormatRule(this.rt, [...this.ranges], new FakeGradientCondition(min, mid, max));
  }
}

/** The rules a sheet holds, in priority order (the first that applies to a cell colours it). */
export class ConditionalFormats {
  rules: FakeConditionalFormatRule[] = [];

  constructor(private readonly rt: Runtime, private readonly sheetId: number) {}

  set(rules: unknown): void {
    this.rt.write('setConditionalFormatRules');
    if (!Array.isArray(rules) || rules.some((r) => !(r instanceof FakeConditionalFormatRule))) {
      this.rt.fail('The parameters (Object) don\'t match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.');
    }
    for (const rule of rules as FakeConditionalFormatRule[]) {
      if (rule.ranges.some((r) => r.getSheet().getSheetId() !== this.sheetId)) {
        this.rt.fail('A conditional format rule can only apply to ranges of the sheet it is set on.');
      }
    }
    this.rules = [...(rules as FakeConditionalFormatRule[])];
  }

  get(): FakeConditionalFormatRule[] {
    this.rt.tick();
    return this.rt.out([...this.rules]);
  }

  clear(): void {
    this.rt.write('clearConditionalFormatRules');
    this.rules = [];
  }
}

const inside = (r: RuleRange, row: number, col: number) =>
  row >= r.getRow() && row < r.getRow() + r.getNumRows() && col >= r.getColumn() && col < r.getColumn() + r.getNumColumns();

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const hexOf = (c: number[]) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
const mix = (a: string, b: string, t: number) => hexOf(rgb(a).map((v, i) => v + (rgb(b)[i] - v) * t));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const at = (sorted.length - 1) * p / 100;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * The colour the first rule covering a cell gives it (a colour scale colours number cells only;
 * empty and text cells keep their own background), or null when none does. `valueAt` reads a
 * cell of the sheet as getValues does.
 */
export function effectiveBackground(
  formats: ConditionalFormats, row: number, col: number, valueAt: (row: number, col: number) => unknown,
): string | null {
  const rule = formats.rules.find((r) => r.ranges.some((range) => inside(range, row, col)));
  if (!rule) return null;
  const value = valueAt(row, col);
  if (typeof value !== 'number' || isDate(value)) return null;
  const numbers: number[] = [];
  for (const r of rule.ranges) {
    for (let i = r.getRow(); i < r.getRow() + r.getNumRows(); i++) {
      for (let j = r.getColumn(); j < r.getColumn() + r.getNumColumns(); j++) {
        const v = valueAt(i, j);
        if (typeof v === 'number') numbers.push(v);
      }
    }
  }
  numbers.sort((a, b) => a - b);
  const [lowest, highest] = [numbers[0], numbers[numbers.length - 1]];
  const at = (p: GradientPoint): number => {
    switch (p.type) {
      case 'MIN': return lowest;
      case 'MAX': return highest;
      case 'NUMBER': return Number(p.value);
      case 'PERCENT': return lowest + (highest - lowest) * Number(p.value) / 100;
      case 'PERCENTILE': return percentile(numbers, Number(p.value));
    }
  };
  const g = rule.gradient;
  const stops = [g.min, ...(g.mid ? [g.mid] : []), g.max].map((p) => ({ at: at(p), color: p.color }));
  if (value <= stops[0].at) return stops[0].color;
  for (let k = 1; k < stops.length; k++) {
    const [a, b] = [stops[k - 1], stops[k]];
    if (value <= b.at) return b.at === a.at ? b.color : mix(a.color, b.color, (value - a.at) / (b.at - a.at));
  }
  return stops[stops.length - 1].color;
}
