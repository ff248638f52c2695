// Shared by the billing and documentation rules: text of sections and of the shared section,
// counts of participants the note states, clinician credentials, and the signature block.

import type { GroupNote, Member, MemberSection, Span } from '../note.js';
import { isPlaceholder } from '../evidence.js';
import { findDate, frontmatterLine, NUMBER_WORD, parseClock, parseCount, type DateParts } from '../session.js';
import { splitSentences } from '../text.js';

export interface TextMatch extends Span {
  text: string;
  groups: (string | undefined)[];
}

// A global copy of each pattern, made once (the caller's pattern and its lastIndex are left alone).
const globalCopies = new WeakMap<RegExp, RegExp>();

function globalCopy(pattern: RegExp): RegExp {
  let re = globalCopies.get(pattern);
  if (!re) globalCopies.set(pattern, (re = new RegExp(pattern.source, pattern.global ? pattern.flags : `${pattern.flags}g`)));
  re.lastIndex = 0;
  return re;
}

/** Every match (at most `limit`) of a global or non-global pattern in text[from, to), with offsets into the note. */
export function matchesIn(text: string, from: number, to: number, pattern: RegExp, limit = Infinity): TextMatch[] {
  const re = globalCopy(pattern);
  const slice = text.slice(from, to);
  const out: TextMatch[] = [];
  for (let m = re.exec(slice); m; m = out.length < limit ? re.exec(slice) : null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: from + m.index, end: from + m.index + m[0].length, text: m[0], groups: m.slice(1) });
  }
  return out;
}

export function firstMatch(text: string, from: number, to: number, pattern: RegExp): TextMatch | null {
  return matchesIn(text, from, to, pattern, 1)[0] ?? null;
}

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

// ---------------------------------------------------------------------------------------------
// Participant counts stated in the note

export interface StatedCount extends Span {
  present: number;
  /** "3 of 4 enrolled": the 4 */
  enrolled: number | null;
  /** frontmatter or text */
  source: 'frontmatter' | 'text';
}

const N = String.raw`(\d{1,3}|${NUMBER_WORD})`;
const WHO = String.raw`(?:members?|participants?|clients?|patients?|pts|veterans?|residents?|adolescents?|teens?|youths?|students?|attendees?|individuals|people|adults|women|men|group members)`;
// (A lookbehind comes after \b: first, it was tried at every position of a run of spaces and
// scanned back over the run each time.)
const COUNT_PATTERNS: { re: RegExp; of: boolean; weak?: boolean }[] = [
  // "3 of 4 enrolled members present", "6/6 present", "4 out of 5 participants", "11 of 14\npresent"
  { re: new RegExp(String.raw`\b${N}[ \t]*(?:of|\/|out of)[ \t]*${N}\s+(?:(?:enrolled|registered|scheduled|rostered|expected|group|total)\s+)*(?:${WHO}(?:\s+(?:were\s+)?(?:present|attended|in attendance))?|present\b|attend\w*|in attendance)`, 'gi'), of: true },
  // "Attendance: 5 of 6", "Participants: 6", "Headcount = 4", "Present 6 of 8"
  { re: new RegExp(String.raw`\b(?:attendance|participants|number (?:of participants|of members|present|in attendance)|headcount|head count|group size|census)(?:\*\*|__)?[ \t]*[:=][ \t]*(?:\*\*|__)?[ \t]*${N}(?:[ \t]*(?:of|\/|out of)[ \t]*${N})?\b|\bpresent(?:\*\*|__)?[ \t]*[:=]?[ \t]*(?:\*\*|__)?[ \t]*${N}(?:[ \t]*(?:of|\/|out of)[ \t]*${N})?\b(?![ \t]*(?:min|minutes|hours|sec|seconds|%|\/10))`, 'gi'), of: true },
  // "All six members attended"
  { re: new RegExp(String.raw`\ball\s+${N}\s+(?:enrolled\s+)?${WHO}`, 'gi'), of: false },
  // "Four members attended", "5 participants present", "3 clients were present", "4 pts present"
  { re: new RegExp(String.raw`(?=\w)\b(?<!\b(?:of|out of)\s+)${N}\s+(?:(?:enrolled|registered|group)\s+)?${WHO}\s+(?:were\s+|was\s+)?(?:present|attended|attending|in attendance|participated|joined|on (?:the )?(?:call|video)|logged (?:on|in))\b`, 'gi'), of: false },
  // "5 present, 1 absent", "Five attended."
  { re: new RegExp(String.raw`(?=\w)\b(?<!\b(?:of|out of)\s+)${N}[ \t]+(?:present|in attendance|attended)\b`, 'gi'), of: false },
  // "90 min, in-person, 5 members." "Four members." (a count on its own, not the subject of a sentence)
  { re: new RegExp(String.raw`(?=\w)\b(?<!\b(?:for|with|to|from|between|among|of|out of|by|about)\s+)${N}[ \t]+${WHO}(?=[ \t]*(?:[.,;:)(]|$))`, 'gim'), of: false },
  // "(2 of 3; one absent due to weather)"
  { re: new RegExp(String.raw`\b${N}[ \t]*(?:of|\/)[ \t]*${N}\b(?=[^.\r\n]{0,30}\b(?:absent|present|attend\w*|members?|participants?)\b)`, 'gi'), of: true, weak: true },
  // "Video group, 90 min, 6 of 7." "5/5." "Six of six."
  { re: new RegExp(String.raw`\b${N}[ \t]*(?:of|\/)[ \t]*${N}(?=[ \t]*[.,;)](?:\s|$))`, 'gi'), of: true, weak: true },
];
// "distress 6/10; members ...", "session 5 of 10.": a rating or a place in a series, not a head count
const RATING_BEFORE = /(?:\b(?:rat\w*|scor\w*|distress|anxiety|suds|mood|level|pain|urges?|craving\w*|confidence|belief|willingness|sleep|phq-?9|gad-?7|session|week|wk|module|part|step|page|day|cohort|unit|lesson|chapter|class|number|no)\b|#)[^\w\r\n]{0,3}$/i;

const countCache = new WeakMap<GroupNote, StatedCount[]>();

/** Every participant count the note states, in the frontmatter or in the shared text. */
export function statedCounts(note: GroupNote): StatedCount[] {
  const cached = countCache.get(note);
  if (cached) return cached.map((c) => ({ ...c }));
  const out = readCounts(note);
  countCache.set(note, out);
  return out.map((c) => ({ ...c }));
}

function readCounts(note: GroupNote): StatedCount[] {
  const out: StatedCount[] = [];
  const fm = note.frontmatter ?? {};
  for (const key of ['participants', 'participant-count', 'number-present', 'present', 'attendance-count', 'headcount', 'group-size']) {
    const v = fm[key];
    const span = frontmatterLine(note, key);
    if (!span) continue;
    if (typeof v === 'number' && Number.isInteger(v)) out.push({ ...span, present: v, enrolled: null, source: 'frontmatter' });
    else if (typeof v === 'string') {
      const m = new RegExp(String.raw`^\s*${N}(?:\s*(?:of|\/|out of)\s*${N})?`, 'i').exec(v);
      const present = parseCount(m?.[1]);
      if (present !== null) out.push({ ...span, present, enrolled: parseCount(m?.[2]), source: 'frontmatter' });
    }
  }
  for (const span of note.shared) {
    const taken: Span[] = [];
    for (const { re, of, weak } of COUNT_PATTERNS) {
      for (const m of matchesIn(note.text, span.start, span.end, re)) {
        if (taken.some((t) => t.start < m.end && m.start < t.end)) continue;
        if (weak && (RATING_BEFORE.test(note.text.slice(Math.max(span.start, m.start - 30), m.start)) || /\/\s*10\b/.test(m.text))) continue;
        // a pattern with alternatives has each alternative's numbers in its own groups
        const numbers = m.groups.filter((g) => g !== undefined);
        const a = parseCount(numbers[0]);
        const b = of ? parseCount(numbers[1]) : null;
        if (a === null) continue;
        // "All six members": six present, six enrolled
        const enrolled = /^all\b/i.test(m.text) ? a : b;
        out.push({ start: m.start, end: m.end, present: a, enrolled, source: 'text' });
        taken.push(m);
      }
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

// ---------------------------------------------------------------------------------------------
// Clinicians

/** Licences and degrees written after a clinician's name. */
export const CREDENTIAL =
  /(?<![\p{L}])(?:LCSW(?:-[CS])?|RD|CPRP|CYC|CPS|CRPS|CPRS|NCC|CCTP|CEDS|LICSW|LISW(?:-S|-CP)?|LMSW|LSW|LPC(?:-S|-MH|C)?|LCPC|LMHC|LMFT|LCMHC|LPCC|LCADC|CADC(?:-II)?|LADC|LAC|CSAC|LCDC|CAC|MFT|PsyD|Psy\.D\.?|PhD|Ph\.D\.?|EdD|Ed\.D\.?|MD|M\.D\.|DO|D\.O\.|PMHNP(?:-BC)?|APRN|NP|CNS|RN|LPN|MSW|MSSW|MA|MS|MEd|M\.Ed\.|BCBA|QMHP|LLP|LP|Psychologist|Psychiatrist)(?![\p{L}])/u;

export interface Clinician {
  name: string | null;
  credential: string | null;
}

/** "Dana Whitfield, LCSW" or {name, credentials}: name and credential (either may be missing). */
export function readClinician(value: unknown): Clinician | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    const name = typeof o.name === 'string' && o.name.trim() ? o.name.trim() : null;
    const credRaw = o.credential ?? o.credentials ?? o.license ?? o.licence ?? o.title;
    const cred = Array.isArray(credRaw) ? credRaw.join(', ') : typeof credRaw === 'string' ? credRaw : null;
    const inName = name ? CREDENTIAL.exec(name)?.[0] ?? null : null;
    return { name: name ? nameOnly(name) : null, credential: cred && cred.trim() ? cred.trim() : inName };
  }
  if (typeof value !== 'string' || !value.trim() || isPlaceholder(value)) return value === undefined || value === null ? null : { name: null, credential: null };
  const credential = CREDENTIAL.exec(value)?.[0] ?? null;
  return { name: nameOnly(value), credential };
}

/** The name part of "Dana Whitfield, LCSW" (null when there is no capitalised word). */
export function nameOnly(text: string): string | null {
  const cut = text.split(/,|\s[-–—]\s|\(/)[0].replace(CREDENTIAL, '').trim();
  return /\p{Lu}\p{L}/u.test(cut) ? cut : null;
}

export function clinicians(value: unknown): Clinician[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map(readClinician).filter((c): c is Clinician => c !== null);
}

// ---------------------------------------------------------------------------------------------
// The signature block

export interface Signature extends Span {
  /** from the frontmatter `signature` field rather than a line in the note */
  fromFrontmatter: boolean;
  name: string | null;
  credential: string | null;
  date: DateParts | null;
  /** a date was written but is not a real date */
  badDate: boolean;
  /** minutes after midnight, when a time follows the date */
  time: number | null;
}

// A line that signs the note: "Signed: ...", "Electronically signed by ...", "Signature: ...",
// "Marcus Bell, LPC. Electronically signed 05/19/2026 11:40."
const SIGNATURE_LINE =
  /^[ \t>]*(?:[-*+][ \t]+)?(?:(?:\*\*|__)[ \t]*)?(?:(?:clinician|provider|therapist|facilitator)(?:'s)?[ \t]+)?(?:e-?signed|signed|signature|electronically signed|digitally signed|attested|attestation|signed and dated)\b([^\r\n]*)|^[^\r\n]*\b(?:electronically|digitally)[ \t]+signed\b[^\r\n]*/gim;
// "Signed: ...", "Signed by", "Signed 2026-..." or "Signed Dana ..."; not "Signed consent forms were reviewed".
const SIGNATURE_CONTINUES = /^(?:[ \t]*(?::|\*|_|-|–|—|,|by\b|on\b|electronically\b|digitally\b|and\b|\d|\[|$)|[ \t]+\p{Lu})/u;
const SIGNATURE_HEADING = /^#{1,6}[ \t]+(?:clinician[ \t]+)?(?:signature|signed|sign-?off|attestation)s?\b[^\r\n]*$/gim;
const TIME_AFTER = /^[ \t,;]*(?:at[ \t]+)?(\d{1,2}:\d{2}(?:[ \t]*[ap]\.?m\.?)?|\d{1,2}[ \t]*[ap]\.?m\.?)/i;

// In the signature block, a line with a credential and a date signs the note without the word
// "signed": "Patricia Lindgren, LCSW  3/2/2026 14:30".
const SIGNED_ANYWHERE = /\b(?:e-?signed|signed|electronically|digitally)\b/i;

/** The line holding `offset`, without its trailing blanks; CR, LF and CRLF all end a line. */
function lineAt(text: string, offset: number): Span {
  const start = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const end = lineBreakAt(text, offset);
  return { start, end: start + text.slice(start, end).trimEnd().length };
}

/** Offset of the first line break at or after `offset` (the text length when there is none). */
function lineBreakAt(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  const cr = text.indexOf('\r', offset);
  return lf < 0 ? (cr < 0 ? text.length : cr) : cr < 0 ? lf : Math.min(lf, cr);
}

function linesOf(text: string, span: Span): Span[] {
  const out: Span[] = [];
  for (const m of matchesIn(text, span.start, span.end, /[^\r\n]+/)) if (/\S/.test(m.text)) out.push({ start: m.start, end: m.start + m.text.trimEnd().length });
  return out;
}

const signatureCache = new WeakMap<GroupNote, Signature | null>();

/** The last signature line of the note (or the frontmatter `signature`), read into its parts. */
export function readSignature(note: GroupNote): Signature | null {
  if (!signatureCache.has(note)) signatureCache.set(note, findSignature(note));
  const found = signatureCache.get(note)!;
  return found ? { ...found } : null;
}

function findSignature(note: GroupNote): Signature | null {
  const text = note.text;
  const firstSection = Math.min(...note.sections.map((s) => s.start), text.length);
  const candidates: Span[] = [];
  for (const span of note.shared) {
    for (const m of matchesIn(text, span.start, span.end, SIGNATURE_LINE)) {
      if (m.groups[0] === undefined || SIGNATURE_CONTINUES.test(m.groups[0])) candidates.push(lineAt(text, m.start));
    }
    for (const h of matchesIn(text, span.start, span.end, SIGNATURE_HEADING)) {
      // a "## Signature" heading: the first line of text below it
      const next = linesOf(text, { start: h.end, end: span.end })[0];
      if (next) candidates.push(next);
    }
    if (span.start < firstSection) continue;
    for (const line of linesOf(text, span)) {
      const t = text.slice(line.start, line.end);
      if ((SIGNED_ANYWHERE.test(t) && (CREDENTIAL.test(t) || findDate(t))) || (CREDENTIAL.test(t) && findDate(t)?.date)) candidates.push(line);
    }
  }
  // a signature line at the very end that the note model kept inside the last member's section
  const lastLine = linesOf(text, { start: firstSection, end: text.length }).at(-1);
  if (lastLine) {
    const t = text.slice(lastLine.start, lastLine.end);
    if (CREDENTIAL.test(t) && findDate(t)?.date && t.length < 120) candidates.push(lastLine);
  }
  candidates.sort((a, b) => a.start - b.start);
  const last = candidates.at(-1);
  if (last) {
    const parts = signatureParts(text.slice(last.start, last.end));
    // a name or credential line just above ("Dana Whitfield, LCSW" then "Signed 2026-03-04"), or a date line below
    for (const neighbour of neighbours(text, last)) {
      if (parts.name && parts.credential && parts.date) break;
      const more = signatureParts(text.slice(neighbour.start, neighbour.end));
      parts.name ??= more.name;
      parts.credential ??= more.credential;
      if (!parts.date && more.date) Object.assign(parts, { date: more.date, time: more.time, badDate: false });
    }
    return { start: last.start, end: last.end, fromFrontmatter: false, ...parts };
  }
  const fm = note.frontmatter ?? {};
  const raw = fm['signature'] ?? fm['signed'] ?? fm['signed-by'];
  if (raw === undefined || raw === null || raw === false) return null;
  const at = frontmatterLine(note, 'signature', 'signed', 'signed-by') ?? { start: 0, end: 0 };
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    const who = readClinician(o) ?? { name: null, credential: null };
    const dateText = o.date ?? o.signed ?? o.at ?? o.on;
    const parts = signatureParts(typeof dateText === 'string' ? dateText : dateText instanceof Date ? dateText.toISOString().slice(0, 16).replace('T', ' ') : '');
    return { ...at, fromFrontmatter: true, name: who.name, credential: who.credential, date: parts.date, badDate: parts.badDate, time: parts.time };
  }
  const parts = signatureParts(typeof raw === 'string' ? raw : '');
  const dated = fm['signed-at'] ?? fm['signed-on'] ?? fm['signature-date'];
  if (!parts.date && typeof dated === 'string') Object.assign(parts, { date: signatureParts(dated).date, time: signatureParts(dated).time });
  return { ...at, fromFrontmatter: true, ...parts };
}

/** The non-blank lines just above and below a line (not a rule, a heading or prose). */
function neighbours(text: string, line: Span): Span[] {
  const out: Span[] = [];
  if (line.start > 1) {
    // the break before this line is one or two characters (CRLF); the line above ends there
    const breakAt = text[line.start - 1] === '\n' && text[line.start - 2] === '\r' ? line.start - 2 : line.start - 1;
    const above = lineAt(text, breakAt);
    const t = text.slice(above.start, above.end).trim();
    if (t && t.length < 80 && !/^(?:-{3,}|\*{3,}|_{3,}|#)/.test(t) && !/[.!?]\s+\S/.test(t)) out.push(above);
  }
  const breakAt = lineBreakAt(text, line.end);
  if (breakAt < text.length) {
    const below = lineAt(text, breakAt + (text.startsWith('\r\n', breakAt) ? 2 : 1));
    const t = text.slice(below.start, below.end).trim();
    if (t && t.length < 80 && !/^#/.test(t)) out.push(below);
  }
  return out;
}

const SIGNATURE_WORDS = /\b(?:electronically|digitally|e-?signed|signed|signature|attested|attestation|by|on|at|and|dated|date|time|clinician|provider|therapist|facilitator|group|leader)\b/gi;

function signatureParts(block: string): Pick<Signature, 'name' | 'credential' | 'date' | 'badDate' | 'time'> {
  const found = findDate(block);
  let time: number | null = null;
  let rest = block;
  if (found) {
    const tail = TIME_AFTER.exec(block.slice(found.index + found.length));
    if (tail) time = parseClock(tail[1].replace(/\s+/g, ' '));
    rest = block.slice(0, found.index) + ' ' + block.slice(found.index + found.length + (tail ? tail[0].length : 0));
  }
  const credential = CREDENTIAL.exec(rest)?.[0] ?? null;
  const cleaned = rest.replace(CREDENTIAL, ' ').replace(SIGNATURE_WORDS, ' ').replace(/\[[^[\]]*\]/g, ' ');
  const name = /(?<![\p{L}'’-])(?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.)(?:[ \t]+(?:(?:de|van|von|der|den|da|del|della|di|du|la|le|bin|ibn|al|ten|ter|st\.)[ \t]+)*(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]+))+/u.exec(cleaned)?.[0] ?? null;
  return { name, credential, date: found?.date ?? null, badDate: !!found && !found.date, time };
}

// ---------------------------------------------------------------------------------------------
// Attendance cues

const AMOUNT = String.raw`(?:about |approximately |around |roughly |nearly |almost )?(?:\d+|${NUMBER_WORD}|a few|several|half an?|an?)(?:[- ](?:minutes?|mins?|hours?|hrs?))?`;
/** "arrived late", "Arrived 10 minutes late", "joined the call 15 min late"; not "came home late". */
export const LATE_CUE = new RegExp(String.raw`\b(?:arrived|arriving|came in|joined|logged (?:on|in)|signed (?:on|in)|showed up)(?: (?:to )?(?:the )?(?:group|session|call|video|meeting))?(?: ${AMOUNT})? late\b|\blate (?:arrival|to (?:the )?(?:group|session|call))\b|\btardy\b`, 'i');
/** "left early", "left the session at 10:15", "left after 20 minutes"; not "left the party" or "left at the end". */
export const LEFT_CUE = /\bleft (?:the (?:group|session|call|room|meeting|video) )?(?:early|before (?:the )?(?:end|break|close)|at the break)\b|\bleft (?:the (?:group|session|call|room|meeting|video) )?(?:at|after) (?!the (?:end|close))(?=\d|an? |half|the |about |around |approximately |\w+ minutes)|\b(?:had|needed) to leave (?:the (?:group|session|call)|early)\b|\bdeparted early\b|\bdisconnected and did not (?:return|rejoin)\b|\bdropped off the (?:call|video)\b/i;
/**
 * Words that every LATE_CUE (LEFT_CUE) match contains, in a form that is quick to search for: a
 * section without any has no sentence to search one by one.
 */
export const LATE_WORDS = /late|tardy/i;
export const LEFT_WORDS = /left|leave|departed|disconnected|dropped/i;
/** A time or an amount of time: "14:10", "2 pm", "10 minutes", "half an hour". */
export const TIME_AMOUNT = new RegExp(String.raw`\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\.?|\b(?:\d+|${NUMBER_WORD}|an?|a few|a couple of|several|half(?:[- ]an)?)[- ](?:minutes?|mins?|hours?|hrs?)\b|\bhalf(?:[- ]an)? hour\b`, 'i');

/** The span of a phrase found in whitespace-flattened text, mapped back to the original. */
export function phraseSpan(text: string, from: number, to: number, phrase: string): { start: number; end: number } {
  const words = phrase.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const m = new RegExp(words.join('\\s+')).exec(text.slice(from, to));
  return m ? { start: from + m.index, end: from + m.index + m[0].length } : { start: from, end: to };
}
