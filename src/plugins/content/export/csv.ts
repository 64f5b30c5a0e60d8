/** CSV for spreadsheets: a header, comma-separated, lists joined with « ; », RFC 4180 quoting,
 * CRLF line ends, UTF-8 with a byte-order mark so that Excel reads the accents, no text read as a formula. */

export const BOM = '\uFEFF';

/**
 * A text that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return
 * before one) gets a leading `'`, as OWASP advises against CSV injection: the cell shows the text.
 */
export function neutraliseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function csvCell(value: unknown): string {
  let s: string;
  if (value === undefined || value === null) s = '';
  else if (typeof value === 'boolean') s = value ? 'oui' : 'non';
  else if (typeof value === 'number') s = String(value);
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    s = neutraliseFormula(value.join(';'));
  else if (typeof value === 'string') s = neutraliseFormula(value);
  else s = JSON.stringify(value);
  return /[",;\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
