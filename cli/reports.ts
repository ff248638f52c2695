// SARIF/JUnit output and the reviewer's HTML/CSV report for a CLI run (writers in engine/report).

import { readFileSync, writeFileSync } from 'node:fs';
import { ALL_RULES } from '../engine/rules/catalog.js';
import { DEFAULT_DOCS_BASE_URL, HOMEPAGE } from '../engine/version.js';
import { DEFAULT_FEE_90853, toCsv, toHtml, toJUnit, toReportFinding, toRuleInfos, toSarif, type ReportFinding } from '../engine/report/index.js';
import type { LintRun } from './lint-files.js';

// Rule links resolve docs/rules/<id>.md against the repository at this version (or --docs-base-url),
// never against a path on the machine that ran the linter.

function reportFindings(run: LintRun): ReportFinding[] {
  return run.findings.map((f) => {
    const summary = run.index.get(f.file)?.summary;
    const memberNames = new Map((summary?.members ?? []).map((m) => [m.key, m.name]));
    const at = { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } };
    return toReportFinding({ ...f, ...at }, { file: f.file, clinician: summary?.clinician ?? null, date: summary?.date ?? null, memberNames });
  });
}

const ruleInfos = () => toRuleInfos(ALL_RULES);

export function formatMachine(format: 'sarif' | 'junit', run: LintRun, version: string, docsBaseUri = DEFAULT_DOCS_BASE_URL): string {
  const findings = reportFindings(run);
  const text = format === 'sarif' ? toSarif(findings, ruleInfos(), { name: 'groupnote-lint', version, informationUri: HOMEPAGE, docsBaseUri }) : toJUnit(findings, ruleInfos(), run.filesChecked);
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** A fee schedule file: {"90853": 24.10, ...}; an error message when it is not one. */
export function readFeeSchedule(path: string): Record<string, number> | string {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return e instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'must be an object of CPT code to amount';
  const out: Record<string, number> = {};
  for (const [code, amount] of Object.entries(raw)) {
    if (typeof amount !== 'number' || !(amount >= 0)) return `amount for ${code} must be a number of dollars`;
    out[code] = amount;
  }
  return out;
}

export function writeReports(file: string, run: LintRun, feeSchedule: Record<string, number>, docsBaseUri = DEFAULT_DOCS_BASE_URL): void {
  const findings = reportFindings(run);
  if (/\.csv$/i.test(file)) {
    writeFileSync(file, toCsv(findings));
    return;
  }
  writeFileSync(
    file,
    toHtml(findings, ruleInfos(), {
      generatedAt: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
      feeSchedule,
      defaultAllowedAmount: DEFAULT_FEE_90853.amount,
      filesChecked: run.filesChecked.length,
      docsBaseUri,
    }),
  );
}
