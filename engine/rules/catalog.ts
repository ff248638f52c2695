// Every rule the tool has: single-note rules (rules/index.ts) and cross-note rules
// (rules/cross-note.ts). For listings, configuration checks and reports.

import { RULES } from './index.js';
import { WORKSPACE_RULES } from './cross-note.js';
import type { Severity } from './rule.js';

export interface RuleSummary {
  id: string;
  defaultSeverity: Severity;
  description: string;
  /** true for rules that compare notes across a folder */
  crossNote: boolean;
}

export const ALL_RULES: readonly RuleSummary[] = [
  ...RULES.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, description: r.description, crossNote: false })),
  ...WORKSPACE_RULES.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, description: r.description, crossNote: true })),
];
