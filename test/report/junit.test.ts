// JUnit XML: structure (a suite per file, a case per rule, a failure per finding, passing cases for
// clean files) and escaping of everything that reaches an attribute or a body.

import { describe, expect, it } from 'vitest';
import { cleanText } from '../../engine/report/escape.js';
import { toJUnit } from '../../engine/report/junit.js';
import { finding, NASTY, RULE_INFOS, SAMPLE_FILES, SAMPLE_FINDINGS } from './fixtures.js';
import { all, parseXml } from './xml.js';

describe('toJUnit structure', () => {
  const doc = parseXml(toJUnit(SAMPLE_FINDINGS, RULE_INFOS, SAMPLE_FILES));
  const suites = all(doc, 'testsuite');

  it('one testsuite per file checked, in the order given', () => {
    expect(doc.name).toBe('testsuites');
    expect(suites.map((s) => s.attrs.name)).toEqual(SAMPLE_FILES);
  });

  it('one testcase per rule in every file, plus rules the findings use that are not listed', () => {
    const ruleIds = RULE_INFOS.map((r) => r.id);
    for (const suite of suites) {
      const names = all(suite, 'testcase').map((c) => c.attrs.name);
      expect(names.slice(0, ruleIds.length)).toEqual(ruleIds);
      expect(Number(suite.attrs.tests)).toBe(names.length);
    }
    const iop = suites.find((s) => s.attrs.name.startsWith('iop/'))!;
    expect(all(iop, 'testcase').map((c) => c.attrs.name)).toContain('duplicate-billing');
  });

  it('a failure per finding with message, severity and line:column; counts add up', () => {
    expect(all(doc, 'failure')).toHaveLength(SAMPLE_FINDINGS.length);
    const a = suites[0];
    const copy = all(a, 'testcase').find((c) => c.attrs.name === 'member-copy-paste')!;
    const failures = all(copy, 'failure');
    expect(failures).toHaveLength(2);
    expect(failures[0].attrs).toEqual({ message: "These 2 sentences are copied from James O'Connor's section.", type: 'warning' });
    expect(failures[0].text).toBe("34:15 warning member-copy-paste: These 2 sentences are copied from James O'Connor's section.");
    expect(failures[1].text.startsWith('43:20 ')).toBe(true);
    expect(copy.attrs.classname).toBe('anxiety/2026-03-04-anxiety-skills');
    let failing = 0;
    let tests = 0;
    for (const suite of suites) {
      const cases = all(suite, 'testcase');
      const failed = cases.filter((c) => c.children.some((x) => x.name === 'failure')).length;
      expect(Number(suite.attrs.failures)).toBe(failed);
      failing += failed;
      tests += cases.length;
    }
    expect(Number(doc.attrs.failures)).toBe(failing);
    expect(Number(doc.attrs.tests)).toBe(tests);
  });

  it('a file without findings gets only passing testcases', () => {
    const clean = suites.find((s) => s.attrs.name === 'anxiety/2026-03-18-anxiety-skills.md')!;
    expect(clean.attrs.failures).toBe('0');
    expect(all(clean, 'testcase')).toHaveLength(RULE_INFOS.length);
    expect(all(clean, 'failure')).toHaveLength(0);
  });

  it('a file with findings that was not in the list is still reported; no files gives an empty report', () => {
    const extra = parseXml(toJUnit([finding({ file: 'x/y.md', ruleId: 'response-missing', line: 2 })], RULE_INFOS, ['a.md']));
    expect(all(extra, 'testsuite').map((s) => s.attrs.name)).toEqual(['a.md', 'x/y.md']);
    const empty = parseXml(toJUnit([], RULE_INFOS, []));
    expect(empty.attrs).toMatchObject({ tests: '0', failures: '0' });
    expect(empty.children).toHaveLength(0);
  });

  it('matches files given with back slashes or ./ to the findings', () => {
    const doc2 = parseXml(toJUnit([finding({ file: 'notes/a.md', ruleId: 'response-missing', line: 2 })], RULE_INFOS, ['.\\notes\\a.md']));
    expect(all(doc2, 'testsuite')).toHaveLength(1);
    expect(all(doc2, 'failure')).toHaveLength(1);
  });
});

describe('toJUnit escaping', () => {
  const hostile = finding({ file: `dir/"a" & <b>'s\u0007.md`, ruleId: 'response-missing', line: 3, column: 4, message: NASTY, severity: 'error' });
  const xml = toJUnit([hostile], [...RULE_INFOS, { id: 'x"<&>', defaultSeverity: 'info', description: '', docs: 'docs/rules/x.md' }], [hostile.file]);

  it('is well-formed XML 1.0 with no raw control characters', () => {
    expect(() => parseXml(xml)).not.toThrow();
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain(']]>');
  });

  it('attributes and bodies read back as written (control characters shown as \\uXXXX)', () => {
    const doc = parseXml(xml);
    const suite = all(doc, 'testsuite')[0];
    expect(suite.attrs.name).toBe(cleanText(hostile.file));
    expect(suite.attrs.name).toBe('dir/"a" & <b>\'s\\u0007.md');
    const failure = all(doc, 'failure')[0];
    expect(failure.attrs.message).toBe(cleanText(NASTY));
    expect(failure.attrs.message).toContain('\\u0007bell\\u0000nul\\u001B[31m\ttab\r\nnewline');
    expect(failure.attrs.message).toContain('\uFFFD lone');
    expect(failure.text).toBe(`3:4 error response-missing: ${cleanText(NASTY)}`);
    expect(all(doc, 'testcase').map((c) => c.attrs.name)).toContain('x"<&>');
  });

  it('keeps tabs and line breaks in attributes as character references', () => {
    expect(xml).toContain('&#9;tab&#13;&#10;newline');
    expect(xml).toContain('&quot;quoted&quot; &apos;single&apos;');
  });
});
