// What the workspace index and the cross-note rules share: an indexed note, a rule over the
// whole index and the findings it gives. In a file of its own, so that the rules (which the
// index runs) need not import the index.

import type { Severity } from '../rules/rule.js';
import type { Position } from '../parse/text.js';
import type { DisableDirectives } from '../parse/disable-comments.js';
import type { NoteSummary } from './summary.js';

export interface WorkspaceLocation {
  path: string;
  start: Position;
  end: Position;
}

export interface WorkspaceFinding extends WorkspaceLocation {
  ruleId: string;
  severity: Severity;
  message: string;
  member: string | null;
  related: (WorkspaceLocation & { message: string })[];
  data?: Record<string, unknown>;
}

export interface IndexedNote {
  path: string;
  /** changes when the file changes: mtime and size on disk, or the editor's version */
  stamp: string;
  summary: NoteSummary;
  directives: DisableDirectives | null;
}

export interface CrossNoteOptions {
  /** Jaccard similarity of word shingles at or above which a section counts as cloned */
  cloneSimilarity: number;
  /** severity for a rule in a given note, or "off" (from that note's configuration) */
  severity: (path: string, ruleId: string, defaultSeverity: Severity) => Severity | 'off';
}

export type RawWorkspaceFinding = Omit<WorkspaceFinding, 'severity' | 'ruleId'> & {
  /** a reminder rather than a problem: reported as info whatever the rule's severity */
  reminder?: boolean;
};

export interface WorkspaceRule {
  id: string;
  defaultSeverity: Severity;
  description: string;
  check(notes: readonly IndexedNote[], options: CrossNoteOptions): RawWorkspaceFinding[];
}
