// The SpreadsheetApp global: the one active spreadsheet (scope spreadsheets.currentonly), its Ui,
// flush, data validation builders and enums.
import { FakeConditionalFormatRuleBuilder, InterpolationType } from './conditional-format.ts';
import { DataValidationCriteria, FakeDataValidationBuilder } from './data-validation.ts';
import type { Runtime } from './runtime.ts';
import type { FakeSpreadsheet } from './spreadsheet.ts';
import type { FakeUi } from './ui.ts';

const CURRENT_ONLY = 'https://www.googleapis.com/auth/spreadsheets';

export class FakeSpreadsheetApp {
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly InterpolationType = InterpolationType;
  readonly WrapStrategy = Object.freeze({ WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' });
  flushes = 0;

  constructor(private readonly rt: Runtime, private readonly spreadsheet: FakeSpreadsheet, private readonly ui: FakeUi) {}

  getActiveSpreadsheet(): FakeSpreadsheet {
    this.rt.tick();
    this.rt.requireScope('SpreadsheetApp.getActiveSpreadsheet', 'spreadsheets.currentonly', 'spreadsheets');
    return this.spreadsheet;
  }
  getActive(): FakeSpreadsheet { return this.getActiveSpreadsheet(); }
  getActiveSheet() { return this.getActiveSpreadsheet().getActiveSheet(); }
  getActiveRange() { return this.getActiveSpreadsheet().getActiveRange(); }
  setActiveSheet(sheet: Parameters<FakeSpreadsheet['setActiveSheet']>[0]) { return this.getActiveSpreadsheet().setActiveSheet(sheet); }
  /** Applies pending changes: custom-function cells whose formula or arguments changed are recalculated. */
  flush(): void {
    this.rt.tick();
    this.flushes++;
    this.spreadsheet.recalculation.run();
  }
  newDataValidation(): FakeDataValidationBuilder { return new FakeDataValidationBuilder(this.rt); }
  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder { return new FakeConditionalFormatRuleBuilder(this.rt); }

  getUi(): FakeUi {
    this.rt.tick();
    if (this.rt.customFunction) this.rt.fail('Cannot call SpreadsheetApp.getUi() from this context.');
    return this.ui;
  }

  /** Other spreadsheets are out of reach with the spreadsheets.currentonly scope. */
  openById(): never { return this.noScope('openById'); }
  openByUrl(): never { return this.noScope('openByUrl'); }
  create(): never { return this.noScope('create'); }
  private noScope(method: string): never {
    return this.rt.fail(`You do not have permission to call SpreadsheetApp.${method}. Required permissions: ${CURRENT_ONLY}`);
  }
}
