// Embedded charts: Charts.ChartType, sheet.newChart() builders and the charts a sheet holds.
import type { Runtime } from './runtime.ts';

export const ChartType = Object.freeze({
  AREA: 'AREA', BAR: 'BAR', BUBBLE: 'BUBBLE', CANDLESTICK: 'CANDLESTICK', COLUMN: 'COLUMN', COMBO: 'COMBO',
  GAUGE: 'GAUGE', GEO: 'GEO', HISTOGRAM: 'HISTOGRAM', LINE: 'LINE', ORG: 'ORG', PIE: 'PIE', RADAR: 'RADAR',
  SCATTER: 'SCATTER', SCORECARD: 'SCORECARD', SPARKLINE: 'SPARKLINE', STEPPED_AREA: 'STEPPED_AREA',
  TABLE: 'TABLE', TIMELINE: 'TIMELINE', TREEMAP: 'TREEMAP', WATERFALL: 'WATERFALL',
});

export interface ChartRangeLike {
  getA1Notation(): string;
  getSheet(): { getName(): string };
}

export interface ChartPosition {
  anchorRowPos: number;
  anchorColPos: number;
  offsetX: number;
  offsetY: number;
}

interface ChartState {
  type: string | null;
  ranges: ChartRangeLike[];
  options: Record<string, unknown>;
  position: ChartPosition;
}

let nextChartId = 1;

export class FakeEmbeddedChart {
  constructor(
    private readonly rt: Runtime,
    readonly state: ChartState,
    readonly sheetId: number,
    readonly chartId: number = nextChartId++,
  ) {}

  getChartId(): number { return this.chartId; }
  getType(): string | null { return this.state.type; }
  getRanges(): ChartRangeLike[] { return this.rt.out([...this.state.ranges]); }
  getOptions(): { get(key: string): unknown } { return { get: (key: string) => this.state.options[key] ?? null }; }
  getContainerInfo(): Record<string, () => number> {
    const p = this.state.position;
    return {
      getAnchorRow: () => p.anchorRowPos, getAnchorColumn: () => p.anchorColPos,
      getOffsetX: () => p.offsetX, getOffsetY: () => p.offsetY,
    };
  }
  modify(): FakeEmbeddedChartBuilder { return new FakeEmbeddedChartBuilder(this.rt, this.sheetId, this); }
  /** Test helper: the range notations, "Sheet!A1:B10". */
  rangeNotations(): string[] { return this.state.ranges.map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`); }
}

export class FakeEmbeddedChartBuilder {
  private state: ChartState;

  constructor(private readonly rt: Runtime, private readonly sheetId: number, readonly original?: FakeEmbeddedChart) {
    const s = original?.state;
    this.state = {
      type: s?.type ?? null, ranges: [...(s?.ranges ?? [])], options: { ...(s?.options ?? {}) },
      position: { ...(s?.position ?? { anchorRowPos: 1, anchorColPos: 1, offsetX: 0, offsetY: 0 }) },
    };
  }

  setChartType(type: string): this {
    if (!Object.values(ChartType).includes(type as never)) this.rt.fail('Invalid argument: type');
    this.state.type = type;
    return this;
  }
  asLineChart(): this { return this.setChartType('LINE'); }
  asColumnChart(): this { return this.setChartType('COLUMN'); }
  asAreaChart(): this { return this.setChartType('AREA'); }
  asBarChart(): this { return this.setChartType('BAR'); }
  asPieChart(): this { return this.setChartType('PIE'); }
  addRange(range: ChartRangeLike): this { this.state.ranges.push(range); return this; }
  removeRange(range: ChartRangeLike): this { this.state.ranges = this.state.ranges.filter((r) => r !== range); return this; }
  clearRanges(): this { this.state.ranges = []; return this; }
  setOption(key: string, value: unknown): this { this.state.options[key] = value; return this; }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    if (!(anchorRowPos >= 1)) this.rt.fail('The starting row of the range is too small.');
    if (!(anchorColPos >= 1)) this.rt.fail('The starting column of the range is too small.');
    this.state.position = { anchorRowPos, anchorColPos, offsetX, offsetY };
    return this;
  }
  setStacked(): this { return this.setOption('isStacked', true); }
  setTitle(title: string): this { return this.setOption('title', title); }
  getChartType(): string | null { return this.state.type; }
  getRanges(): ChartRangeLike[] { return this.rt.out([...this.state.ranges]); }

  build(): FakeEmbeddedChart {
    if (!this.state.type) this.rt.fail('The chart type must be set before building the chart.');
    if (this.state.ranges.length === 0) this.rt.fail('The chart must have at least one range.');
    const s = this.state;
    const state = { type: s.type, ranges: [...s.ranges], options: { ...s.options }, position: { ...s.position } };
    return new FakeEmbeddedChart(this.rt, state, this.sheetId, this.original?.chartId);
  }
}
