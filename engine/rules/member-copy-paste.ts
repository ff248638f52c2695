// member-copy-paste: sentences of a member's section copied (or nearly) from another member's
// section in the same note. Names, ids and pronouns are masked first, so swapping the name at
// the top does not hide a copy.

import type { Member, MemberSection } from '../facts/note.js';
import { maskedWord, rosterNameWords } from '../facts/names.js';
import type { Rule, RuleContext, RuleFinding } from './rule.js';
import { isAsciiLetter, splitSentences, tokenize } from '../parse/text.js';
import { RecentCache } from '../parse/recent.js';
import { removeStockPhrases } from '../language/cues.js';

// Fields a clinic's form fills the same way for everyone: their lines say nothing of the member's own content.
const FORM_FIELDS: ReadonlySet<string> = new Set(['plan', 'treatment-plan', 'risk', 'interventions']);

/** A sentence found in this many member sections (and in at least half of them) is a template line. */
const TEMPLATE_MIN_SECTIONS = 3;

/** Fewer words than this left once stock phrases are taken out: a stock line, never compared. */
const STOCK_LINE_REST = 3;
/** ... in a line of at most this many words (a longer run of stock phrases copied whole is still a copy). */
const STOCK_LINE_WORDS = 7;

/** A line of at most this many words found in every member's section is a template line. */
const TEMPLATE_LINE_WORDS = 12;

/** A member's sentence this close to a sentence of the shared section repeats the shared text. */
const SHARED_REPEAT_SIMILARITY = 0.8;

interface ComparableSentence {
  start: number;
  end: number;
  /** the character bigrams of its masked, normalised words, for similarity */
  bigrams: Bigrams;
  fieldIndex: number;
  words: number;
}

interface Copy {
  sentence: ComparableSentence;
  other: MemberSection;
  otherSentence: ComparableSentence;
  similarity: number;
}

export const memberCopyPaste: Rule = {
  id: 'member-copy-paste',
  defaultSeverity: 'warning',
  description: "Sentences of a member's section copied or nearly copied from another member's section in the same note.",
  check(context) {
    const { note, options, sections, label } = context;
    const nameWords = rosterWords(note.roster);
    const sentencesOf = new Map<MemberSection, ComparableSentence[]>();
    const shared = note.shared.flatMap((span) => comparable(note.text, [{ start: span.start, end: span.end }], nameWords, 0));
    for (const section of sections) {
      // what the leaders did (an Interventions field) is the session's, not the member's content:
      // the same intervention written for two members is not a copy
      const spans = section.fields.map((f) => (f.kind === 'interventions' ? { start: f.content.start, end: f.content.start } : f.content));
      const all = comparable(note.text, spans, nameWords, options.copyPasteMinWords);
      // Text repeated from the shared section may appear in every member's section. This test
      // must not get stricter when the copy threshold is raised, or shared text becomes "copies".
      const repeatThreshold = Math.min(options.copyPasteSimilarity, SHARED_REPEAT_SIMILARITY);
      sentencesOf.set(section, all.filter((s) => !shared.some((t) => scoreAtLeast(s.bigrams, t.bigrams, repeatThreshold) > 0)));
    }

    // Every sentence in note order; each pair of different members' sentences is scored once, and
    // each sentence keeps its best match (of equal scores, the first in the note).
    const all = sections.flatMap((section) => sentencesOf.get(section)!.map((sentence) => ({ sentence, section })));
    const best: (Copy | null)[] = all.map(() => null);
    const bestIndex = new Int32Array(all.length);
    const keep = (i: number, j: number, score: number) => {
      const current = best[i];
      if (current && (score < current.similarity || (score === current.similarity && j > bestIndex[i]))) return;
      best[i] = { sentence: all[i].sentence, other: all[j].section, otherSentence: all[j].sentence, similarity: score };
      bestIndex[i] = j;
    };
    // the members whose sections hold each sentence's matches: a line in most sections is the template's
    const matchedIn: (Set<Member> | null)[] = all.map(() => null);
    const noteMatch = (i: number, j: number) => (matchedIn[i] ??= new Set()).add(all[j].section.member);
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        if (all[i].section.member === all[j].section.member) continue;
        const score = scoreAtLeast(all[i].sentence.bigrams, all[j].sentence.bigrams, options.copyPasteSimilarity);
        if (score === 0) continue;
        keep(i, j, score);
        keep(j, i, score);
        noteMatch(i, j);
        noteMatch(j, i);
      }
    }
    // Template lines ("Risk: no change since the last screen.") repeated in at least three sections
    // and in half of them are the clinic's form, not a copy of one member's content.
    // A short line in every section counts too, even in a note of two.
    const members = new Set(sections.map((s) => s.member)).size;
    const isTemplate = (i: number) => {
      const n = (matchedIn[i]?.size ?? 0) + 1;
      return (n >= TEMPLATE_MIN_SECTIONS && n * 2 >= members) || (n >= TEMPLATE_MIN_SECTIONS - 1 && n === members && members > 2 && all[i].sentence.words <= TEMPLATE_LINE_WORDS);
    };
    const template = all.map((_, i) => best[i] !== null && isTemplate(i));
    if (template.some(Boolean)) {
      // Sections that are nothing but the template are clones of each other: those stay findings.
      const templateStarts = new Set(all.filter((_, i) => template[i]).map((e) => e.sentence.start));
      const ownContent = new Set<MemberSection>();
      for (const section of sections) {
        const own = section.fields.some((field) => !FORM_FIELDS.has(field.kind) && splitSentences(note.text, field.content.start, field.content.end).some((x) => !templateStarts.has(x.start) && /\p{L}{2}/u.test(x.text)));
        if (own) ownContent.add(section);
      }
      for (let i = 0; i < all.length; i++) if (template[i] && ownContent.has(all[i].section)) best[i] = null;
    }

    const findings: RuleFinding[] = [];
    for (const section of sections) {
      const copies = all.flatMap((entry, i) => (entry.section === section && best[i] ? [best[i]!] : []));
      findings.push(...groupRuns(copies).map((run) => toFinding(run, section.member, context, label)));
    }
    findings.push(...paraphrasedSections(context, sentencesOf, findings));
    return findings;
  },
};

/** A paraphrased sentence: alike in most of its words, below the threshold of a copy. */
const PARAPHRASE_SENTENCE = 0.55;
/** A section paraphrases another when at least this many of its content sentences have such a match ... */
const PARAPHRASE_MIN_SENTENCES = 3;
/** ... and they are at least this share of the content sentences of both sections ... */
const PARAPHRASE_SHARE = 0.6;
/** ... and the two sections' content read as a whole is this alike. */
const PARAPHRASE_WHOLE = 0.7;

/**
 * Sections rewritten from another member's section sentence by sentence, with words changed in
 * each ("anyone" for "anybody", "sisters" for "roommates"), so that no one sentence reaches the
 * copy threshold. Field labels, form fields and template lines are left out before comparing; a
 * pattern that holds between most sections of a note is the note's template, not a copy.
 */
function paraphrasedSections(context: RuleContext, sentencesOf: Map<MemberSection, ComparableSentence[]>, found: RuleFinding[]): RuleFinding[] {
  const { sections, label, options } = context;
  const all = new Map<MemberSection, ComparableSentence[]>();
  for (const section of sections) all.set(section, sentencesOf.get(section)!.filter((x) => !FORM_FIELDS.has(section.fields[x.fieldIndex]?.kind)));
  // Most notes have no pair whose sentences match enough (paraphrasePairs gives up on a pair as soon
  // as too few can): template lines are looked for only when some pair is left.
  const candidates = paraphrasePairs(sections, all);
  if (candidates.length === 0) return [];
  // a line alike in most other sections is the template's wording ("The patient's contribution was: ...")
  const templateLike = (sentence: ComparableSentence, own: MemberSection) => {
    let alike = 0;
    for (const section of sections) {
      if (section.member === own.member) continue;
      if (all.get(section)!.some((x) => scoreAtLeast(sentence.bigrams, x.bigrams, PARAPHRASE_SENTENCE) > 0)) alike++;
    }
    return alike >= 2 && alike * 2 >= sections.length - 1;
  };
  const content = sections.length > 2 ? new Map(sections.map((section) => [section, all.get(section)!.filter((x) => !templateLike(x, section))])) : all;
  const pairs = paraphrasePairs(sections, content, candidates);
  // the same rewriting between most members is the form everyone's section follows
  const involved = new Set(pairs.flatMap((p) => [p.a.member, p.b.member]));
  if (pairs.length > 1 && involved.size * 2 > new Set(sections.map((s) => s.member)).size) return [];
  const out: RuleFinding[] = [];
  for (const pair of pairs) {
    for (const [section, other, matched] of [[pair.a, pair.b, pair.matchedA], [pair.b, pair.a, pair.matchedB]] as const) {
      // a sentence copy already reported between the two is the finding; this adds nothing
      if (found.some((f) => f.member === section.member && f.data?.otherMember === other.member.key)) continue;
      const first = matched[0];
      const last = matched[matched.length - 1];
      out.push({
        start: first.sentence.start,
        end: last.sentence.end,
        member: section.member,
        message: `These ${matched.length} sentences paraphrase ${label(other.member)}'s section sentence by sentence (similarity ${pair.whole.toFixed(2)} for the sections as a whole, names and pronouns masked). Describe what ${label(section.member)} did and how they responded in their own words.`,
        related: [{ start: Math.min(...matched.map((c) => c.otherSentence.start)), end: Math.max(...matched.map((c) => c.otherSentence.end)), message: `Matching text in ${label(other.member)}'s section` }],
        data: { otherMember: other.member.key, similarity: Number(pair.whole.toFixed(3)), sentences: matched.length, threshold: options.copyPasteSimilarity, paraphrase: true },
      });
    }
  }
  return out;
}

interface ParaphrasePair {
  a: MemberSection;
  b: MemberSection;
  matchedA: Copy[];
  matchedB: Copy[];
  whole: number;
}

/** Pairs of sections (of `among`, when given) whose content sentences paraphrase each other. */
function paraphrasePairs(sections: MemberSection[], content: Map<MemberSection, ComparableSentence[]>, among?: ParaphrasePair[]): ParaphrasePair[] {
  const wholes = new Map<MemberSection, Bigrams>();
  const wholeOf = (section: MemberSection) => {
    let w = wholes.get(section);
    if (!w) wholes.set(section, (w = joined(content.get(section)!)));
    return w;
  };
  const out: ParaphrasePair[] = [];
  const consider = (a: MemberSection, b: MemberSection) => {
    const sa = content.get(a)!;
    const sb = content.get(b)!;
    if (a.member === b.member || sa.length < PARAPHRASE_MIN_SENTENCES || sb.length < PARAPHRASE_MIN_SENTENCES) return;
    // sentence matches first, giving up as soon as too few are left to find: most pairs fail at once
    const matchedA = matches(sa, sb, b);
    if (!matchedA) return;
    const matchedB = matches(sb, sa, a);
    if (!matchedB) return;
    const whole = scoreAtLeast(wholeOf(a), wholeOf(b), PARAPHRASE_WHOLE);
    if (whole === 0) return;
    out.push({ a, b, matchedA, matchedB, whole });
  };
  if (among) for (const pair of among) consider(pair.a, pair.b);
  else for (let i = 0; i < sections.length; i++) for (let j = i + 1; j < sections.length; j++) consider(sections[i], sections[j]);
  return out;
}

/** The sentences of `from` with a paraphrase in `to`, or null as soon as there cannot be enough of them. */
function matches(from: ComparableSentence[], to: ComparableSentence[], other: MemberSection): Copy[] | null {
  const needed = Math.max(PARAPHRASE_MIN_SENTENCES, Math.ceil(PARAPHRASE_SHARE * from.length - 1e-9));
  const out: Copy[] = [];
  for (let index = 0; index < from.length; index++) {
    if (out.length + (from.length - index) < needed) return null;
    const sentence = from[index];
    let top: Copy | null = null;
    for (const candidate of to) {
      const score = scoreAtLeast(sentence.bigrams, candidate.bigrams, PARAPHRASE_SENTENCE);
      if (score > 0 && (!top || score > top.similarity)) top = { sentence, other, otherSentence: candidate, similarity: score };
    }
    if (top) out.push(top);
  }
  return out.length >= needed ? out : null;
}

function joined(sentences: ComparableSentence[]): Bigrams {
  const compact = sentences.map((x) => x.bigrams.compact).join('');
  return bigramsOf(compact, new Uint32Array(Math.max(0, compact.length - 1)));
}

function toFinding(run: Copy[], member: Member, context: RuleContext, label: (m: Member) => string): RuleFinding {
  const first = run[0];
  const last = run[run.length - 1];
  const top = Math.max(...run.map((c) => c.similarity));
  const otherName = label(first.other.member);
  const count = run.length === 1 ? 'This sentence is' : `These ${run.length} sentences are`;
  return {
    start: first.sentence.start,
    end: last.sentence.end,
    member,
    message: `${count} copied from ${otherName}'s section (similarity ${top.toFixed(2)} with names and pronouns masked). Describe what ${label(member)} did and how they responded in their own words.`,
    related: [
      {
        start: Math.min(...run.map((c) => c.otherSentence.start)),
        end: Math.max(...run.map((c) => c.otherSentence.end)),
        message: `Matching text in ${otherName}'s section`,
      },
    ],
    data: { otherMember: first.other.member.key, similarity: Number(top.toFixed(3)), sentences: run.length, threshold: context.options.copyPasteSimilarity },
  };
}

/** Consecutive copied sentences in one field that match the same member become one finding. */
function groupRuns(copies: Copy[]): Copy[][] {
  const runs: Copy[][] = [];
  for (const copy of copies) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (previous && previous.other === copy.other && previous.sentence.fieldIndex === copy.sentence.fieldIndex) run.push(copy);
    else runs.push([copy]);
  }
  return runs;
}

function comparable(text: string, spans: { start: number; end: number }[], nameWords: Set<string>, minWords: number): ComparableSentence[] {
  const out: ComparableSentence[] = [];
  spans.forEach((span, fieldIndex) => {
    for (const s of comparableIn(text.slice(span.start, span.end), nameWords, minWords)) out.push({ ...s, start: s.start + span.start, end: s.end + span.start, fieldIndex });
  });
  return out;
}

// While a note is edited most of its fields do not change: their sentences (masked, as bigrams)
// are kept for a while, by roster and field text, with offsets from the start of the field.
const recentFields = new RecentCache<string, ComparableSentence[]>(600);
const rosterKeys = new WeakMap<Set<string>, string>();

function comparableIn(field: string, nameWords: Set<string>, minWords: number): ComparableSentence[] {
  let roster = rosterKeys.get(nameWords);
  if (roster === undefined) rosterKeys.set(nameWords, (roster = [...nameWords].join(' ')));
  return recentFields.get(`${minWords}\u0000${roster}\u0000${field}`, () => {
    const kept: { start: number; end: number; compact: string; bigramCount: number; words: number }[] = [];
    for (const s of splitSentences(field, 0, field.length)) {
      const words = tokenize(s.text).map((t) => maskedWord(t, nameWords));
      // count real words only: a line of ratings ("3/10 -> 4/10") is not prose that can be copied
      const prose = words.filter(hasTwoLettersInARow).length;
      if (prose < minWords || words.length === 0) continue;
      // a line of stock phrases ("Present and participating in group session.") or of a form's
      // checkboxes ("[x] Anxious [ ] Angry") is not member content
      if (/\[[ xX✓✔]\]|[☐☑☒]/.test(s.text) || (words.length <= STOCK_LINE_WORDS && tokenize(removeStockPhrases(s.text).rest).length < STOCK_LINE_REST)) continue;
      const compact = words.join('');
      kept.push({ start: s.start, end: s.end, compact, bigramCount: Math.max(0, compact.length - 1), words: words.length });
    }
    // one buffer for the field's bigrams (each sentence a view of it), not one per sentence
    let length = 0;
    for (const k of kept) length += k.bigramCount;
    const buffer = new Uint32Array(length);
    let at = 0;
    return kept.map((k) => {
      const codes = buffer.subarray(at, (at += k.bigramCount));
      return { start: k.start, end: k.end, bigrams: bigramsOf(k.compact, codes), fieldIndex: 0, words: k.words };
    });
  });
}

/** A word with two letters in a row (/\p{L}{2,}/u, without the regular expression for plain ASCII). */
function hasTwoLettersInARow(word: string): boolean {
  let run = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code > 0x7f) return /\p{L}{2,}/u.test(word);
    run = isAsciiLetter(code) ? run + 1 : 0;
    if (run === 2) return true;
  }
  return false;
}

function rosterWords(roster: Member[]): Set<string> {
  const words = rosterNameWords(roster);
  // Generic heading words of derived members ("Client A") are ordinary words in the text.
  for (const w of ['client', 'member', 'patient', 'participant', 'pt']) words.delete(w);
  for (const w of words) if (w.length < 2) words.delete(w);
  return words;
}

/**
 * The character bigrams of a sentence's words written without spaces, as sorted codes (two UTF-16
 * units in one number). Computed once per sentence: every pair of sentences in a note is compared.
 */
interface Bigrams {
  compact: string;
  codes: Uint32Array;
}

/** Fills `codes` (one slot per bigram of `compact`) with the sorted bigram codes. */
function bigramsOf(compact: string, codes: Uint32Array): Bigrams {
  for (let i = 0; i < codes.length; i++) codes[i] = ((compact.charCodeAt(i) << 16) | compact.charCodeAt(i + 1)) >>> 0;
  return { compact, codes: codes.sort() };
}

/**
 * Sørensen-Dice coefficient of the two bigram multisets: 2 x shared bigrams / all bigrams. 1 for
 * equal texts; 0 when either has fewer than two characters. With `atLeast`, gives up (returning
 * 0) as soon as the score can no longer reach it: most pairs of sentences in a note are not alike.
 */
function similarity(a: Bigrams, b: Bigrams, atLeast = 0): number {
  if (a.compact === b.compact) return 1;
  const x = a.codes;
  const y = b.codes;
  if (x.length === 0 || y.length === 0) return 0;
  // shared bigrams the score needs to reach atLeast (less a rounding margin), and so how many of
  // each side's bigrams may go unmatched
  const needed = (atLeast * (x.length + y.length)) / 2 - 1e-9;
  const unmatchedX = x.length - needed;
  const unmatchedY = y.length - needed;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const xi = x[i];
    const yj = y[j];
    if (xi === yj) {
      shared++;
      i++;
      j++;
    } else if (xi < yj) {
      if (++i - shared > unmatchedX) return 0;
    } else if (++j - shared > unmatchedY) {
      return 0;
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/**
 * The Dice score of two sentences (or sections) when it reaches `threshold` (> 0), else 0: the
 * length bound and the early exit spare the work on most pairs, which are not alike.
 */
function scoreAtLeast(a: Bigrams, b: Bigrams, threshold: number): number {
  if (lengthBound(a, b) < threshold) return 0;
  const score = similarity(a, b, threshold);
  return score >= threshold ? score : 0;
}

/** Upper bound of the Dice coefficient from the numbers of bigrams alone; skips hopeless pairs cheaply. */
function lengthBound(a: Bigrams, b: Bigrams): number {
  const x = a.codes.length;
  const y = b.codes.length;
  return x + y === 0 ? 1 : (2 * Math.min(x, y)) / (x + y);
}

/**
 * Dice coefficient of two strings' character bigrams (whitespace removed), as the rule computes it.
 * Exported for the property test against the `string-similarity` package, the reference.
 */
export function diceSimilarity(a: string, b: string, atLeast = 0): number {
  const x = a.replace(/\s+/g, '');
  const y = b.replace(/\s+/g, '');
  const bigrams = (s: string) => bigramsOf(s, new Uint32Array(Math.max(0, s.length - 1)));
  return similarity(bigrams(x), bigrams(y), atLeast);
}
