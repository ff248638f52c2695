// Findings for the report tests: invented members, clinicians and dates over three months, with
// claims that have several at-risk findings (counted once), shared-section findings, and a rule
// the rule list does not know.

import { RULES } from '../../engine/index.js';
import { toRuleInfos, type ReportFinding, type RuleInfo } from '../../engine/report/index.js';

export const RULE_INFOS: RuleInfo[] = toRuleInfos(RULES);

type Partial1 = Pick<ReportFinding, 'file' | 'ruleId' | 'line'> & Partial<ReportFinding>;

export function finding(f: Partial1): ReportFinding {
  return {
    severity: 'warning',
    message: `Message for ${f.ruleId}.`,
    column: 1,
    endLine: f.line,
    endColumn: 40,
    member: null,
    memberName: null,
    clinician: null,
    date: null,
    claimAtRisk: false,
    ...f,
  };
}

const A = 'anxiety/2026-03-04-anxiety-skills.md';
const B = 'anxiety/2026-03-11-anxiety-skills.md';
const C = 'dbt/2026-04-01-dbt-skills.md';
const D = 'iop/2026-05-19-relapse-prevention.md';
const dana = 'Dana Whitfield, LCSW';
const omar = 'Omar Reyes, PhD';

/**
 * Claims at risk (file + member): A/MRN-1, A/MRN-2, B/MRN-1, C/C-101, C/C-102, D/P-7 = 6.
 * A/MRN-1 has three at-risk findings and B/MRN-1 two: each claim counts once.
 */
export const SAMPLE_FINDINGS: ReportFinding[] = [
  finding({ file: A, ruleId: 'other-member-identifier', severity: 'error', line: 25, column: 41, endColumn: 54, member: null, clinician: dana, date: '2026-03-04', claimAtRisk: false, message: 'Identifies a group member in the shared section, which goes into every member\'s chart.' }),
  finding({ file: A, ruleId: 'participation-missing', line: 31, column: 20, endLine: 32, endColumn: 68, member: 'MRN-1', memberName: 'Maria Lopez', clinician: dana, date: '2026-03-04', claimAtRisk: true, message: 'Participation for Maria Lopez is written only in stock phrases.' }),
  finding({ file: A, ruleId: 'response-missing', line: 34, column: 15, endLine: 35, endColumn: 73, member: 'MRN-1', memberName: 'Maria Lopez', clinician: dana, date: '2026-03-04', claimAtRisk: true, message: 'Response to interventions for Maria Lopez is written only in stock phrases.' }),
  finding({ file: A, ruleId: 'member-copy-paste', line: 34, column: 15, endLine: 35, endColumn: 73, member: 'MRN-1', memberName: 'Maria Lopez', clinician: dana, date: '2026-03-04', claimAtRisk: true, message: "These 2 sentences are copied from James O'Connor's section." }),
  finding({ file: A, ruleId: 'member-copy-paste', line: 43, column: 20, endLine: 44, endColumn: 68, member: 'MRN-2', memberName: "James O'Connor", clinician: dana, date: '2026-03-04', claimAtRisk: true, message: "These 2 sentences are copied from Maria Lopez's section." }),
  finding({ file: A, ruleId: 'disable-comment-invalid', line: 50, member: 'MRN-2', memberName: "James O'Connor", clinician: dana, date: '2026-03-04', message: 'Unknown rule id "member-copy" in a groupnote-disable comment.' }),
  finding({ file: B, ruleId: 'treatment-plan-link-missing', line: 30, member: 'MRN-1', memberName: 'Maria Lopez', clinician: dana, date: '2026-03-11', claimAtRisk: true, message: 'No reference to a goal or objective of the treatment plan of Maria Lopez.' }),
  finding({ file: B, ruleId: 'response-missing', line: 33, member: 'MRN-1', memberName: 'Maria Lopez', clinician: dana, date: '2026-03-11', claimAtRisk: true, message: 'Response to interventions for Maria Lopez is missing.' }),
  finding({ file: C, ruleId: 'other-member-identifier', severity: 'error', line: 21, column: 88, endColumn: 92, member: 'C-101', memberName: 'Ava Chen', clinician: omar, date: '2026-04-01', claimAtRisk: true, message: 'Identifies another group member, Ben, in the section of Ava Chen.' }),
  finding({ file: C, ruleId: 'treatment-plan-link-missing', line: 30, member: 'C-102', memberName: 'Ben Ortiz', clinician: omar, date: '2026-04-01', claimAtRisk: true, message: 'No reference to a goal or objective of the treatment plan of Ben Ortiz.' }),
  finding({ file: C, ruleId: 'frontmatter-invalid', severity: 'error', line: 3, member: null, clinician: omar, date: '2026-04-01', message: 'The roster entry 3 has no name or id.' }),
  finding({ file: D, ruleId: 'response-missing', line: 40, member: 'P-7', memberName: null, clinician: null, date: '2026-05-19', claimAtRisk: true, message: 'Response to interventions for P-7 is missing.' }),
  finding({ file: D, ruleId: 'duplicate-billing', severity: 'error', line: 12, member: 'P-7', clinician: null, date: '2026-05-19', claimAtRisk: false, message: 'P-7 is billed 90853 2 times on 2026-05-19.' }),
  finding({ file: D, ruleId: 'participation-missing', severity: 'info', line: 38, member: 'P-8', memberName: 'Noor Haddad', clinician: null, date: null, claimAtRisk: false, message: 'Participation for Noor Haddad is thin.' }),
];

export const SAMPLE_FILES = [A, B, C, D, 'anxiety/2026-03-18-anxiety-skills.md'];
export const SAMPLE_CLAIMS_AT_RISK = 6;

/** Strings that break naive escaping: quotes, markup, ampersands, control characters, formulas. */
export const NASTY = `=HYPERLINK("http://x.example","a") <script>alert(1)</script> & "quoted" 'single' \u0007bell\u0000nul\u001b[31m\ttab\r\nnewline ]]> \uD800 lone`;
