// Quick fixes for findings, as plain text edits. The language server turns them into
// versioned LSP edits; keeping them here makes every fix testable without an editor.

import type { Finding, LintResult } from '../index.js';
import type { FieldKind } from '../parse/labels.js';
import type { Member, MemberSection } from '../facts/note.js';
import { goalReference, type PlanGoal } from '../facts/plans.js';
import { isSentenceStart } from '../facts/names.js';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
  /**
   * The same text as a snippet (TextMate snippet syntax: tab stops $1, ${1:default}) for editors
   * that insert snippets, so the cursor lands where the clinician writes next.
   */
  snippet?: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** the fix an editor applies with "auto fix" */
  preferred?: boolean;
  /**
   * Safe to apply without reading it (an empty field skeleton, a diagnosis copied from the
   * member's plan): "fix all" applies it. The value names what it fixes, so that the same fix
   * offered for several findings is applied once.
   */
  fixAll?: string;
}

export interface FixContext {
  /** the treatment-plan goals of a member, by member key, when plans are known */
  goalsOf?: (memberKey: string) => PlanGoal[];
  /** the diagnoses (ICD-10 codes) on a member's treatment plan, by member key, when plans are known */
  diagnosesOf?: (memberKey: string) => string[];
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
    const missing = SKELETON.filter((f) => !section.fields.some((x) => x.kind === f.kind));
    // the whole skeleton is what "fix all" inserts (once per section, whichever finding asks)
    const skeleton = `skeleton:${section.start}`;
    if (!hasField) {
      fixes.push({ title: `Insert a ${field.label} field`, edits: [insertField(text, section, field, nl)], preferred: missingKind !== 'treatment-plan', ...(missing.length === 1 ? { fixAll: skeleton } : {}) });
    }
    if (missing.length > 1) {
      const edits = mergeInserts(missing.map((f, i) => insertField(text, section, f, nl, '', i + 1)));
      // tab stops run across one edit only: several insertion points stay plain text
      if (edits.length > 1) for (const e of edits) delete e.snippet;
      fixes.push({ title: `Insert the missing fields (${missing.map((f) => f.label).join(', ')})`, edits, fixAll: skeleton });
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

  if (finding.ruleId === 'diagnosis-missing' && context.diagnosesOf) {
    // one member's section, or (a note with no diagnosis at all) every member listed in the finding
    const keys = finding.member !== null ? [finding.member] : Array.isArray(finding.data?.members) ? (finding.data.members as string[]) : [];
    const nl = lineEnding(text);
    const edits: TextEdit[] = [];
    for (const key of keys) {
      const codes = context.diagnosesOf(key);
      const target = note.sections.find((s) => s.member.key === key);
      if (codes.length && target) edits.push(insertDiagnosis(text, target, codes, nl));
    }
    if (edits.length > 0) {
      const title = keys.length === 1 ? `Insert the diagnosis from the treatment plan (${context.diagnosesOf(keys[0]).join(', ')})` : `Insert each member's diagnosis from their treatment plan (${edits.length} of ${keys.length})`;
      fixes.push({ title, edits, preferred: true, fixAll: `diagnosis:${keys.join(',')}` });
    }
  }

  const line = disableForLine(result, finding);
  if (line) fixes.push(line);
  fixes.push(disableForFile(result, finding));
  return fixes;
}

export interface SafeFixContext {
  /** ICD-10 codes on a member's treatment plan, when plans are known */
  diagnosesOf?: (member: Member) => readonly string[];
}

/**
 * The fixes that are safe to apply without reading them, for `groupnote-lint --fix`: the same set
 * as the editor's fix-all (`fixAll`): the missing field skeleton of a section a missing-field rule
 * reported, and a Diagnosis field with the codes of the member's treatment plan when the plan is
 * known. Nothing is reworded or removed, so name fixes stay one at a time.
 */
export function safeFixes(result: LintResult, context: SafeFixContext = {}): TextEdit[] {
  if (!result.isGroupNote) return [];
  const { diagnosesOf } = context;
  const memberOf = (key: string) => result.note.roster.find((m) => m.key === key);
  return fixAll(result, diagnosesOf ? { diagnosesOf: (key) => { const member = memberOf(key); return member ? [...diagnosesOf(member)] : []; } } : {});
}

/**
 * The safe fixes for every finding of a note ("fix all"): each one once, skipping any whose edits
 * would overlap an edit already taken. Never a name replacement: those are read one at a time.
 */
export function fixAll(result: LintResult, context: FixContext = {}): TextEdit[] {
  const taken: TextEdit[] = [];
  const seen = new Set<string>();
  for (const finding of result.findings) {
    for (const fix of fixesFor(result, finding, context)) {
      if (!fix.fixAll || seen.has(fix.fixAll)) continue;
      seen.add(fix.fixAll);
      const overlaps = fix.edits.some((e) => taken.some((t) => (e.start < t.end && t.start < e.end) || (e.start === e.end && e.start === t.start)));
      if (!overlaps) taken.push(...fix.edits.map(({ snippet: _snippet, ...plain }) => plain));
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** "**Diagnosis:** F41.1, F43.10" as the first line of the member's section. */
function insertDiagnosis(text: string, section: MemberSection, codes: string[], nl: string): TextEdit {
  const first = section.fields[0];
  if (first && /^[ \t>*_#+\-\d.)]*$/.test(text.slice(lineStart(text, first.start), first.start))) {
    const at = lineStart(text, first.start);
    return { start: at, end: at, newText: `**Diagnosis:** ${codes.join(', ')}${nl}${nl}` };
  }
  const at = lineEndOffset(text, section.heading.start);
  return { start: at, end: at, newText: `${nl}${nl}**Diagnosis:** ${codes.join(', ')}` };
}

/** Text as literal snippet text: $, } and \ escaped. */
function snippetText(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
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

/**
 * Inserts "**Label:** " where the field belongs in the canonical order, or at the section end;
 * its snippet puts tab stop `stop` where the field's text goes (after any content given).
 */
function insertField(text: string, section: MemberSection, field: { kind: FieldKind; label: string }, nl: string, content = '', stop = 1): TextEdit {
  const order = SKELETON.findIndex((f) => f.kind === field.kind);
  const later = section.fields.find((f) => f.label !== null && SKELETON.findIndex((s) => s.kind === f.kind) > order);
  const label = `**${field.label}:** `;
  const value = content ? `${snippetText(content)}$${stop}` : `$${stop}`;
  // Only before a label that starts its line; a label in running text ("... exercise. Plan: ...")
  // would have its paragraph split, so the field goes to the end of the section instead.
  if (later && /^[ \t>*_#+\-\d.)]*$/.test(text.slice(lineStart(text, later.start), later.start))) {
    const at = lineStart(text, later.start);
    return { start: at, end: at, newText: `${label}${content}${nl}${nl}`, snippet: `${label}${value}${nl}${nl}` };
  }
  const end = trimEndOffset(text, section.body.start, section.body.end);
  return { start: end, end, newText: `${nl}${nl}${label}${content}`, snippet: `${nl}${nl}${label}${value}` };
}

/** Inserts at one offset become one edit, in the order given (editors apply same-offset inserts unpredictably). */
function mergeInserts(edits: TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const e of edits) {
    const same = merged.find((m) => m.start === e.start && m.end === e.end && e.start === e.end);
    if (same) {
      same.newText += e.newText;
      same.snippet = same.snippet !== undefined && e.snippet !== undefined ? same.snippet + e.snippet : undefined;
    } else merged.push({ ...e });
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

/**
 * A disable-next-line comment on its own line above the finding's line, with the line's
 * indentation and a reason to fill in (as vscode-eslint does). None for a finding in the
 * frontmatter, where comments are not directives.
 */
function disableForLine(result: LintResult, finding: Finding): Fix | null {
  const text = result.note.text;
  const fm = result.note.frontmatterSpan;
  if (fm && finding.startOffset < fm.end) return null;
  const at = lineStart(text, finding.startOffset);
  const indent = /^[ \t]*/.exec(text.slice(at, lineEndOffset(text, at)))![0];
  const comment = (reason: string) => `${indent}<!-- groupnote-disable-next-line ${finding.ruleId} -- ${reason} -->${lineEnding(text)}`;
  return { title: `Disable ${finding.ruleId} for this line`, edits: [{ start: at, end: at, newText: comment('reason'), snippet: comment('${1:reason}') }] };
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
