/**
 * A text cell a spreadsheet program would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
 * return before one) is written with a leading apostrophe, so it stays text (OWASP's CSV injection
 * advice). Numbers are written as numbers and need none; the import strips the apostrophe again
 * (src/app/imports/import-rows.ts). Every file the app writes for a merchant uses this one rule.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
