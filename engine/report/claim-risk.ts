// Which findings put a member's claim for the session (one 90853 per member per date) at risk:
// payers deny or recoup a group psychotherapy claim whose note does not show that member's own
// participation and response, does not tie the session to the member's treatment plan, is
// cloned from another member's section, or discloses another member (see docs/rules/).
//
// The caller sets ReportFinding.claimAtRisk from this list (toReportFinding does it for findings
// in a member's section); the HTML report sums the expected allowed amount of each claim once.
//
// TODO: billing rules from the billing issue (issue 6: group size, absent member billed, 90785
// without a qualifying factor, 90849 vs 90853, telehealth POS/modifier, signature, ...) should be
// added here by id as they land. The cross-note rules of the workspace issue
// (duplicate-billing, member-note-cloned, same-day-individual-overlap, treatment-plan) are
// candidates too; add them here by id once it is decided that each puts the claim at risk.

export const CLAIM_RISK_RULES: ReadonlySet<string> = new Set([
  'participation-missing',
  'response-missing',
  'treatment-plan-link-missing',
  'member-copy-paste',
  'other-member-identifier',
]);

export function isClaimRiskRule(ruleId: string): boolean {
  return CLAIM_RISK_RULES.has(ruleId);
}
