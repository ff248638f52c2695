// Participant counts the note states ("5 of 6 present", "Members present: 4 of 5").

import type { GroupNote, Span } from './note.js';
import { frontmatterLine, NUMBER_WORD, parseCount } from './session.js';
import { matchesIn } from './text-match.js';


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
