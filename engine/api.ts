// The library entry of the npm package (`require('groupnote-lint')` / `import ... from
// 'groupnote-lint'`): the engine without the CLI or an editor. Documented in docs/api.md; its
// types are emitted by tsc from this file (tsconfig.lib.json). What is exported here is the
// package's public API: change it only with a version bump and a CHANGELOG entry.

import { lintText, type LintOptions, type LintResult } from './index.js';
import { ALL_RULES, type RuleSummary } from './rules/catalog.js';

export { VERSION, HOMEPAGE, DEFAULT_DOCS_BASE_URL, ruleDocUrl } from './version.js';
export type { Finding, LintConfig, LintOptions, LintResult, RelatedFinding, SuppressedFinding, GroupNote, Member, Position, RuleOptions, Severity } from './index.js';
export type { RuleSummary } from './rules/catalog.js';
export { WorkspaceIndex } from './workspace/index.js';
export type { CrossNoteOptions, WorkspaceFinding, WorkspaceLocation } from './workspace/index.js';
export { findConfigFile, loadConfigFile, mergeConfig, parseConfigText, validateConfig, CONFIG_FILE_NAME } from './config.js';
export type { ConfigProblem, GroupnoteConfig, LoadedConfig } from './config.js';
export { applyEdits, fixesFor, planDiagnoses, safeFixes } from './editor/fixes.js';
export type { Fix, FixContext, SafeFixContext, TextEdit } from './editor/fixes.js';
export { parsePlan } from './facts/plans.js';
export type { PlanGoal, TreatmentPlan } from './facts/plans.js';

/**
 * Lints one note's text. Notes that are not group notes (no `note: group-psychotherapy` or
 * `cpt: 90853` in the frontmatter, and no header the engine recognises as one) give
 * `isGroupNote: false` and no findings, unless `options.forceGroupNote` is set. Never throws on
 * bad input; reads no files and uses no network.
 */
export function lint(text: string, options: LintOptions = {}): LintResult {
  return lintText(text, options);
}

/** Every rule: single-note rules, then cross-note rules (run by WorkspaceIndex.crossNoteFindings). */
export const rules: readonly RuleSummary[] = ALL_RULES;
