// Hovers and code lenses: summaries the editor shows next to the note. Built from the lint
// result; they show the clinician their own note text, and nothing here is logged.

import { MarkupKind, type CodeLens, type Hover, type Position } from 'vscode-languageserver/node';
import { memberLabel, type LintResult } from '../../engine/index.js';
import { GOAL_REFERENCE } from '../../engine/language/cues.js';
import { goalReference } from '../../engine/facts/plans.js';
import type { PlanIndex } from './plan-index.js';

type ToPosition = (offset: number) => Position;

function summary(result: LintResult, memberKey: string): string[] {
  const findings = result.findings.filter((f) => f.member === memberKey);
  return findings.map((f) => `- \`${f.ruleId}\`: ${f.message}`);
}

export function hoverAt(result: LintResult, offset: number, plans: PlanIndex, toPosition: ToPosition): Hover | null {
  const { note } = result;
  // On a member heading: that section's findings.
  const section = note.sections.find((s) => s.heading.start <= offset && offset <= s.heading.end);
  if (section) {
    const lines = summary(result, section.member.key);
    const title = `**${memberLabel(section.member)}**${section.member.id ? ` (${section.member.id})` : ''}`;
    return {
      contents: { kind: MarkupKind.Markdown, value: lines.length ? `${title}: ${lines.length} problem${lines.length === 1 ? '' : 's'}\n\n${lines.join('\n')}` : `${title}: no problems found` },
      range: { start: toPosition(section.heading.start), end: toPosition(section.heading.end) },
    };
  }
  // On copied text: the other member's matching text, to compare side by side.
  const copy = result.findings.find((f) => f.ruleId === 'member-copy-paste' && f.startOffset <= offset && offset <= f.endOffset);
  if (copy && copy.related[0]) {
    const other = note.sections.find((s) => s.member.key === copy.data?.otherMember);
    const r = copy.related[0];
    const quoted = note.text.slice(r.startOffset, r.endOffset).split(/\r\n|\r|\n/).map((l) => `> ${l}`).join('\n');
    return {
      contents: { kind: MarkupKind.Markdown, value: `Matches ${other ? memberLabel(other.member) : 'another member'}'s section (similarity ${copy.data?.similarity}):\n\n${quoted}` },
      range: { start: copy.start, end: copy.end },
    };
  }
  // On a goal reference: the goal's text from the member's plan.
  const at = goalReferenceAt(result, offset);
  const owner = at && note.sections.find((s) => s.member.key === at.memberKey);
  const plan = at && plans.planOf(at.memberKey);
  if (at && owner && plan) {
    const goal = plan.goals.find((g) => g.ref === at.ref);
    const value = goal
      ? `**${goalReference(goal)}** in ${memberLabel(owner.member)}'s treatment plan: ${goal.text}`
      : `${memberLabel(owner.member)}'s treatment plan has no goal or objective ${at.ref}.`;
    return { contents: { kind: MarkupKind.Markdown, value }, range: { start: toPosition(at.start), end: toPosition(at.end) } };
  }
  return null;
}

/** `crossNote`: the note's cross-note findings, counted with the member's own (the Problems panel lists both). */
export function lensesFor(result: LintResult, toPosition: ToPosition, crossNote: readonly { member: string | null; ruleId: string }[] = []): CodeLens[] {
  return result.note.sections.map((section) => {
    const rules = [...result.findings, ...crossNote].filter((f) => f.member === section.member.key).map((f) => f.ruleId);
    const title = rules.length === 0 ? 'groupnote-lint: no problems' : `groupnote-lint: ${rules.length} problem${rules.length === 1 ? '' : 's'} (${[...new Set(rules)].join(', ')})`;
    const at = toPosition(section.heading.start);
    return { range: { start: at, end: at }, command: { title, command: rules.length ? 'groupnoteLint.showProblems' : '' } };
  });
}

/** The goal reference under the cursor in a member's section, with that member's key. */
export function goalReferenceAt(result: LintResult, offset: number): { memberKey: string; ref: string; start: number; end: number } | null {
  const { note } = result;
  const owner = note.sections.find((s) => s.body.start <= offset && offset <= s.body.end);
  if (!owner) return null;
  const lineStart = note.text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = note.text.indexOf('\n', offset);
  const line = note.text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  GOAL_REFERENCE.lastIndex = 0;
  for (let m = GOAL_REFERENCE.exec(line); m; m = GOAL_REFERENCE.exec(line)) {
    const start = lineStart + m.index;
    const end = start + m[0].length;
    if (start > offset || offset > end) continue;
    const ref = /\d+[a-z]?(?:\.\d+[a-z]?)*$/i.exec(m[0])?.[0];
    if (ref) return { memberKey: owner.member.key, ref, start, end };
  }
  return null;
}

/** Completion items for a member's plan goals, offered inside that member's section. */
export function goalCompletions(result: LintResult, offset: number, plans: PlanIndex): { label: string; detail: string; insertText: string }[] {
  const owner = result.note.sections.find((s) => s.body.start <= offset && offset <= s.body.end);
  if (!owner) return [];
  return plans.goalsOf(owner.member.key).map((goal) => ({
    label: goalReference(goal),
    detail: goal.text,
    insertText: `${goalReference(goal)}: ${goal.text}`,
  }));
}
