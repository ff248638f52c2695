// A note's findings and index summary as flat JSON arrays, for the --cache file (cli/cache.ts).
//
// A warm run restores ten thousand summaries and tens of thousands of findings. Stored as the
// objects themselves, every range came back as three objects (a range and two positions), which
// the index then partly threw away, keeping one object per line and column, and every finding
// with fields the output does not use. Here each is one array of strings and numbers, ranges as
// four numbers, and decoding builds only the objects that are kept: a summary's positions come
// from a pool shared by all records (`position`), and each finding is made straight into the
// caller's own object (`FindingMaker`).

import type { Position } from '../engine/parse/text.js';
import type { Finding, Severity } from '../engine/index.js';
import type { GoalRef, MemberSummary, NoteKind, NoteSummary } from '../engine/workspace/summary.js';

/** What a run reports of a cached finding. */
export type CachedFinding = Pick<Finding, 'ruleId' | 'severity' | 'message' | 'start' | 'end' | 'member'>;

/** Where a member's shingles or bands are in the record's hash array: [start, length]. */
export type HashSpan = [start: number, length: number];

type Range = { start: Position; end: Position };

const KINDS: readonly NoteKind[] = ['group', 'individual', 'plan', 'other'];

const flatRange = (r: Range): number[] => [r.start.line, r.start.character, r.end.line, r.end.character];

/** The record is not one this encoder wrote (a damaged or foreign cache file). */
class Damaged extends Error {}

const FINDING_FIELDS = 8;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** The findings as one JSON-ready array, eight values each. */
export function encodeFindings(findings: readonly CachedFinding[]): unknown[] {
  return findings.flatMap((f) => [f.ruleId, f.severity, f.message, ...flatRange(f), f.member]);
}

const number = (value: unknown): number => {
  if (typeof value !== 'number') throw new Damaged();
  return value;
};
const text = (value: unknown): string => {
  if (typeof value !== 'string') throw new Damaged();
  return value;
};
const maybeText = (value: unknown): string | null => (value === null ? null : text(value));
const maybeNumber = (value: unknown): number | null => (value === null ? null : number(value));
const list = (value: unknown): unknown[] => {
  if (!Array.isArray(value)) throw new Damaged();
  return value;
};
/** A treatment plan as summarize() gave it (only its lists are checked: the rules walk them). */
const maybePlan = (value: unknown): NoteSummary['plan'] => {
  if (value === null) return null;
  const plan = value as NonNullable<NoteSummary['plan']>;
  if (typeof plan !== 'object' || typeof plan.patient !== 'string' || !Array.isArray(plan.goals) || !Array.isArray(plan.diagnoses)) throw new Damaged();
  return plan;
};

/** Makes a run's finding from a cached one's fields (lines and characters from 0, as the engine's). */
export type FindingMaker<T> = (
  ruleId: string,
  severity: Severity,
  message: string,
  startLine: number,
  startCharacter: number,
  endLine: number,
  endCharacter: number,
  member: string | null,
) => T;

/** Reads an array written by `encodeFindings`, each finding made by `make`; null when damaged. */
export function decodeFindings<T>(stored: unknown, make: FindingMaker<T>): T[] | null {
  if (!Array.isArray(stored) || stored.length % FINDING_FIELDS !== 0) return null;
  const findings: T[] = [];
  try {
    for (let i = 0; i < stored.length; i += FINDING_FIELDS) {
      const severity = stored[i + 1] as Severity;
      if (!SEVERITIES.includes(severity)) throw new Damaged();
      findings.push(make(text(stored[i]), severity, text(stored[i + 2]), number(stored[i + 3]), number(stored[i + 4]), number(stored[i + 5]), number(stored[i + 6]), maybeText(stored[i + 7])));
    }
  } catch (e) {
    if (e instanceof Damaged) return null;
    throw e;
  }
  return findings;
}

/** The summary as a JSON-ready array; `span` stores a member's hashes and says where. */
export function encodeSummary(summary: NoteSummary, span: (hashes: Uint32Array) => HashSpan): unknown[] {
  const members = summary.members.map((m) => [
    m.key,
    m.id,
    m.name,
    m.present ? 1 : 0,
    ...flatRange(m.heading),
    ...span(m.shingles),
    ...span(m.bands),
    m.response?.hash ?? null,
    m.response?.words ?? 0,
    m.responseRange ? flatRange(m.responseRange) : null,
    m.goalRefs.flatMap((g) => [g.ref, ...flatRange(g)]),
  ]);
  return [summary.kind, summary.date, summary.start, summary.end, summary.cpt, summary.modifiers, summary.clinician, summary.patient, ...flatRange(summary.header), summary.plan, members];
}

/**
 * Reads an array written by `encodeSummary`: shingles and bands become views of `hashes`, and
 * `position` gives the object for a line and column (shared between notes). Null when damaged.
 */
export function decodeSummary(stored: unknown, hashes: Uint32Array, position: (line: number, character: number) => Position): NoteSummary | null {
  const range = (values: unknown[], at: number): Range => ({ start: position(number(values[at]), number(values[at + 1])), end: position(number(values[at + 2]), number(values[at + 3])) });
  const view = (start: unknown, length: unknown): Uint32Array => {
    const from = number(start);
    const to = from + number(length);
    if (to > hashes.length) throw new Damaged();
    return hashes.subarray(from, to);
  };

  try {
    const s = list(stored);
    const kind = KINDS.find((k) => k === s[0]);
    if (!kind || s.length !== 14) throw new Damaged();
    const members: MemberSummary[] = list(s[13]).map((entry) => {
      const m = list(entry);
      if (m.length !== 16) throw new Damaged();
      const responseHash = maybeText(m[12]);
      const responseRange = m[14] === null ? null : range(list(m[14]), 0);
      const refs = list(m[15]);
      const goalRefs: GoalRef[] = [];
      for (let i = 0; i + 5 <= refs.length; i += 5) {
        const { start, end } = range(refs, i + 1);
        goalRefs.push({ ref: text(refs[i]), start, end });
      }
      return {
        key: text(m[0]),
        id: maybeText(m[1]),
        name: maybeText(m[2]),
        present: m[3] === 1,
        heading: range(m, 4),
        shingles: view(m[8], m[9]),
        bands: view(m[10], m[11]),
        response: responseHash === null ? null : { hash: responseHash, words: number(m[13]) },
        responseRange,
        goalRefs,
      };
    });
    return {
      kind,
      date: maybeText(s[1]),
      start: maybeNumber(s[2]),
      end: maybeNumber(s[3]),
      cpt: list(s[4]).map(text),
      modifiers: list(s[5]).map(text),
      clinician: maybeText(s[6]),
      patient: maybeText(s[7]),
      header: range(s, 8),
      members,
      plan: maybePlan(s[12]),
    };
  } catch (e) {
    if (e instanceof Damaged) return null;
    throw e;
  }
}
