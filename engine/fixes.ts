// Quick fixes for findings, as plain text edits. The language server turns them into
// versioned LSP edits; keeping them here makes every fix testable without an editor.

import type { Finding, LintResult } from './index.js';
import type { FieldKind } from './labels.js';
import type { Member, MemberSection } from './note.js';
import { goalReference, type PlanGoal } from './plans.js';
import { isSentenceStart } from './names.js';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** the fix an editor applies with "auto fix" */
  preferred?: boolean;
}

export interface FixContext {
  /** the treatment-plan goals of a member, by member key, when plans are known */
  goalsOf?: (memberKey: string) => PlanGoal[];
}

// The fields every member section should have, in the order clinicians write them.
const SKELETON: { kind: FieldKind; label: string }[] = [
  { kind: 'participation', label: 'Participation' },
  { kind: 'interventions', label: 'Interventions' },
  { kind: 'response', label: 'Response' },
  { kind: 'treatment-plan', label: 'Treatment plan' },
  { kind: 'plan', label: 'Plan' },
];

const FIELD_OF_RULE: Record<string, FieldKind> = {
  'participation-missing': 'participation',
  'response-missing': 'response',
  'treatment-plan-link-missing': 'treatment-plan',
};

const CONTACT_KINDS = new Set(['phone', 'email', 'date of birth']);

export function fixesFor(result: LintResult, finding: Finding, context: FixContext = {}): Fix[] {
  const fixes: Fix[] = [];
  const { note } = result;
  const text = note.text;
  const section = finding.member === null ? null : note.sections.find((s) => s.member.key === finding.member && s.start <= finding.startOffset && finding.startOffset <= s.end) ?? null;

  if (finding.ruleId === 'other-member-identifier') {
    const replacement = (f: Finding) => neutralPhrase(text, f, CONTACT_KINDS.has(String(f.data?.kind ?? '')));
    const phrase = replacement(finding);
    fixes.push({ title: `Replace with "${phrase}"`, edits: [{ start: finding.startOffset, end: finding.endOffset, newText: phrase }], preferred: true });
    const others = JSON.stringify(finding.data?.otherMembers ?? []);
    const same = result.findings.filter((f) => f.ruleId === finding.ruleId && f.member === finding.member && JSON.stringify(f.data?.otherMembers ?? []) === others);
    if (same.length > 1) {
      const where = section ? 'this section' : 'the shared section';
      fixes.push({ title: `Replace all ${same.length} mentions of this member in ${where}`, edits: same.map((f) => ({ start: f.startOffset, end: f.endOffset, newText: replacement(f) })) });
    }
  }

  // a heading that names no one on the roster, while a member has no section: name that member
  const rename = finding.ruleId === 'member-section-missing' ? (finding.data?.rename as TextEdit | undefined) : undefined;
  if (rename) fixes.push({ title: `Rename the heading to "${rename.newText}"`, edits: [{ start: rename.start, end: rename.end, newText: rename.newText }], preferred: true });

  const missingKind = FIELD_OF_RULE[finding.ruleId];
  if (missingKind && section) {
    const nl = lineEnding(text);
    const field = SKELETON.find((f) => f.kind === missingKind)!;
    const hasField = section.fields.some((f) => f.kind === missingKind);
    if (!hasField) {
      fixes.push({ title: `Insert a ${field.label} field`, edits: [insertField(text, section, field, nl)], preferred: missingKind !== 'treatment-plan' });
    }
    const missing = SKELETON.filter((f) => !section.fields.some((x) => x.kind === f.kind));
    if (missing.length > 1) {
      fixes.push({ title: `Insert the missing fields (${missing.map((f) => f.label).join(', ')})`, edits: mergeInserts(missing.map((f) => insertField(text, section, f, nl))) });
    }
    if (missingKind === 'treatment-plan') {
      for (const goal of context.goalsOf?.(section.member.key) ?? []) {
        const reference = `${goalReference(goal)}: ${goal.text}`;
        const existing = section.fields.find((f) => f.kind === 'treatment-plan');
        const edit: TextEdit = existing
          ? { start: existing.content.start, end: trimEndOffset(text, existing.content.start, existing.content.end), newText: ` ${reference}` }
          : insertField(text, section, field, nl, reference);
        fixes.push({ title: `Link to ${goalReference(goal)} (${shorten(goal.text)})`, edits: [edit] });
      }
    }
  }

  fixes.push(disableForLine(text, finding), disableForFile(result, finding));
  return fixes;
}

export interface SafeFixContext {
  /** ICD-10 codes on a member's treatment plan, when plans are known */
  diagnosesOf?: (member: Member) => readonly string[];
}

/**
 * The fixes that are safe to apply without reading them, for `groupnote-lint --fix` and an
 * editor's fix-all: the missing field skeleton of a section that a missing-field rule reported
 * (empty labels for the clinician to fill in), and a Diagnosis field with the codes of the
 * member's treatment plan when the plan is known. Nothing is reworded or removed, so name fixes
 * (other-member-identifier) stay one at a time. Returns non-overlapping edits for applyEdits.
 */
export function safeFixes(result: LintResult, context: SafeFixContext = {}): TextEdit[] {
  if (!result.isGroupNote) return [];
  const { note } = result;
  const text = note.text;
  const nl = lineEnding(text);
  const edits: TextEdit[] = [];
  const sectionOf = (f: Finding) => (f.member === null ? undefined : note.sections.find((s) => s.member.key === f.member && s.start <= f.startOffset && f.startOffset <= s.end));
  const skeletonDone = new Set<MemberSection>();
  for (const finding of result.findings) {
    if (!FIELD_OF_RULE[finding.ruleId]) continue;
    const section = sectionOf(finding);
    if (!section || skeletonDone.has(section)) continue;
    skeletonDone.add(section);
    const missing = SKELETON.filter((f) => !section.fields.some((x) => x.kind === f.kind));
    edits.push(...missing.map((f) => insertField(text, section, f, nl)));
  }
  const diagnosed = new Set<string>();
  for (const finding of result.findings) {
    if (finding.ruleId !== 'diagnosis-missing' || !context.diagnosesOf) continue;
    const keys = finding.member !== null ? [finding.member] : Array.isArray(finding.data?.members) ? (finding.data.members as unknown[]).filter((k): k is string => typeof k === 'string') : [];
    for (const key of keys) {
      const section = note.sections.find((s) => s.member.key === key);
      if (diagnosed.has(key) || !section) continue;
      const codes = context.diagnosesOf(section.member);
      if (codes.length === 0) continue;
      diagnosed.add(key);
      const end = trimEndOffset(text, section.body.start, section.body.end);
      edits.push({ start: end, end, newText: `${nl}${nl}**Diagnosis:** ${codes.join(', ')}` });
    }
  }
  return mergeInserts(edits.sort((a, b) => a.start - b.start));
}

/** "a peer", "A peer" at a sentence start, "a peer's" for a possessive; "[removed]" for contact details. */
function neutralPhrase(text: string, finding: Finding, contact: boolean): string {
  if (contact) return '[removed]';
  const written = text.slice(finding.startOffset, finding.endOffset);
  const possessive = /['’]s$/i.test(written) ? "'s" : '';
  return `${isSentenceStart(text, finding.startOffset) ? 'A' : 'a'} peer${possessive}`;
}

function lineEnding(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : /\r/.test(text) ? '\r' : '\n';
}

/** Inserts "**Label:** " where the field belongs in the canonical order, or at the section end. */
function insertField(text: string, section: MemberSection, field: { kind: FieldKind; label: string }, nl: string, content = ''): TextEdit {
  const order = SKELETON.findIndex((f) => f.kind === field.kind);
  const later = section.fields.find((f) => f.label !== null && SKELETON.findIndex((s) => s.kind === f.kind) > order);
  // Only before a label that starts its line; a label in running text ("... exercise. Plan: ...")
  // would have its paragraph split, so the field goes to the end of the section instead.
  if (later && /^[ \t>*_#+\-\d.)]*$/.test(text.slice(lineStart(text, later.start), later.start))) {
    const at = lineStart(text, later.start);
    return { start: at, end: at, newText: `**${field.label}:** ${content}${nl}${nl}` };
  }
  const end = trimEndOffset(text, section.body.start, section.body.end);
  return { start: end, end, newText: `${nl}${nl}**${field.label}:** ${content}` };
}

/** Inserts at one offset become one edit, in the order given (editors apply same-offset inserts unpredictably). */
function mergeInserts(edits: TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const e of edits) {
    const same = merged.find((m) => m.start === e.start && m.end === e.end && e.start === e.end);
    if (same) same.newText += e.newText;
    else merged.push({ ...e });
  }
  return merged;
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEndOffset(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function trimEndOffset(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

function shorten(s: string): string {
  return s.length > 50 ? `${s.slice(0, 47)}...` : s;
}

function disableForLine(text: string, finding: Finding): Fix {
  const at = trimEndOffset(text, lineStart(text, finding.startOffset), lineEndOffset(text, finding.startOffset));
  return { title: `Disable ${finding.ruleId} for this line`, edits: [{ start: at, end: at, newText: ` <!-- groupnote-disable-line ${finding.ruleId} -->` }] };
}

function disableForFile(result: LintResult, finding: Finding): Fix {
  const nl = lineEnding(result.note.text);
  const fm = result.note.frontmatterSpan;
  const at = fm ? fm.end : result.note.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const newText = fm ? `${nl}${nl}<!-- groupnote-disable-file ${finding.ruleId} -->` : `<!-- groupnote-disable-file ${finding.ruleId} -->${nl}${nl}`;
  return { title: `Disable ${finding.ruleId} for this file`, edits: [{ start: at, end: at, newText }] };
}

/** Plan diagnoses by member id, else name (as diagnosis-plan-mismatch looks them up), for SafeFixContext. */
export function planDiagnoses(plans: ReadonlyMap<string, { diagnoses: readonly string[] }>): (member: Member) => readonly string[] {
  return (member) => (member.id ? plans.get(member.id) : undefined)?.diagnoses ?? (member.name ? plans.get(member.name) : undefined)?.diagnoses ?? [];
}

/** Applies non-overlapping edits (any order) to text. Used by tests and the CLI. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
