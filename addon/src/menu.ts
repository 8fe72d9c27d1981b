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

/** Sidebar.html is a template: the view it opens on goes into its <body> tag (`<?= view ?>`). */
function sidebar(view: 'sync' | 'settings') {
  const template = HtmlService.createTemplateFromFile('Sidebar');
  template.view = view;
  return template.evaluate().setTitle('Mogul');
}

export function showSidebar(): void {
  SpreadsheetApp.getUi().showSidebar(sidebar('sync'));
}

export function showSettings(): void {
  SpreadsheetApp.getUi().showSidebar(sidebar('settings'));
}
