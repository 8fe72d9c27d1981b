/** Builds dist/addon (Code.js, Sidebar.html, appsscript.json); answers the folder. */
export function buildAddon(): Promise<string>;
