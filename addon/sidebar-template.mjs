// Sidebar.html is an HtmlTemplate: menu.ts sets the view with `<?= view ?>` on <body>. Text
// inlined into it must hold no other scriptlet opener `<?`, or Apps Script would run it as code.

/** The sidebar's script with `<` of any `<?` written as `\x3C` (the same in a string, template or regex; `<?` cannot occur elsewhere in JS). */
export function scriptForTemplate(js) {
  return js.replaceAll('<?', '\\x3C?');
}

/** The sidebar's style, refused if it holds `<?` (no style needs it). */
export function styleForTemplate(css) {
  if (css.includes('<?')) throw new Error('addon/sidebar/sidebar.css must not contain "<?": Sidebar.html is an HtmlTemplate');
  return css;
}
