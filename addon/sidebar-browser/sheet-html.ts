// A tab of the fake spreadsheet drawn as Sheets would show it, for a browser to render and
// screenshot: the grid with its column letters and row numbers, each cell's shown text (number
// formats applied), bold, backgrounds (a conditional format's colour where a rule gives one),
// a mark on cells with a note or a dropdown, and the tab's line charts drawn as SVG at their
// anchors. Only what the add-on's tabs use is drawn; merged cells, fonts and column charts are not.
import { columnLetters } from '../testing/a1.ts';
import type { FakeEmbeddedChart } from '../testing/charts.ts';
import type { FakeSheet } from '../testing/sheet.ts';

const ROW_HEIGHT = 21;
const HEADER_WIDTH = 46;
/** Sheets' default size of a new chart. */
const CHART = { width: 600, height: 371 };

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface DrawnChart {
  title: string;
  /** The points drawn: x label and y value. */
  points: { label: string; value: number }[];
  svg: string;
}

/** A line chart of a range whose first column holds the labels and second the values. */
export function drawLineChart(chart: FakeEmbeddedChart): DrawnChart {
  const [range] = chart.state.ranges as unknown as { getDisplayValues(): string[][]; getValues(): unknown[][] }[];
  const shown = range.getDisplayValues().slice(1);
  const values = range.getValues().slice(1);
  const points = shown.map((r, i) => ({ label: r[0], value: Number(values[i][1]) })).filter((p) => p.label !== '');
  const title = String(chart.state.options.title ?? '');
  const { width, height } = CHART;
  const pad = { left: 70, right: 20, top: 40, bottom: 50 };
  const max = Math.max(1, ...points.map((p) => p.value));
  const x = (i: number) => pad.left + (points.length <= 1 ? 0 : (i * (width - pad.left - pad.right)) / (points.length - 1));
  const y = (v: number) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const every = Math.max(1, Math.ceil(points.length / 8));
  const svg = [
    `<svg class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<rect width="${width}" height="${height}" fill="#fff" stroke="#dadce0"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" fill="#202124">${escape(title)}</text>`,
    ...ticks.map((t) => `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(t)}" y2="${y(t)}" stroke="#e8eaed"/>` +
      `<text x="${pad.left - 8}" y="${y(t) + 4}" text-anchor="end" font-size="11" fill="#5f6368">${t.toLocaleString('en-US', { maximumFractionDigits: 0 })}</text>`),
    ...points.map((p, i) => (i % every === 0
      ? `<text x="${x(i)}" y="${height - pad.bottom + 18}" text-anchor="middle" font-size="11" fill="#5f6368">${escape(p.label)}</text>` : '')),
    `<polyline fill="none" stroke="#4285f4" stroke-width="2.5" points="${points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')}"/>`,
    ...points.map((p, i) => `<circle cx="${x(i)}" cy="${y(p.value)}" r="3" fill="#4285f4"/>`),
    '</svg>',
  ].join('');
  return { title, points, svg };
}

export interface DrawnSheet {
  html: string;
  charts: DrawnChart[];
}

/** The tab's top-left `rows` x `columns` cells (default: its data range) as an HTML page. */
export function drawSheet(sheet: FakeSheet, options: { rows?: number; columns?: number } = {}): DrawnSheet {
  const rows = options.rows ?? Math.max(1, sheet.getLastRow());
  const columns = options.columns ?? Math.max(1, sheet.getLastColumn());
  const range = sheet.getRange(1, 1, rows, columns);
  const shown = range.getDisplayValues();
  const values = range.getValues();
  const backgrounds = range.getBackgrounds();
  const weights = range.getFontWeights();
  const notes = range.getNotes();
  const validations = range.getDataValidations();
  const widths = Array.from({ length: columns }, (_, c) => sheet.getColumnWidth(c + 1));
  const frozen = sheet.getFrozenRows();
  const cells = shown.map((row, r) => row.map((text, c) => {
    const background = sheet.conditionalBackground(r + 1, c + 1) ?? backgrounds[r][c];
    const v = values[r][c];
    const numeric = typeof v === 'number' || Object.prototype.toString.call(v) === '[object Date]';
    const style = [
      `background:${background}`, weights[r][c] === 'bold' ? 'font-weight:bold' : '', numeric ? 'text-align:right' : '',
    ].filter(Boolean).join(';');
    const marks = (notes[r][c] ? '<i class="note"></i>' : '') + (validations[r][c] ? '<i class="dropdown">▾</i>' : '');
    const lines = escape(text).replace(/\n/g, '<br>');
    // Text runs on over the empty cells to its right, as in Sheets; numbers never do.
    const runsOn = !numeric && text !== '' && c + 1 < columns && shown[r][c + 1] === '';
    return `<td style="${style}" data-cell="${columnLetters(c + 1)}${r + 1}"${runsOn ? ' class="runs-on"' : ''}><span>${lines}</span>${marks}</td>`;
  }));
  // A chart sits over the grid with its top-left corner at its anchor cell's (placed by the page, once laid out).
  const charts = sheet.getCharts().map((chart) => {
    const drawn = drawLineChart(chart);
    const p = chart.state.position;
    const anchor = `${columnLetters(p.anchorColPos)}${p.anchorRowPos}`;
    return { drawn, at: `<div class="chart-at" data-anchor="${anchor}" data-dx="${p.offsetX}" data-dy="${p.offsetY}">${drawn.svg}</div>` };
  });
  const tableWidth = HEADER_WIDTH + widths.reduce((a, b) => a + b, 0);
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; font: 13px Arial, Helvetica, sans-serif; color: #202124; background: #fff; }
    .grid { position: relative; display: inline-block; }
    table { border-collapse: collapse; table-layout: fixed; width: ${tableWidth}px; }
    td, th { box-sizing: border-box; height: ${ROW_HEIGHT}px; border: 1px solid #e2e3e3; padding: 0 4px; white-space: nowrap; overflow: hidden;
      text-overflow: clip; position: relative; vertical-align: bottom; }
    td.runs-on { overflow: visible; }
    td.runs-on span { position: relative; z-index: 1; }
    th { background: #f8f9fa; color: #5f6368; font-weight: normal; text-align: center; }
    tr.frozen td { border-bottom: 2px solid #c0c0c0; }
    td .note { position: absolute; top: 0; right: 0; border-style: solid; border-width: 0 6px 6px 0; border-color: transparent #000 transparent transparent; }
    td .dropdown { font-style: normal; color: #5f6368; float: right; margin-left: 6px; }
    .chart-at { position: absolute; box-shadow: 0 1px 3px rgba(60,64,67,.3); }
  </style></head><body><div class="grid"><table>
    <colgroup><col style="width:${HEADER_WIDTH}px">${widths.map((w) => `<col style="width:${w}px">`).join('')}</colgroup>
    <tr><th></th>${widths.map((_, c) => `<th>${columnLetters(c + 1)}</th>`).join('')}</tr>
    ${cells.map((row, r) => `<tr${r + 1 === frozen ? ' class="frozen"' : ''}><th>${r + 1}</th>${row.join('')}</tr>`).join('\n')}
  </table>${charts.map((c) => c.at).join('')}</div>
  <script>
    for (const chart of document.querySelectorAll('.chart-at')) {
      const cell = document.querySelector('td[data-cell="' + chart.dataset.anchor + '"]');
      chart.style.left = (cell.offsetLeft + Number(chart.dataset.dx)) + 'px';
      chart.style.top = (cell.offsetTop + Number(chart.dataset.dy)) + 'px';
    }
  </script></body></html>`;
  return { html, charts: charts.map((c) => c.drawn) };
}
