/**
 * A text cell of a CSV a person opens in a spreadsheet. Queue ids and call reasons come from a
 * tenant's feed, so they may say anything: one starting with = + - @ (or a tab or carriage
 * return) is read by Excel and LibreOffice as a formula (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`),
 * so it gets a leading apostrophe, which the spreadsheet shows as text and does not display
 * (the OWASP advice). A cell with a comma, quote or line break is quoted, quotes doubled.
 */
export function csvCell(s: string): string {
  const text = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(text) || text !== s ? `"${text.replace(/"/g, '""')}"` : text;
}
