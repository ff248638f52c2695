// The text of member sections and of the shared section, as the rules read them.

import type { GroupNote, Member, MemberSection, Span } from './note.js';
import { firstMatch, type TextMatch } from './text-match.js';
import { splitSentences } from '../parse/text.js';

/** The shared text before the first member section (title, topic, format, head count). */
export function leadShared(note: GroupNote): Span[] {
  const firstSection = Math.min(...note.sections.map((s) => s.start), note.text.length);
  return note.shared.filter((s) => s.start < firstSection).map((s) => ({ start: s.start, end: Math.min(s.end, firstSection) }));
}

export function spansText(note: GroupNote, spans: Span[]): string {
  return spans.map((s) => note.text.slice(s.start, s.end)).join('\n');
}

/** Sentences of a member's section body, with offsets, and whitespace flattened in `flat`. */
export interface SectionSentence {
  start: number;
  end: number;
  text: string;
  /** the text with each run of whitespace as one space */
  flat: string;
}

// Several rules read the sentences of each section: split each section once per parsed note.
const sentencesBySection = new WeakMap<MemberSection, readonly SectionSentence[]>();

export function sectionSentences(note: GroupNote, section: MemberSection): readonly SectionSentence[] {
  let sentences = sentencesBySection.get(section);
  if (!sentences) {
    sentences = splitSentences(note.text, section.body.start, section.body.end).map((s) => ({ ...s, flat: s.text.replace(/\s+/g, ' ') }));
    sentencesBySection.set(section, sentences);
  }
  return sentences;
}

/** The section whose range holds the offset, or null for shared text. */
export function sectionAt(note: GroupNote, offset: number): MemberSection | null {
  return note.sections.find((s) => s.start <= offset && offset < s.end) ?? null;
}

export function sectionsOf(note: GroupNote, member: Member): MemberSection[] {
  return note.sections.filter((s) => s.member === member);
}

/** Labelled `Label: value` lines of shared text ("**Date:** 2026-03-04"), first match. */
export function sharedField(note: GroupNote, labels: string): TextMatch | null {
  const re = new RegExp(String.raw`^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:${labels})(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*([^\r\n]+)`, 'im');
  for (const span of note.shared) {
    const m = firstMatch(note.text, span.start, span.end, re);
    if (m) return m;
  }
  return null;
}
