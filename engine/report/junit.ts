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

  const ruleIds = junitRuleIds(rules);
  let totalTests = 0;
  let totalFailures = 0;
  const suites: string[] = [];
  for (const file of files) {
    const suite = junitSuite(file, byFile.get(normalizePath(file))!, ruleIds);
    totalTests += suite.tests;
    totalFailures += suite.failures;
    suites.push(suite.text);
  }
  return [junitHead(totalTests, totalFailures), ...suites, junitTail()].join('\n');
}

/** The rule ids every file is a test suite of (each once). */
export function junitRuleIds(rules: readonly RuleInfo[]): string[] {
  return [...new Set(rules.map((r) => r.id))];
}

/** The document's first lines, up to the first suite (the totals of every suite). */
export function junitHead(tests: number, failures: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="groupnote-lint" tests="${tests}" failures="${failures}" errors="0" time="0">`;
}

/** The document's last lines, after the last suite. */
export function junitTail(): string {
  return '</testsuites>\n';
}

/** One file's test suite: a test case per rule (`ruleIds`, then any other rule of `list`), a failure per finding. */
export function junitSuite(file: string, list: readonly ReportFinding[], ruleIds: readonly string[]): { text: string; tests: number; failures: number } {
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
  return {
    text: `  <testsuite name="${xmlAttr(file)}" tests="${ids.length}" failures="${failures}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`,
    tests: ids.length,
    failures,
  };
}
