// Report writers for the CLI: SARIF 2.1.0, JUnit XML, CSV and the reviewer's HTML page.
// Plain functions from findings to text; the caller writes the files. See docs/reports.md.

export { CLAIM_RISK_RULES, isClaimRiskRule } from './claim-risk.js';
export { toCsv, csvField, defuseFormula, CSV_COLUMNS, type CsvOptions } from './csv.js';
export { toHtml, type HtmlReportOptions } from './html.js';
export { toJUnit } from './junit.js';
export { DEFAULT_FEE_90853, GROUP_CPT, revenueAtRisk, formatCents, type FeeSchedule, type RevenueAtRisk, type ClaimAtRisk } from './revenue.js';
export { toSarif, FINGERPRINT_KEY, type SarifTool } from './sarif.js';
export { ruleDocs, toReportFinding, toRuleInfos, type NoteFacts, type ReportFinding, type ReportSeverity, type RuleInfo } from './types.js';
