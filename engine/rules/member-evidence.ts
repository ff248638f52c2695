// Shared by participation-missing and response-missing: looks for evidence of one kind in a
// member's section, in labelled fields first and then in narrative sentences.

import { isPlaceholder, mentionsPlanGoal, removeStockPhrases, specificWordCount, SPECIFIC_WORDS_IN_CUE_SENTENCE, SPECIFIC_WORDS_NEEDED } from '../evidence.js';
import type { Field, MemberSection } from '../note.js';
import type { FieldKind } from '../labels.js';
import { PRONOUNS } from '../names.js';
import { bareWord, splitSentences, tokenize } from '../text.js';
import type { Rule, RuleContext, RuleFinding } from '../rule.js';

export type EvidenceResult =
  | { status: 'documented' }
  | { status: 'placeholder'; field: Field }
  | { status: 'generic'; start: number; end: number; phrases: string[] }
  | { status: 'missing' };

// Fields whose text is about next steps, plan links or risk: never evidence of what happened.
const NOT_EVIDENCE: ReadonlySet<FieldKind> = new Set(['plan', 'treatment-plan', 'risk']);

/**
 * @param cue a sentence with this pattern may document the kind
 * @param notCue a sentence with this pattern never does (checked before cue)
 */
export function findEvidence(context: RuleContext, section: MemberSection, kind: FieldKind, cue: RegExp, notCue?: RegExp): EvidenceResult {
  const { note } = context;
  const text = note.text;
  const masked = maskedWords(context);
  let placeholder: Field | null = null;
  let shortOwnField = false;
  let generic: { start: number; end: number; phrases: string[] } | null = null;
  const noteGeneric = (start: number, end: number, source: string) => {
    const phrases = removeStockPhrases(source).found;
    if (!generic) generic = { start, end, phrases };
    else generic.phrases.push(...phrases);
  };

  for (const field of section.fields) {
    if (field.kind !== kind) continue;
    const content = text.slice(field.content.start, field.content.end);
    if (isPlaceholder(content)) {
      placeholder ??= field;
      continue;
    }
    // Goal references written into the field ("Goal 1.1.") say nothing about this session.
    // Sentences are counted until there are enough specific words (usually the first does it).
    let specific = 0;
    for (const sentence of splitSentences(text, field.content.start, field.content.end)) {
      if (mentionsPlanGoal(sentence.text)) continue;
      specific += specificWordCount(sentence.text, masked);
      if (specific >= SPECIFIC_WORDS_NEEDED) return { status: 'documented' };
    }
    // Short but not boilerplate ("Precontemplative; externally motivated."): not a finding on
    // its own; the rest of the section may still show it.
    if (specific > 0 && removeStockPhrases(content).found.length === 0) {
      shortOwnField = true;
      continue;
    }
    // nothing specific at all ("Present. Participated.") is generic even without a stock phrase
    const span = trimSpan(text, field.content.start, field.content.end);
    noteGeneric(span.start, span.end, content);
  }

  // A labelled field of this kind is what a reviewer reads: when there is one, only unlabelled
  // narrative may stand in for it; when there is none, any field that reports the session may.
  const ownFieldDecides = section.fields.some((f) => f.kind === kind) && !shortOwnField;
  for (const field of section.fields) {
    if (field.kind === kind || NOT_EVIDENCE.has(field.kind)) continue;
    if (ownFieldDecides && field.kind !== 'narrative') continue;
    for (const sentence of splitSentences(text, field.content.start, field.content.end)) {
      // cues are written with single spaces; notes wrap lines anywhere
      const flat = sentence.text.replace(/\s+/g, ' ');
      if (notCue?.test(flat) || !cue.test(flat) || mentionsPlanGoal(flat)) continue;
      if (specificWordCount(sentence.text, masked) >= SPECIFIC_WORDS_IN_CUE_SENTENCE) return { status: 'documented' };
      if (removeStockPhrases(sentence.text).found.length > 0) noteGeneric(sentence.start, sentence.end, sentence.text);
    }
  }
  if (placeholder) return { status: 'placeholder', field: placeholder };
  if (generic) return { status: 'generic', ...(generic as { start: number; end: number; phrases: string[] }) };
  return { status: 'missing' };
}

function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

const maskCache = new WeakMap<object, Set<string>>();

/**
 * Words that are never evidence of specifics on their own: every member's names, all pronouns,
 * and the words of the shared section (the session's topic is not what this member did).
 */
function maskedWords(context: RuleContext): Set<string> {
  const cached = maskCache.get(context.note);
  if (cached) return cached;
  const words = new Set<string>(PRONOUNS);
  for (const span of context.note.shared) {
    for (const t of tokenize(context.note.text, span.start, span.end)) if (!/\d/.test(t.norm)) words.add(t.norm);
  }
  for (const m of context.note.roster) {
    for (const part of [m.name, m.id, ...m.aliases]) {
      if (!part) continue;
      for (const t of tokenize(part)) {
        // "Member 5" must not mask the rating 5, nor "Client A" the word "a"
        if (/^\d{1,2}$/.test(t.norm) || t.norm.length < 2) continue;
        words.add(t.norm).add(bareWord(t.text));
      }
    }
  }
  maskCache.set(context.note, words);
  return words;
}

export function quotePhrases(phrases: string[]): string {
  const unique = [...new Set(phrases)].slice(0, 2);
  return unique.length ? ` (${unique.map((p) => `"${p}"`).join(', ')})` : '';
}

export interface EvidenceRuleSpec {
  id: string;
  description: string;
  kind: FieldKind;
  cue: RegExp;
  /** sentences that never count as evidence of this kind */
  notCue?: RegExp;
  /** e.g. "participation" / "response to interventions or feedback" */
  what: string;
  /** what to write instead, given the member's label */
  ask: (who: string) => string;
}

/** Builds a rule that reports sections lacking member-specific evidence of one kind. */
export function evidenceRule(spec: EvidenceRuleSpec): Rule {
  return {
    id: spec.id,
    defaultSeverity: 'warning',
    description: spec.description,
    check(context) {
      const findings: RuleFinding[] = [];
      for (const section of context.sections) {
        const who = context.label(section.member);
        const result = findEvidence(context, section, spec.kind, spec.cue, spec.notCue);
        if (result.status === 'documented') continue;
        const at =
          result.status === 'placeholder'
            ? result.field.labelSpan!
            : result.status === 'generic'
              ? result
              : section.heading;
        const message =
          result.status === 'placeholder'
            ? `The ${spec.what} field for ${who} is empty or a placeholder. ${spec.ask(who)}`
            : result.status === 'generic'
              ? `${capitalise(spec.what)} for ${who} is written only in stock phrases${quotePhrases(result.phrases)} that would fit any member. ${spec.ask(who)}`
              : `No ${spec.what} documented for ${who}. ${spec.ask(who)}`;
        findings.push({ start: at.start, end: at.end, member: section.member, message, data: { evidence: result.status } });
      }
      return findings;
    },
  };
}

const capitalise = (s: string) => s[0].toUpperCase() + s.slice(1);
