// JUnit XML, for CI systems that show test results: one <testsuite> per file checked, one
// <testcase> per rule in each file, one <failure> per finding. A file with no findings has only
// passing test cases, so a reviewer sees what was checked, not only what failed.

import { xmlAttr, xmlText } from './escape.js';
import { normalizePath } from './sarif.js';
import type { ReportFinding, RuleInfo } from './types.js';

const byPosition = (a: ReportFinding, b: ReportFinding) => a.line - b.line || a.column - b.column;

/** "notes/2026-03-04-group.md" -> "notes/2026-03-04-group" (the test case's class, as ESLint's JUnit formatter names it) */
const className = (file: string) => normalizePath(file).replace(/\.(md|markdown)$/i, '');

export function toJUnit(findings: readonly ReportFinding[], rules: readonly RuleInfo[], filesChecked: readonly string[]): string {
  // files in the order given; a file that has findings but was not listed is added after them
  const files: string[] = [];
  const byFile = new Map<string, ReportFinding[]>();
  const add = (file: string) => {
    const key = normalizePath(file);
    if (!byFile.has(key)) {
      byFile.set(key, []);
      files.push(file);
    }
    return key;
  };
  for (const file of filesChecked) add(file);
  for (const f of findings) byFile.get(add(f.file))!.push(f);

  const ruleIds = [...new Set(rules.map((r) => r.id))];
  let totalTests = 0;
  let totalFailures = 0;
  const suites: string[] = [];
  for (const file of files) {
    const list = byFile.get(normalizePath(file))!;
    const ids = [...ruleIds, ...new Set(list.map((f) => f.ruleId).filter((id) => !ruleIds.includes(id)))];
    let failures = 0;
    const cases = ids.map((id) => {
      const failed = list.filter((f) => f.ruleId === id).sort(byPosition);
      const head = `    <testcase classname="${xmlAttr(className(file))}" name="${xmlAttr(id)}" time="0"`;
      if (failed.length === 0) return `${head}/>`;
      failures++;
      const bodies = failed.map(
        (f) => `      <failure message="${xmlAttr(f.message)}" type="${xmlAttr(f.severity)}">${xmlText(`${f.line}:${f.column} ${f.severity} ${f.ruleId}: ${f.message}`)}</failure>`,
      );
      return `${head}>\n${bodies.join('\n')}\n    </testcase>`;
    });
    totalTests += ids.length;
    totalFailures += failures;
    suites.push(
      `  <testsuite name="${xmlAttr(file)}" tests="${ids.length}" failures="${failures}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="groupnote-lint" tests="${totalTests}" failures="${totalFailures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
