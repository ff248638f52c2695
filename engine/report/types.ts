// What the report writers (SARIF, JUnit, CSV, HTML) take: findings already placed in a file, with
// 1-based positions, plus what a reviewer groups by (member, clinician, session date). Plain data:
// no editor imports, no file system.

import type { Finding } from '../index.js';
import { isClaimRiskRule } from './claim-risk.js';

export type ReportSeverity = 'error' | 'warning' | 'info';

export interface ReportFinding {
  /** path of the note, relative to the folder checked (forward or back slashes) */
  file: string;
  ruleId: string;
  severity: ReportSeverity;
  message: string;
  /** 1-based; the end is exclusive (endColumn is the column after the last character) */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** id (or name, when the roster has no id) of the member whose section holds the finding; null for shared text */
  member: string | null;
  /** the member's display name, when the caller knows it */
  memberName?: string | null;
  /** rendering clinician (the note's facilitator) */
  clinician?: string | null;
  /** YYYY-MM-DD of the session */
  date?: string | null;
  /** the finding puts this member's claim for the session at risk (see CLAIM_RISK_RULES) */
  claimAtRisk?: boolean;
}

export interface RuleInfo {
  id: string;
  defaultSeverity: ReportSeverity;
  description: string;
  /** relative path of the rule's page: docs/rules/<id>.md */
  docs: string;
}

/** The doc page of a rule, relative to the package root (the same path as ruleDocPath in engine/index.ts). */
export function ruleDocs(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

/** RuleInfo for each rule (RULES, WORKSPACE_RULES or anything with id, defaultSeverity, description). */
export function toRuleInfos(rules: readonly { id: string; defaultSeverity: ReportSeverity; description: string }[]): RuleInfo[] {
  return rules.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, description: r.description, docs: ruleDocs(r.id) }));
}

/** What the caller knows about the note a finding came from. */
export interface NoteFacts {
  file: string;
  clinician?: string | null;
  date?: string | null;
  /** member key -> display name */
  memberNames?: ReadonlyMap<string, string | null> | Record<string, string | null>;
}

/**
 * An engine finding (0-based positions) as a report finding (1-based), with claimAtRisk set from
 * CLAIM_RISK_RULES for findings in a member's section.
 */
export function toReportFinding(finding: Pick<Finding, 'ruleId' | 'severity' | 'message' | 'member' | 'start' | 'end'>, note: NoteFacts): ReportFinding {
  const names = note.memberNames;
  const memberName =
    finding.member === null || !names ? null : names instanceof Map ? names.get(finding.member) ?? null : (names as Record<string, string | null>)[finding.member] ?? null;
  return {
    file: note.file,
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    line: finding.start.line + 1,
    column: finding.start.character + 1,
    endLine: finding.end.line + 1,
    endColumn: finding.end.character + 1,
    member: finding.member,
    memberName,
    clinician: note.clinician ?? null,
    date: note.date ?? null,
    claimAtRisk: finding.member !== null && isClaimRiskRule(finding.ruleId),
  };
}
