// What a rule is. One file per rule under engine/rules/, each exporting a Rule.

import type { GroupNote, Member, MemberSection } from '../facts/note.js';
import type { NameMatcher } from '../facts/names.js';
import type { SessionContext } from '../facts/session.js';

export type Severity = 'error' | 'warning' | 'info';

export interface RuleOptions {
  /** Dice similarity at or above which two sentences count as copies (member-copy-paste) */
  copyPasteSimilarity: number;
  /** sentences shorter than this (in words) are never reported as copies */
  copyPasteMinWords: number;
}

export const DEFAULT_RULE_OPTIONS: RuleOptions = {
  copyPasteSimilarity: 0.8,
  copyPasteMinWords: 6,
};

export interface RuleContext extends SessionContext {
  // From SessionContext (engine/facts/session.ts): `payer`, the payer profile the note picked with
  // `payer:` (default "medicare"); `payerProblem`, set when `payer:` names no profile; `session`,
  // the session facts read from the frontmatter; `today`; and `treatmentPlans`, plan facts by
  // member id or name when the caller has them (else null).
  note: GroupNote;
  names: NameMatcher;
  options: RuleOptions;
  /** the member's display name for messages: name, else id */
  label(member: Member): string;
  /** sections of members who were present (absent members' sections are another rule's concern) */
  sections: MemberSection[];
  /** problems found in groupnote-disable comments */
  disableProblems: { start: number; end: number; message: string }[];
}

export interface RelatedLocation {
  start: number;
  end: number;
  message: string;
}

export interface RuleFinding {
  start: number;
  end: number;
  message: string;
  /** whose section the finding is in, or null for the shared section */
  member: Member | null;
  related?: RelatedLocation[];
  /** machine-readable details for quick fixes and reports */
  data?: Record<string, unknown>;
}

export interface Rule {
  /** stable id: used in config, disable comments, docs/rules/<id>.md */
  id: string;
  defaultSeverity: Severity;
  /** one line for --list-rules and the docs index */
  description: string;
  check(context: RuleContext): RuleFinding[];
}
