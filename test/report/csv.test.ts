// CSV: RFC 4180 (header, CRLF, quoting, doubled quotes) and no spreadsheet formulas.

import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, defuseFormula, toCsv } from '../../engine/report/csv.js';
import { finding, NASTY, SAMPLE_FINDINGS } from './fixtures.js';

/** An RFC 4180 reader: records of fields, CRLF between records, quoted fields may hold anything. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (field += c), i++;
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (c === ',') record.push(field), (field = ''), i++;
    else if (c === '\r' && text[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), (i += 2);
    else if (c === '\r' || c === '\n') throw new Error(`bare line break in an unquoted field at ${i}`);
    else (field += c), i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) throw new Error('last record not ended by CRLF');
  return records;
}

describe('toCsv', () => {
  it('has the documented header and one record per finding, every record the same width', () => {
    const rows = parseCsv(toCsv(SAMPLE_FINDINGS));
    expect(rows[0]).toEqual(['file', 'line', 'column', 'severity', 'ruleId', 'member', 'clinician', 'date', 'message']);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(SAMPLE_FINDINGS.length + 1);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    const f = SAMPLE_FINDINGS[3];
    expect(rows[4]).toEqual([f.file, String(f.line), String(f.column), f.severity, f.ruleId, f.member, f.clinician, f.date, f.message]);
  });

  it('writes empty fields for a missing member, clinician and date', () => {
    const rows = parseCsv(toCsv([finding({ file: 'a.md', ruleId: 'frontmatter-invalid', line: 1 })]));
    expect(rows[1].slice(5, 8)).toEqual(['', '', '']);
  });

  it('quotes commas, quotes and line breaks, and reads back exactly', () => {
    const message = 'He said "stop", then left.\r\nNext line\nand a bare LF';
    const text = toCsv([finding({ file: 'dir, with comma/"q".md', ruleId: 'response-missing', line: 2, message, clinician: 'Whitfield, Dana "DW"' })]);
    expect(text).toContain('"He said ""stop"", then left.\r\nNext line\nand a bare LF"');
    const rows = parseCsv(text);
    expect(rows[1][0]).toBe('dir, with comma/"q".md');
    expect(rows[1][6]).toBe('Whitfield, Dana "DW"');
    expect(rows[1][8]).toBe(message);
  });

  it('ends every record, the last included, with CRLF; a BOM only when asked', () => {
    const text = toCsv(SAMPLE_FINDINGS.slice(0, 2));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(4);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(toCsv([], { bom: true })).toBe('\uFEFFfile,line,column,severity,ruleId,member,clinician,date,message\r\n');
  });

  it('defuses cells that a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(defuseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    for (const safe of ['1+1', 'a=b', " '=x", '']) expect(defuseFormula(safe)).toBe(safe);
    const rows = parseCsv(
      toCsv([finding({ file: '=cmd|/C calc!A0.md', ruleId: 'response-missing', line: 1, member: '+MRN', clinician: '@SUM(A1)', message: NASTY })]),
    );
    expect(rows[1][0]).toBe("'=cmd|/C calc!A0.md");
    expect(rows[1][5]).toBe("'+MRN");
    expect(rows[1][6]).toBe("'@SUM(A1)");
    expect(rows[1][8]).toBe(`'${NASTY}`);
    // numbers are numbers, never prefixed
    expect(csvField(-1)).toBe('-1');
    expect(csvField('-1')).toBe("'-1");
  });

  it('quotes a defused cell that also needs quoting', () => {
    expect(csvField('=A1,"x"')).toBe(`"'=A1,""x"""`);
  });
});
