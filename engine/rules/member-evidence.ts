// Shared by participation-missing and response-missing: looks for evidence of one kind in a
// member's section, in labelled fields first and then in narrative sentences.

import { isPlaceholder, removeStockPhrases } from '../language/cues.js';
import { ratingChanged, ratingValues, sentenceEvidence, type EvidenceOptions, type SentenceEvidence } from '../language/evidence.js';
import { analyseSentence } from '../language/clauses.js';
import { RecentCache } from '../parse/recent.js';
import { planReferenceStart } from '../language/goals.js';
import type { Field, MemberSection } from '../facts/note.js';
import type { FieldKind } from '../parse/labels.js';
import { bareWord, splitSentences, tokenize } from '../parse/text.js';
import type { Rule, RuleContext, RuleFinding } from './rule.js';

export type EvidenceResult =
  | { status: 'documented' }
  | { status: 'placeholder'; field: Field }
  | { status: 'generic'; start: number; end: number; phrases: string[] }
  | { status: 'missing' };

// Fields whose text is about next steps, plan links or risk: never evidence of what happened.
const NOT_EVIDENCE: ReadonlySet<FieldKind> = new Set(['plan', 'treatment-plan', 'risk']);

export type EvidenceKind = 'participation' | 'response';

/**
 * Reads a member's section for evidence of one kind, sentence by sentence (engine/language).
 * A labelled field of the kind is what a reviewer reads: when the section has one, only
 * unlabelled narrative may stand in for it; when it has none, any field that reports the session may.
 */
export function findEvidence(context: RuleContext, section: MemberSection, kind: EvidenceKind): EvidenceResult {
  const { note } = context;
  const text = note.text;
  const options = evidenceOptions(context, section);
  let placeholder: Field | null = null;
  let generic: { start: number; end: number; phrases: string[] } | null = null;
  const noteGeneric = (start: number, end: number, source: string) => {
    const phrases = removeStockPhrases(source).found;
    if (phrases.length === 0 && generic) return;
    if (!generic) generic = { start, end, phrases };
    else generic.phrases.push(...phrases);
  };
  const hasInterventions = section.fields.some((f) => f.kind === 'interventions');
  const contentOf = (f: Field) => text.slice(f.content.start, f.content.end);

  // a field whose label promises the kind but holds only a plan goal ("A: TP goal 2 ...") is mislabelled
  const ownFields = section.fields.filter((f) => f.kind === kind && planReferenceStart(contentOf(f).trim()) !== 0);
  // an Interventions field that asks ("Leader asked what got her out") is the question a Response field answers
  const asked = kind === 'response' && section.fields.some((f) => f.kind === 'interventions' && /\b(?:asked|asks|prompt|question|invited)\w*/i.test(contentOf(f)));
  for (const field of ownFields) {
    const content = contentOf(field);
    if (isPlaceholder(content)) {
      placeholder ??= field;
      continue;
    }
    if (fieldShows(text, field, kind, options, true, asked)) return { status: 'documented' };
    const span = trimSpan(text, field.content.start, field.content.end);
    noteGeneric(span.start, span.end, content);
  }
  // A reviewer reads a labelled field for what its label promises: when the section has a field of
  // the kind, only unlabelled narrative may stand in for it.
  // An Assessment / A field holds the clinician's assessment: it decides for response only when
  // it is a placeholder or stock; otherwise the rest of the section may show the reaction (SOAP
  // and DAP notes write it under O or D).
  const assessmentOnly = kind === 'response' && ownFields.every((f) => /^(?:a|assessment)$/i.test(f.label ?? '') && !isPlaceholder(contentOf(f)) && removeStockPhrases(contentOf(f)).found.length === 0);
  // a field of ticked options ("[x] Active [ ] Minimal") is a level, not what a reviewer reads for content
  const checkboxOnly = ownFields.every((f) => /^\s*(?:\[[ xX✓✔]\]\s*[\w/ -]{1,30}\s*)+$/.test(contentOf(f)));
  // ... but a short field that names what was done to the member ("Was given feedback by peers.") is
  // an intervention with no reaction: the field decides
  const ownFieldDecides = ownFields.length > 0 && !checkboxOnly && !assessmentOnly && !(kind === 'response' && ownFields.every((f) => shortOwnWords(contentOf(f)) && !namesIntervention(contentOf(f), options)));
  let elicited = hasInterventions && kind === 'response';
  for (const field of section.fields) {
    if (field.kind === kind || NOT_EVIDENCE.has(field.kind)) continue;
    if (ownFieldDecides && field.kind !== 'narrative') continue;
    if (kind === 'response' && field.kind === 'interventions') continue;
    for (const sentence of splitSentences(text, field.content.start, field.content.end)) {
      const evidence = evidenceOf(beforeGoal(sentence.text), options, elicited, false);
      // an Interventions field is the clinician's: "Taught paced breathing; practised together." has no member in it
      if (kind === 'participation' ? evidence.participation && !(field.kind === 'interventions' && !namesMember(sentence.text, options)) : evidence.response) return { status: 'documented' };
      elicited = evidence.elicitor || (hasInterventions && kind === 'response');
      if (removeStockPhrases(sentence.text).found.length > 0) noteGeneric(sentence.start, sentence.end, sentence.text);
    }
  }
  // "Stress 8/10 at check-in." ... "Stress 5/10 after the second round of box breathing.": a rating
  // that changed across fields (check-in in one, the close in the Response field) is a response
  if (kind === 'response' && ownFields.length > 0) {
    const rated = section.fields.filter((f) => !NOT_EVIDENCE.has(f.kind) && f.kind !== 'interventions').map(contentOf);
    const joined = rated.join(' ');
    if (rated.length > 1 && ratingValues(joined).length >= 2 && ratingChanged(joined)) return { status: 'documented' };
  }
  if (placeholder) return { status: 'placeholder', field: placeholder };
  if (generic) return { status: 'generic', ...(generic as { start: number; end: number; phrases: string[] }) };
  return { status: 'missing' };
}

/**
 * A short field of the kind that is neither empty nor stock ("Precontemplative; externally
 * motivated."): not a finding on its own, so the rest of the section may still show the kind.
 */
function shortOwnWords(content: string): boolean {
  const words = content.trim().split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= SHORT_FIELD_WORDS && !isPlaceholder(content) && removeStockPhrases(content).found.length === 0;
}
const SHORT_FIELD_WORDS = 6;

/** The text names something done to the member: the passive ("was given feedback") or someone else acting. */
function namesIntervention(content: string, options: KeyedOptions): boolean {
  return splitSentences(content, 0, content.length).some((s) => analyseSentence(s.text, options.ownWords).some((c) => c.passive || ((c.actor === 'staff' || c.actor === 'peer') && c.verb >= 0)));
}

/** A sentence with the member written out as the subject of one of its clauses. */
function namesMember(sentence: string, options: KeyedOptions): boolean {
  return analyseSentence(sentence, options.ownWords).some((c) => (c.actor === 'member' || c.passive) && c.explicitActor);
}

/** True when a labelled field shows evidence of the kind in any of its sentences. */
function fieldShows(text: string, field: Field, kind: EvidenceKind, options: KeyedOptions, ownKind: boolean, askedBefore = false): boolean {
  let elicited = askedBefore;
  for (const sentence of splitSentences(text, field.content.start, field.content.end)) {
    const evidence = evidenceOf(beforeGoal(sentence.text), options, elicited, ownKind && kind === 'response');
    if (kind === 'participation' ? evidence.participation : evidence.response) return true;
    elicited = evidence.elicitor;
  }
  return false;
}

/** The sentence up to a goal reference: "Tried the drill at 6 a.m. Goal 2: sleep" is read as far as "Goal". */
function beforeGoal(sentence: string): string {
  const at = planReferenceStart(sentence);
  return at < 0 ? sentence : sentence.slice(0, at);
}

function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

// While a note is edited most of its sentences do not change: their reading is kept for a while
// (in the editor only: RecentCache is off for a command-line run), keyed by everything it reads.
const recentEvidence = new RecentCache<string, SentenceEvidence>(2000);

interface KeyedOptions extends EvidenceOptions {
  /** the names, shared words and own words the reading depends on, as one string */
  key: string;
}

function evidenceOf(sentence: string, options: KeyedOptions, elicitedBefore: boolean, responseField: boolean): SentenceEvidence {
  if (!RecentCache.enabled) return sentenceEvidence(sentence, options, elicitedBefore, responseField);
  return recentEvidence.get(`${options.key}\u0000${elicitedBefore ? 1 : 0}${responseField ? 1 : 0}\u0000${sentence}`, () => sentenceEvidence(sentence, options, elicitedBefore, responseField));
}

const sharedCache = new WeakMap<object, { names: Set<string>; shared: Set<string>; key: string }>();

// participation-missing and response-missing read the same section with the same options
const sectionCache = new WeakMap<MemberSection, KeyedOptions>();

function evidenceOptions(context: RuleContext, section: MemberSection): KeyedOptions {
  let options = sectionCache.get(section);
  if (!options) {
    options = buildEvidenceOptions(context, section);
    sectionCache.set(section, options);
  }
  return options;
}

function buildEvidenceOptions(context: RuleContext, section: MemberSection): KeyedOptions {
  let cached = sharedCache.get(context.note);
  if (!cached) {
    const shared = new Set<string>();
    for (const span of context.note.shared) for (const t of tokenize(context.note.text, span.start, span.end)) if (!/\d/.test(t.norm)) shared.add(t.norm);
    const names = new Set<string>();
    for (const m of context.note.roster) {
      for (const part of [m.name, m.id, ...m.aliases]) {
        if (!part) continue;
        for (const t of tokenize(part)) if (t.norm.length >= 2 && !/^\d{1,2}$/.test(t.norm)) names.add(t.norm).add(bareWord(t.text));
      }
    }
    cached = { names, shared, key: RecentCache.enabled ? `${[...names].join(' ')}\u0001${[...shared].join(' ')}` : '' };
    sharedCache.set(context.note, cached);
  }
  const own = new Set<string>();
  const member = section.member;
  for (const part of [member.name, member.id, ...member.aliases]) if (part) for (const t of tokenize(part)) own.add(t.norm);
  // the section's Interventions field names the session's topic as the shared section does ("Discussed
  // stages of change" under "Psychoeducation on stages of change" says no more than the topic)
  let topic: ReadonlySet<string> = cached.shared;
  const interventions = section.fields.filter((f) => f.kind === 'interventions');
  if (interventions.length > 0) {
    const words = new Set(cached.shared);
    for (const f of interventions) for (const t of tokenize(context.note.text, f.content.start, f.content.end)) if (!/\d/.test(t.norm)) words.add(t.norm);
    topic = words;
  }
  return { ownWords: own, nameWords: cached.names, sharedWords: topic, key: RecentCache.enabled ? `${cached.key}\u0001${[...own].join(' ')}\u0001${topic === cached.shared ? '' : [...topic].join(' ')}` : '' };
}

export function quotePhrases(phrases: string[]): string {
  const unique = [...new Set(phrases)].slice(0, 2);
  return unique.length ? ` (${unique.map((p) => `"${p}"`).join(', ')})` : '';
}

export interface EvidenceRuleSpec {
  id: string;
  description: string;
  kind: EvidenceKind;
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
        const result = findEvidence(context, section, spec.kind);
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
