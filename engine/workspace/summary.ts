// What the workspace index keeps of each note: enough to run the cross-note rules (dates, times,
// codes, members, shingle signatures of each member's section, goal references, plans) without
// keeping the note's text in memory.

import { parseNote, type GroupNote } from '../facts/note.js';
import { parsePlan, type TreatmentPlan } from '../facts/plans.js';
import { formatDate, parseClock, parseDate as parseSessionDate, readSession } from '../facts/session.js';
import { GOAL_REFERENCE } from '../language/cues.js';
import { maskedWord, rosterNameWords } from '../facts/names.js';
import { LineIndex, tokenize, type Position } from '../parse/text.js';
import { lshBands, shingles, signature, textHash } from './minhash.js';

function responseOf(text: string | null): MemberSummary['response'] {
  const words = text ? tokenize(text).map((t) => t.norm) : [];
  return words.length ? { hash: textHash(words.join(' ')), words: words.length } : null;
}

export interface GoalRef {
  /** "1.2" */
  ref: string;
  start: Position;
  end: Position;
}

export interface MemberSummary {
  key: string;
  id: string | null;
  name: string | null;
  present: boolean;
  heading: { start: Position; end: Position };
  /** sorted hashed word shingles of the member's own text, names and pronouns masked */
  shingles: Uint32Array;
  /** LSH bands of the shingles' MinHash signature, for finding candidate pairs (engine/workspace/minhash.ts) */
  bands: Uint32Array;
  /**
   * the response/progress text, normalised, as a hash with its number of words: enough for
   * "unchanged across sessions", and the index holds no note text
   */
  response: { hash: string; words: number } | null;
  responseRange: { start: Position; end: Position } | null;
  goalRefs: GoalRef[];
}

export type NoteKind = 'group' | 'individual' | 'plan' | 'other';

export interface NoteSummary {
  kind: NoteKind;
  date: string | null;
  /** minutes after midnight */
  start: number | null;
  end: number | null;
  cpt: string[];
  modifiers: string[];
  clinician: string | null;
  /** individual notes: the patient's id (or name) */
  patient: string | null;
  /** where to report note-level findings: the frontmatter's first line */
  header: { start: Position; end: Position };
  members: MemberSummary[];
  plan: TreatmentPlan | null;
}

/** Minutes after midnight; null when unreadable (see engine/facts/session.ts). */
export const parseClockTime = parseClock;

/** YYYY-MM-DD from a frontmatter date (string or Date); null when unreadable. */
export function parseDate(value: unknown): string | null {
  const date = parseSessionDate(value);
  return date ? formatDate(date) : null;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value : value == null ? [] : [value]).map((v) => String(v).trim()).filter(Boolean);

function kindOf(note: GroupNote, fm: Record<string, unknown> | null, plan: TreatmentPlan | null): NoteKind {
  if (plan) return 'plan';
  if (note.isGroupNote) return 'group';
  const kind = String(fm?.note ?? fm?.type ?? '');
  if (/individual/i.test(kind) || list(fm?.cpt).some((c) => /^908(32|34|37)$/.test(c))) return 'individual';
  return 'other';
}

const EMPTY = new Uint32Array(0);

/**
 * Moves the members' shingles and bands into one buffer per note (views into it): thousands of
 * notes in an index would otherwise hold two small buffers, each with its own overhead, per member.
 */
function packHashes(members: MemberSummary[]): void {
  let length = 0;
  for (const m of members) length += m.shingles.length + m.bands.length;
  const all = new Uint32Array(length);
  let at = 0;
  const view = (values: Uint32Array) => {
    all.set(values, at);
    at += values.length;
    return all.subarray(at - values.length, at);
  };
  for (const m of members) {
    m.shingles = view(m.shingles);
    m.bands = view(m.bands);
  }
}

/** `note` is the same text already parsed (by lintText), so a note is parsed once. */
export function summarize(text: string, options: { forceGroupNote?: boolean; note?: GroupNote } = {}): NoteSummary {
  const note = options.note ?? parseNote(text, options);
  const plan = note.isGroupNote ? null : parsePlan(text);
  const fm = note.frontmatter;
  const lines = new LineIndex(text);
  const at = (offset: number) => lines.positionAt(offset);
  const headerEnd = note.frontmatterSpan ? Math.min(note.frontmatterSpan.end, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')) : 0;
  // a group note without frontmatter has its date, times and codes in header lines (engine/facts/session.ts)
  const header = note.isGroupNote && !note.frontmatterSpan ? readSession(note) : null;
  const summary: NoteSummary = {
    kind: kindOf(note, fm, plan),
    date: header ? (header.date.value ? formatDate(header.date.value) : null) : parseDate(fm?.date),
    start: header ? header.start.value : parseClockTime(fm?.start),
    end: header ? header.end.value : parseClockTime(fm?.end),
    cpt: header ? header.codes : list(fm?.cpt),
    modifiers: list(fm?.modifiers ?? fm?.modifier),
    clinician: note.staff[0] ?? (typeof fm?.provider === 'string' ? fm.provider : typeof fm?.clinician === 'string' ? fm.clinician : null),
    patient: typeof fm?.patient === 'string' || typeof fm?.patient === 'number' ? String(fm.patient) : null,
    header: { start: at(0), end: at(Math.max(headerEnd, 0)) },
    members: [],
    plan,
  };
  if (!note.isGroupNote) return summary;

  const nameWords = rosterNameWords(note.roster);
  const present = new Set(note.sections.map((s) => s.member));
  for (const member of note.roster) {
    const section = note.sections.find((s) => s.member === member);
    if (!section) {
      summary.members.push({ key: member.key, id: member.id, name: member.name, present: false, heading: summary.header, shingles: EMPTY, bands: EMPTY, response: null, responseRange: null, goalRefs: [] });
      continue;
    }
    const words = tokenize(text, section.body.start, section.body.end).map((t) => maskedWord(t, nameWords));
    const sectionShingles = shingles(words);
    const responseField = section.fields.find((f) => f.kind === 'response');
    const responseText = responseField ? text.slice(responseField.content.start, responseField.content.end) : null;
    const goalRefs: GoalRef[] = [];
    const body = text.slice(section.body.start, section.body.end);
    GOAL_REFERENCE.lastIndex = 0;
    for (let m = GOAL_REFERENCE.exec(body); m; m = GOAL_REFERENCE.exec(body)) {
      const ref = /(?<![\d.])\d+[a-z]?(?:\.\d+[a-z]?)*$/i.exec(m[0])?.[0];
      if (ref) goalRefs.push({ ref, start: at(section.body.start + m.index), end: at(section.body.start + m.index + m[0].length) });
    }
    summary.members.push({
      key: member.key,
      id: member.id,
      name: member.name,
      present: present.has(member) && !/absent|no[- ]?show|excused|cancel/i.test(member.attendance),
      heading: { start: at(section.heading.start), end: at(section.heading.end) },
      shingles: sectionShingles,
      bands: lshBands(signature(sectionShingles)),
      response: responseOf(responseText),
      responseRange: responseField ? { start: at(responseField.start), end: at(responseField.end) } : null,
      goalRefs,
    });
  }
  packHashes(summary.members);
  return summary;
}
