// Which findings put a member's claim for the session (one 90853 per member per date) at risk:
// payers deny or recoup a group psychotherapy claim whose note does not show that member's own
// participation and response, does not tie the session to the member's treatment plan, is
// cloned from another member's section, or discloses another member (see docs/rules/).
//
// The caller sets ReportFinding.claimAtRisk from this list (toReportFinding does it for findings
// in a member's section); the HTML report sums the expected allowed amount of each claim once.
//
// Billing and cross-note rules count too where the finding is about one member's claim: not
// taking part, absent but billed, billed twice, the same encounter billed twice, a cloned
// section, no group (fewer than two), too many members, a class rather than therapy, a family
// group billed as 90853, a plan goal that is not in the plan. Note-wide findings (signature,
// telehealth coding) carry no member and are reported but not counted per claim.

export const CLAIM_RISK_RULES: ReadonlySet<string> = new Set([
  'participation-missing',
  'response-missing',
  'treatment-plan-link-missing',
  'member-copy-paste',
  'other-member-identifier',
  'member-not-participating',
  'absent-member-billed',
  'billed-twice-in-note',
  'single-member-group',
  'group-size-above-maximum',
  'class-not-therapy',
  'multiple-family-group',
  'interactive-complexity-unsupported',
  'duplicate-billing',
  'member-note-cloned',
  'same-day-individual-overlap',
  'treatment-plan',
]);

export function isClaimRiskRule(ruleId: string): boolean {
  return CLAIM_RISK_RULES.has(ruleId);
}
