// member-copy-paste: sentences of a member's section copied (or nearly) from another member's
// section in the same note. Names, ids and pronouns are masked first, so swapping the name at
// the top does not hide a copy.

import stringSimilarity from 'string-similarity';
import type { Member, MemberSection } from '../note.js';
import { PRONOUNS } from '../names.js';
import type { Rule, RuleContext, RuleFinding } from '../rule.js';
import { bareWord, splitSentences, tokenize } from '../text.js';

/** A member's sentence this close to a sentence of the shared section repeats the shared text. */
const SHARED_REPEAT_SIMILARITY = 0.8;

interface ComparableSentence {
  start: number;
  end: number;
  /** masked, normalised words joined by single spaces */
  masked: string;
  fieldIndex: number;
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
      const spans = section.fields.map((f) => f.content);
      const all = comparable(note.text, spans, nameWords, options.copyPasteMinWords);
      // Text repeated from the shared section may appear in every member's section. This test
      // must not get stricter when the copy threshold is raised, or shared text becomes "copies".
      const repeatThreshold = Math.min(options.copyPasteSimilarity, SHARED_REPEAT_SIMILARITY);
      sentencesOf.set(section, all.filter((s) => !shared.some((t) => similarity(s.masked, t.masked) >= repeatThreshold)));
    }

    const findings: RuleFinding[] = [];
    for (const section of sections) {
      const copies: Copy[] = [];
      for (const sentence of sentencesOf.get(section)!) {
        let best: Copy | null = null;
        for (const other of sections) {
          if (other === section || other.member === section.member) continue;
          for (const otherSentence of sentencesOf.get(other)!) {
            if (lengthBound(sentence.masked, otherSentence.masked) < options.copyPasteSimilarity) continue;
            const score = similarity(sentence.masked, otherSentence.masked);
            if (score >= options.copyPasteSimilarity && (!best || score > best.similarity)) best = { sentence, other, otherSentence, similarity: score };
          }
        }
        if (best) copies.push(best);
      }
      findings.push(...groupRuns(copies).map((run) => toFinding(run, section.member, context, label)));
    }
    return findings;
  },
};

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
    for (const s of splitSentences(text, span.start, span.end)) {
      const words = tokenize(s.text).map((t) => {
        const bare = bareWord(t.text.replace(/['’]s$/i, ''));
        if (nameWords.has(bare)) return '@';
        if (PRONOUNS.has(t.norm)) return '~';
        return t.norm;
      });
      // count real words only: a line of ratings ("3/10 -> 4/10") is not prose that can be copied
      const prose = words.filter((w) => /\p{L}{2,}/u.test(w)).length;
      if (prose < minWords || words.length === 0) continue;
      out.push({ start: s.start, end: s.end, masked: words.join(' '), fieldIndex });
    }
  });
  return out;
}

function rosterWords(roster: Member[]): Set<string> {
  const words = new Set<string>();
  for (const m of roster) {
    for (const part of [m.name, m.id, ...m.aliases]) {
      if (part) for (const t of tokenize(part)) words.add(bareWord(t.text));
    }
  }
  // Generic heading words of derived members ("Client A") are ordinary words in the text.
  for (const w of ['client', 'member', 'patient', 'participant', 'pt']) words.delete(w);
  for (const w of words) if (w.length < 2) words.delete(w);
  return words;
}

function similarity(a: string, b: string): number {
  if (a === b) return 1;
  return stringSimilarity.compareTwoStrings(a, b);
}

/** Upper bound of the Dice coefficient from lengths alone; skips hopeless pairs cheaply. */
function lengthBound(a: string, b: string): number {
  const x = a.length;
  const y = b.length;
  return (2 * Math.min(x, y)) / (x + y);
}
