// Test helper: a spreadsheet on its own runtime, outside any harness.
import { FakeClock } from './clock.ts';
import { Runtime } from './runtime.ts';
import { FakeSpreadsheet, type SpreadsheetOptions } from './spreadsheet.ts';

export function newSpreadsheet(options: SpreadsheetOptions = {}): { rt: Runtime; ss: FakeSpreadsheet } {
  const rt = new Runtime(new FakeClock());
  return { rt, ss: new FakeSpreadsheet(rt, options) };
}
