/** The Extensions → Mogul menu and the windows it opens. */

export function onOpen(): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem('Create template tabs', 'createTemplateTabs')
    .addItem('Sync to Mogul', 'showSidebar')
    .addSeparator()
    .addItem('Settings', 'showSettings')
    .addToUi();
}

export function onInstall(): void {
  onOpen();
}

function sidebar(view: 'sync' | 'settings') {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').getContent().replace('data-view="sync"', `data-view="${view}"`);
  return HtmlService.createHtmlOutput(html).setTitle('Mogul');
}

export function showSidebar(): void {
  SpreadsheetApp.getUi().showSidebar(sidebar('sync'));
}

export function showSettings(): void {
  SpreadsheetApp.getUi().showSidebar(sidebar('settings'));
}
