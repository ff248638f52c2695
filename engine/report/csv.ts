// CSV (RFC 4180) of findings, for spreadsheets: CRLF line ends, a header row, fields with a comma,
// quote, CR or LF quoted and inner quotes doubled. A text cell that a spreadsheet would read as a
// formula (starting with = + - @, or a tab or CR, as OWASP lists) gets a leading apostrophe.

import type { ReportFinding } from './types.js';

export const CSV_COLUMNS = ['file', 'line', 'column', 'severity', 'ruleId', 'member', 'clinician', 'date', 'message'] as const;

/** Neutralises spreadsheet formulas (CSV injection): '=1+1' -> "'=1+1". */
export function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : defuseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvOptions {
  /** start with a UTF-8 byte order mark, which Excel needs to read non-ASCII names (default false) */
  bom?: boolean;
}

export function toCsv(findings: readonly ReportFinding[], options: CsvOptions = {}): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const f of findings) {
    rows.push(
      [f.file, f.line, f.column, f.severity, f.ruleId, f.member, f.clinician, f.date, f.message].map(csvField).join(','),
    );
  }
  return `${options.bom ? '\uFEFF' : ''}${rows.join('\r\n')}\r\n`;
}
