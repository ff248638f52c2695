// Session facts read from a group note's frontmatter (and, where notes usually write them, from
// its text): date, times, setting, place of service, modifiers, codes, per-member times and
// billing fields, the signature. Parsing is forgiving: "14:00", "2:00 PM", "9:30am", 1400;
// "2026-03-04", "03/04/2026", "March 4, 2026". Values of odd types are kept as "unreadable",
// never thrown on, so the rule that owns the field can say so.

import type { GroupNote, Member, MemberSection, Span } from './note.js';
import { type PayerProfile, type PayerProfileConfig, payerForNote, type PayerChoice } from './payers.js';

// ---------------------------------------------------------------------------------------------
// Dates and times

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  const i = MONTHS.findIndex((m) => m.startsWith(w) || (w === 'sept' && m === 'september'));
  return i >= 0 ? i + 1 : null;
}

function validDate(year: number, month: number, day: number): DateParts | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days ? { year, month, day } : null;
}

const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

// Date patterns, each tried at the start of the text; offsets of a match are kept for ranges.
export const DATE_IN_TEXT =
  /\b(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{4})\/(\d{1,2})\/(\d{1,2})|(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})|(\d{1,2})-(\d{1,2})-(\d{4})|([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4}))\b/;

function dateFromMatch(m: RegExpExecArray): DateParts | null {
  if (m[1]) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (m[4]) return validDate(Number(m[4]), Number(m[5]), Number(m[6]));
  if (m[7]) return validDate(fullYear(m[9]), Number(m[7]), Number(m[8])); // US notes: month first
  if (m[10]) return validDate(Number(m[12]), Number(m[10]), Number(m[11]));
  if (m[13]) {
    const month = monthNumber(m[13]);
    return month ? validDate(Number(m[15]), month, Number(m[14])) : null;
  }
  if (m[16]) {
    const month = monthNumber(m[17]);
    return month ? validDate(Number(m[18]), month, Number(m[16])) : null;
  }
  return null;
}

/** A date of service from a frontmatter value or text; null when it is not one valid date. */
export function parseDate(value: unknown): DateParts | null {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : validDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const m = new RegExp(`^(?:${DATE_IN_TEXT.source.replace(/^\\b|\\b$/g, '')})(?:[T\\s]\\S.*)?$`).exec(text);
  return m ? dateFromMatch(m) : null;
}

/** The first date written in a piece of text, with its offset in that text. */
export function findDate(text: string): { date: DateParts | null; index: number; length: number } | null {
  const m = DATE_IN_TEXT.exec(text);
  return m ? { date: dateFromMatch(m), index: m.index, length: m[0].length } : null;
}

export function dayNumber(d: DateParts): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

export function formatDate(d: DateParts): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Today in the local time zone: a note is written where the linter runs. */
export function localToday(): DateParts {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

/** Monday-to-Friday days after `from` up to and including `to`. */
export function businessDaysBetween(from: DateParts, to: DateParts): number {
  let count = 0;
  for (let day = dayNumber(from) + 1; day <= dayNumber(to); day++) {
    const weekday = new Date(day * 86_400_000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}

const CLOCK = /^(\d{1,2})(?:[:.h](\d{2}))?(?::\d{2})?\s*(a\.?\s?m\.?|p\.?\s?m\.?|a|p)?$/i;

/** Minutes after midnight for "14:00", "2:00 PM", "9:30am", "2 pm", "14h00", "1400", 1400; else null. */
export function parseClock(value: unknown): number | null {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > 2400 || value % 100 >= 60) return null;
    return Math.floor(value / 100) * 60 + (value % 100);
  }
  if (typeof value !== 'string') return null;
  let text = value.trim().toLowerCase();
  if (text === 'noon') return 720;
  if (text === 'midnight') return 0;
  // a full timestamp: take its time part
  const stamp = /^\d{4}-\d{2}-\d{2}[t\s]+(.+)$/.exec(text);
  if (stamp) text = stamp[1].replace(/(?:z|[+-]\d{2}:?\d{2})$/, '');
  if (/^\d{3,4}$/.test(text)) {
    const n = Number(text);
    return n % 100 < 60 && n <= 2400 ? Math.floor(n / 100) * 60 + (n % 100) : null;
  }
  const m = CLOCK.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  if (minute > 59) return null;
  if (m[3]) {
    if (hour < 1 || hour > 12) return null;
    const pm = m[3].startsWith('p');
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  } else {
    // an hour alone ("2") is not a time
    if (!m[2]) return null;
    if (hour > 24 || (hour === 24 && minute > 0)) return null;
  }
  return hour * 60 + minute;
}

/** "14:00-15:30", "2:00 - 3:30 PM", "9:30 AM to 11 AM": the meridiem of the end applies to a bare start. */
export function parseClockRange(value: unknown): { start: number; end: number } | null {
  if (typeof value !== 'string') return null;
  const parts = value.split(/(?<!\s)\s*(?:-|–|—|\bto\b|\buntil\b)\s*/i);
  if (parts.length !== 2) return null;
  const end = parseClock(parts[1]);
  let start = parseClock(parts[0]);
  const meridiem = /(a\.?\s?m\.?|p\.?\s?m\.?)$/i.exec(parts[1].trim());
  if (meridiem && /^\d{1,2}(?:[:.]\d{2})?$/.test(parts[0].trim())) start = parseClock(`${parts[0].trim()} ${meridiem[1]}`);
  return start !== null && end !== null ? { start, end } : null;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, no: 0, none: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, 'forty-five': 45, fifty: 50, sixty: 60, ninety: 90, half: 30,
};
export const NUMBER_WORD = Object.keys(NUMBER_WORDS).filter((w) => w !== 'no' && w !== 'none' && w !== 'half').join('|');

/** "3", "three", "Four": a count; null when not one. */
export function parseCount(word: string | undefined): number | null {
  if (!word) return null;
  if (/^\d+$/.test(word)) return Number(word);
  const n = NUMBER_WORDS[word.toLowerCase()];
  return n === undefined ? null : n;
}

/** Minutes from a value such as 90, "90", "90 minutes", "90 min", "1.5 hours", "1h30", "1 hour 30 minutes". */
export function parseMinutes(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 && value <= 1440 ? Math.round(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  let m = /^(\d+(?:\.\d+)?)\s*(?:m|min|mins|minutes?)?\.?$/.exec(text);
  if (m) return parseMinutes(Number(m[1]));
  m = /^(\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)\.?(?:\s*(?:and\s*)?(\d+)\s*(?:m|min|mins|minutes?)?\.?)?$/.exec(text);
  if (m) return parseMinutes(Number(m[1]) * 60 + (m[2] ? Number(m[2]) : 0));
  return null;
}

// ---------------------------------------------------------------------------------------------
// Codes

/** CPT codes from a value: 90853, "90853", "90853, +90785", [90853, 90785]. Duplicates kept. */
export function parseCodes(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item === 'number' && Number.isInteger(item)) out.push(String(item));
    else if (typeof item === 'string') for (const code of item.split(/[\s,;/]+/)) if (code.replace(/^\+/, '')) out.push(code.replace(/^\+/, '').toUpperCase());
    else if (item && typeof item === 'object' && 'code' in item) out.push(...parseCodes((item as { code: unknown }).code));
  }
  return out;
}

/** A two-character code as a claim writes it: 2 -> "02", "pos 10" -> "10". Null when unreadable. */
export function parseTwoCharCode(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 100) return String(value).padStart(2, '0');
  if (typeof value !== 'string') return null;
  const m = /^(?:pos\s*)?([A-Z0-9]{1,2})$/i.exec(value.trim());
  return m ? m[1].toUpperCase().padStart(2, '0') : null;
}

export function parseModifiers(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,;]+/).filter(Boolean) : [value];
  const out: string[] = [];
  for (const item of list) {
    const code = parseTwoCharCode(item);
    if (code === null) return null;
    out.push(code);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Frontmatter positions

/** The `key: value` line of a top-level frontmatter key (first of several spellings), or null. */
export function frontmatterLine(note: GroupNote, ...keys: string[]): Span | null {
  const span = note.frontmatterSpan;
  if (!span) return null;
  const text = note.text.slice(span.start, span.end);
  for (const key of keys) {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`^(?:${escaped}|"${escaped}"|'${escaped}')[ \\t]*:[^\\r\\n]*`, 'm').exec(text);
    if (m) return { start: span.start + m.index, end: span.start + m.index + m[0].trimEnd().length };
  }
  return null;
}

/**
 * Where a finding about the note as a whole goes: a frontmatter line, else the frontmatter's
 * first field (not the "---" line, which a byte-order mark would shift), else the note's first line.
 */
export function noteAnchor(note: GroupNote, ...keys: string[]): Span {
  const line = frontmatterLine(note, ...keys);
  if (line) return line;
  const span = note.frontmatterSpan;
  const from = span ? span.start : 0;
  const to = span ? span.end : note.text.length;
  const text = note.text.slice(from, to);
  const first = (span ? /^(?!---)[^\s][^\r\n]*/m : /\S[^\r\n]*/).exec(text);
  if (first) return { start: from + first.index, end: from + first.index + first[0].trimEnd().length };
  return span ? { start: span.start, end: Math.min(span.start + 3, span.end) } : { start: 0, end: 0 };
}

// Several rules ask for the same member's roster line: found once per parsed note.
const entryLines = new WeakMap<Member, Span | null>();

/** The line of a member's entry in the `members` roster ("- id: 3407" or "- Ana Silva"), or null. */
export function rosterEntryLine(note: GroupNote, member: Member): Span | null {
  if (!entryLines.has(member)) entryLines.set(member, findRosterEntryLine(note, member));
  return entryLines.get(member)!;
}

function findRosterEntryLine(note: GroupNote, member: Member): Span | null {
  const span = note.frontmatterSpan;
  const members = frontmatterLine(note, 'members');
  if (!span || !members) return null;
  const text = note.text.slice(members.start, span.end);
  const needles = [member.id, member.name].filter((v): v is string => !!v);
  for (const needle of needles) {
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`^[ \\t]*(?:-[ \\t]*)?(?:\\{[^\\r\\n]*)?(?:(?:id|mrn|name)[ \\t]*:[ \\t]*)?["']?${escaped}["']?(?=[ \\t,}\\r\\n]|$)[^\\r\\n]*`, 'm').exec(text);
    if (m) {
      const lead = m[0].length - m[0].trimStart().length;
      return { start: members.start + m.index + lead, end: members.start + m.index + m[0].trimEnd().length };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Session facts

export type Setting = 'in-person' | 'telehealth' | 'audio-only';

export interface FieldValue<T> {
  /** the field is in the frontmatter (with any value) */
  present: boolean;
  /** the value read, or null when missing or unreadable */
  value: T | null;
  /** where the field is, for ranges */
  span: Span | null;
}

export interface MemberFacts {
  /** the member's roster entry as written (an object), or null for a name-only entry */
  raw: Record<string, unknown> | null;
  arrived: FieldValue<number>;
  left: FieldValue<number>;
  /** codes listed for this member (cpt, codes, add-ons), or null when none are listed */
  codes: string[] | null;
  /** `billed: true` (or a list of codes) on the roster entry */
  billed: boolean;
  diagnoses: string[];
}

export interface SessionFacts {
  date: FieldValue<DateParts>;
  start: FieldValue<number>;
  end: FieldValue<number>;
  /** `minutes` / `duration`: total minutes written in the frontmatter */
  totalMinutes: FieldValue<number>;
  /** session length: end minus start, else total minutes; null when unknown */
  lengthMinutes: number | null;
  setting: FieldValue<Setting> & { raw: unknown };
  pos: FieldValue<string>;
  modifiers: FieldValue<string[]>;
  /** note-level CPT codes, duplicates kept */
  codes: string[];
  members: Map<Member, MemberFacts>;
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : null);

function field<T>(note: GroupNote, fm: Record<string, unknown>, keys: string[], read: (v: unknown) => T | null): FieldValue<T> {
  const key = keys.find((k) => fm[k] !== undefined);
  if (key === undefined) return { present: false, value: null, span: null };
  return { present: true, value: read(fm[key]), span: frontmatterLine(note, key) };
}

export function parseSetting(value: unknown): Setting | null {
  if (typeof value !== 'string') return null;
  const v = value.toLowerCase();
  // a template's "[in-person or telehealth]" is not a setting yet
  if (/[[\]{}<>]|\bor\b/.test(v)) return null;
  if (/audio|phone|telephon/.test(v)) return 'audio-only';
  if (/tele|video|virtual|zoom|remote|online/.test(v)) return 'telehealth';
  if (/in[- ]?person|office|clinic|face|onsite|on-site|facility|inpatient|residential/.test(v)) return 'in-person';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Header lines: the session facts of a note written without frontmatter

export interface HeaderField {
  /** the label as written, without markup: "Date", "Members present" */
  label: string;
  /** the value after the label, trimmed, without markup or separators */
  value: string;
  /** "Label: value" in the note */
  span: Span;
}

// a label: a word, then up to a few more (letters, digits, spaces, #, /, &, parentheses, dots, hyphens)
const LABEL = String.raw`[A-Za-z][A-Za-z0-9 #/&().'-]{0,40}?`;
// "**Date:**" or "**Date**:" (also with __), anywhere on a line
const BOLD_LABEL = new RegExp(String.raw`(\*\*|__)(${LABEL})(?::\1|\1[ \t]*:)`, 'g');
// "Date: 12/01/2026" at the start of a line (after a list marker)
const PLAIN_LABEL = new RegExp(String.raw`^(${LABEL}):(?=[ \t])`);
// a further plain label on the same line: after " | ", " • ", " · ", "; " or two spaces
const PLAIN_NEXT = new RegExp(String.raw`(?:[ \t]*[|•·;][ \t]*|[ \t]{2,})(${LABEL}):(?=[ \t])`, 'g');

const headerCache = new WeakMap<GroupNote, HeaderField[]>();

/**
 * The labelled lines of the shared text, one field per label: "**Date:** 12/01/2026  **Time:**
 * 1:00–2:30 PM  **Location:** Room 4" gives three fields, as does "Date: 12/01/2026 | Time: 1:00
 * PM | Location: Room 4". Only lines that start with a label count (not a label in a sentence).
 */
export function headerFields(note: GroupNote): HeaderField[] {
  let fields = headerCache.get(note);
  if (fields) return fields;
  fields = [];
  for (const span of note.shared) {
    const text = note.text.slice(span.start, span.end);
    for (const line of text.matchAll(/[^\r\n]+/g)) {
      const lead = /^[ \t]*(?:>[ \t]*)*(?:[-*+][ \t]+)?/.exec(line[0])![0].length;
      const body = line[0].slice(lead);
      const at = span.start + line.index! + lead;
      const labels: { label: string; start: number; valueStart: number }[] = [];
      if (/^(?:\*\*|__)/.test(body)) {
        for (const m of body.matchAll(BOLD_LABEL)) labels.push({ label: m[2].trim(), start: m.index!, valueStart: m.index! + m[0].length });
        if (labels[0]?.start !== 0) continue;
      } else {
        const first = PLAIN_LABEL.exec(body);
        if (!first) continue;
        labels.push({ label: first[1].trim(), start: 0, valueStart: first[0].length });
        PLAIN_NEXT.lastIndex = first[0].length;
        for (const m of body.matchAll(PLAIN_NEXT)) {
          const start = m.index! + m[0].length - m[1].length - 1;
          labels.push({ label: m[1].trim(), start, valueStart: start + m[1].length + 1 });
        }
      }
      labels.forEach((l, i) => {
        const end = i + 1 < labels.length ? labels[i + 1].start : body.length;
        const raw = body.slice(l.valueStart, end);
        const value = raw.replace(/(?:\*\*|__)/g, '').replace(/[ \t|•·;]+$/, '').trim();
        const valueEnd = l.valueStart + raw.replace(/[ \t|•·;]+$/, '').length;
        fields!.push({ label: l.label, value, span: { start: at + l.start, end: at + Math.max(valueEnd, l.valueStart) } });
      });
    }
  }
  headerCache.set(note, fields);
  return fields;
}

/**
 * A note without frontmatter is a group note when its header says so: a label line such as
 * "**CPT:** 90853" or "Service: Group psychotherapy", or a title such as "# Group Psychotherapy
 * Note". Only the text before the first second-level heading (at most 4 KB) is looked at.
 */
export function headerSaysGroupNote(text: string): boolean {
  const head = text.slice(0, 4096);
  const firstSection = /^#{2,6}[ \t]/m.exec(head);
  const header = firstSection ? head.slice(0, firstSection.index) : head;
  const GROUP = /\b90853\b|\bgroup[ \t]+(?:psycho)?therapy\b/i;
  for (const line of header.split(/\r\n|\r|\n/)) {
    const title = /^#[ \t]+(.*)$/.exec(line);
    if (title && GROUP.test(title[1]) && /\bnote\b|\b90853\b|\bprogress\b|\bsession\b/i.test(title[1])) return true;
    const labelled = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:cpt(?:[ \t]+codes?)?|service(?:[ \t]+(?:type|code))?|billing[ \t]+codes?|note[ \t]+type|type[ \t]+of[ \t]+(?:note|service|session)|session[ \t]+type)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?([^\r\n]*)/i.exec(line);
    if (labelled && GROUP.test(labelled[1])) return true;
    // several labels on one line: "**Group:** Anxiety Skills  **CPT:** 90853"
    if (/(?:\*\*|__)cpt(?:[ \t]+codes?)?:?(?:\*\*|__):?[ \t]*\+?90853\b/i.test(line)) return true;
  }
  return false;
}

/** The first header field whose label matches, read with `read`; absent when there is none. */
function headerField<T>(note: GroupNote, label: RegExp, read: (v: string) => T | null): FieldValue<T> {
  const found = headerFields(note).find((f) => label.test(f.label));
  return found ? { present: true, value: read(found.value), span: found.span } : { present: false, value: null, span: null };
}

/** A frontmatter field, else the same fact from a header line. */
const either = <T>(fromFrontmatter: FieldValue<T>, fromHeader: () => FieldValue<T>): FieldValue<T> => (fromFrontmatter.present ? fromFrontmatter : fromHeader());

/** CPT codes in a header value: "90853", "90853, +90785", "90853 (group psychotherapy)". */
const headerCodes = (value: string): string[] => [...value.matchAll(/(?<![\d.])\+?(\d{5})(?![\d.])/g)].map((m) => m[1]);

export function readSession(note: GroupNote): SessionFacts {
  const fm = note.frontmatter ?? {};
  const date = either(field(note, fm, ['date', 'date-of-service', 'dos', 'session-date'], parseDate), () =>
    headerField(note, /^(?:date(?: of service)?|dos|session date|service date)$/i, parseDate),
  );
  let start = either(field(note, fm, ['start', 'start-time', 'time-in'], parseClock), () => headerField(note, /^(?:start(?: time)?|time in)$/i, parseClock));
  let end = either(field(note, fm, ['end', 'end-time', 'stop', 'time-out'], parseClock), () => headerField(note, /^(?:end(?: time)?|time out)$/i, parseClock));
  // "time: 2:00-3:30 PM" in place of start and end
  const range = either(field(note, fm, ['time', 'times', 'session-time'], parseClockRange), () => headerField(note, /^(?:time|times|session time)$/i, parseClockRange));
  if (!start.present && !end.present && range.present) {
    start = { present: true, value: range.value?.start ?? null, span: range.span };
    end = { present: true, value: range.value?.end ?? null, span: range.span };
  }
  const totalMinutes = either(field(note, fm, ['minutes', 'duration', 'total-minutes', 'length'], parseMinutes), () =>
    headerField(note, /^(?:minutes|duration|length|total (?:time|minutes)|session length)$/i, parseMinutes),
  );
  const timed = start.value !== null && end.value !== null && end.value > start.value ? end.value - start.value : null;
  const settingField = either(field(note, fm, ['setting', 'modality-setting', 'location-type'], parseSetting), () =>
    headerField(note, /^(?:setting|modality|session format|service setting)$/i, parseSetting),
  );
  const setting = { ...settingField, raw: fm['setting'] ?? (settingField.present && !note.frontmatter?.setting ? headerFields(note).find((f) => /^(?:setting|modality|session format|service setting)$/i.test(f.label))?.value : undefined) };
  const pos = either(field(note, fm, ['pos', 'place-of-service'], parseTwoCharCode), () => headerField(note, /^(?:pos|place of service)$/i, parseTwoCharCode));
  const modifiers = either(field(note, fm, ['modifiers', 'modifier'], parseModifiers), () => headerField(note, /^modifiers?$/i, parseModifiers));
  const codes = fm['cpt'] !== undefined || fm['codes'] !== undefined ? parseCodes(fm['cpt'] ?? fm['codes']) : headerCodes(headerFields(note).find((f) => /^(?:cpt(?: codes?)?|codes?|billing codes?|service codes?)$/i.test(f.label))?.value ?? '');

  const members = new Map<Member, MemberFacts>();
  const rawMembers = Array.isArray(fm['members']) ? (fm['members'] as unknown[]) : [];
  const claimed = new Set<Member>();
  for (const raw of rawMembers) {
    const entry = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
    const id = entry ? str(entry['id'] ?? entry['mrn']) : null;
    const name = entry ? str(entry['name']) : str(raw);
    const member = note.roster.find((m) => m.fromRoster && !claimed.has(m) && (id ? m.id === id : m.name === name));
    if (!member) continue;
    claimed.add(member);
    members.set(member, readMemberFacts(note, member, entry));
  }
  for (const member of note.roster) if (!members.has(member)) members.set(member, readMemberFacts(note, member, null));

  return { date, start, end, totalMinutes, lengthMinutes: timed ?? totalMinutes.value, setting, pos, modifiers, codes, members };
}

function readMemberFacts(note: GroupNote, member: Member, entry: Record<string, unknown> | null): MemberFacts {
  const e = entry ?? {};
  const entryLine = () => rosterEntryLine(note, member);
  const time = (keys: string[]): FieldValue<number> => {
    const key = keys.find((k) => e[k] !== undefined && e[k] !== null && e[k] !== '');
    return key === undefined ? { present: false, value: null, span: null } : { present: true, value: parseClock(e[key]), span: entryLine() };
  };
  const codeKeys = ['cpt', 'codes', 'add-ons', 'addons', 'add-on'];
  const listed = codeKeys.some((k) => e[k] !== undefined);
  const codes = listed ? codeKeys.flatMap((k) => parseCodes(e[k])) : null;
  const billedRaw = e['billed'] ?? e['bill'] ?? e['billable'];
  const billed = billedRaw === true || /^(?:yes|true|y)$/i.test(String(billedRaw ?? '')) || (Array.isArray(billedRaw) && billedRaw.length > 0) || (typeof billedRaw === 'number' && billedRaw > 0);
  const dxRaw = e['diagnosis'] ?? e['diagnoses'] ?? e['dx'] ?? e['icd10'] ?? e['icd-10'];
  const diagnoses = (Array.isArray(dxRaw) ? dxRaw : dxRaw === undefined || dxRaw === null ? [] : [dxRaw]).map(str).filter((d): d is string => !!d);
  return {
    raw: entry,
    arrived: time(['arrived', 'arrival', 'joined', 'time-in', 'in']),
    left: time(['left', 'departed', 'departure', 'time-out', 'out']),
    codes,
    billed,
    diagnoses,
  };
}

// ---------------------------------------------------------------------------------------------
// Attendance

/** Same test the engine uses to leave absent members out of `sections`. */
export const ABSENT_ATTENDANCE = /absent|no[- ]?show|excused|cancel/i;

export function isAbsent(member: Member): boolean {
  return ABSENT_ATTENDANCE.test(member.attendance);
}

/** The frontmatter roster, or (when there is none) the members named by section headings. */
export function enrolledMembers(note: GroupNote): Member[] {
  const rostered = note.roster.filter((m) => m.fromRoster);
  return rostered.length ? rostered : note.roster;
}

/** Enrolled members who were there (late and left-early count). */
export function presentMembers(note: GroupNote): Member[] {
  return enrolledMembers(note).filter((m) => !isAbsent(m));
}

// ---------------------------------------------------------------------------------------------
// Treatment-plan facts a caller may pass (diagnosis-plan-mismatch)

export interface PlanFacts {
  /** ICD-10 codes listed in the plan's frontmatter `diagnoses` */
  diagnoses: string[];
}

// ---------------------------------------------------------------------------------------------
// What lintText adds to the rule context

export interface SessionContext {
  payer: PayerProfile;
  payerProblem: PayerChoice['problem'];
  session: SessionFacts;
  today: DateParts;
  treatmentPlans: ReadonlyMap<string, PlanFacts> | null;
}

/**
 * The payer profile (from the note's `payer:` and the config's `payers`), the session facts and
 * today's date for one note. `options` is lintText's options: `config.payers` holds the
 * configured profiles; `treatmentPlans` (member id or name to plan facts) is optional.
 */
export function sessionContext(note: GroupNote, options: object): SessionContext {
  const o = options as { config?: { payers?: Record<string, PayerProfileConfig> }; treatmentPlans?: ReadonlyMap<string, PlanFacts> };
  let choice: PayerChoice;
  try {
    choice = payerForNote(note.frontmatter, o.config?.payers);
  } catch {
    // a configuration passed in through the API without validation: fall back to Medicare
    choice = payerForNote(note.frontmatter);
  }
  let session: SessionFacts;
  try {
    session = readSession(note);
  } catch {
    // never let odd frontmatter take every rule down: the session rules then report "missing"
    const none = { present: false, value: null, span: null };
    session = { date: none, start: none, end: none, totalMinutes: none, lengthMinutes: null, setting: { ...none, raw: undefined }, pos: none, modifiers: none, codes: [], members: new Map() };
  }
  return {
    payer: choice.profile,
    payerProblem: choice.problem,
    session,
    today: localToday(),
    treatmentPlans: o.treatmentPlans instanceof Map ? o.treatmentPlans : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Section coverage (member-section-missing, and export, which refuses a note that fails it)

export interface SectionCoverage {
  /** present roster members with no section of their own */
  missing: Member[];
  /** sections under a heading that names no one on the roster (read as a member of their own) */
  strays: MemberSection[];
}

/**
 * Which present roster members have no section, and which member sections name no one on the
 * roster. Empty when the note has no roster (its headings are its members).
 */
export function sectionCoverage(note: GroupNote): SectionCoverage {
  const rostered = note.roster.filter((m) => m.fromRoster);
  if (rostered.length === 0) return { missing: [], strays: [] };
  const withSection = new Set(note.sections.map((s) => s.member));
  return {
    missing: rostered.filter((m) => !isAbsent(m) && !withSection.has(m)),
    strays: note.sections.filter((s) => !s.member.fromRoster),
  };
}
