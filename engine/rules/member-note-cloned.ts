// member-note-cloned: a member's section near-identical to the same member's section in another
// session (cloned week to week), or the same response text in three or more sessions. Candidate
// pairs come from MinHash/LSH buckets, so the work grows with the number of sections, not pairs.

import type { IndexedNote, RawWorkspaceFinding, WorkspaceRule } from '../workspace/types.js';
import type { MemberSummary } from '../workspace/summary.js';
import { BandBuckets } from '../workspace/minhash.js';

/** Sections shorter than this many shingles are too short to call clones. */
const MIN_SHINGLES = 12;
/** Identical response text in this many sessions is reported. */
const SAME_RESPONSE_SESSIONS = 3;
const MIN_RESPONSE_WORDS = 5;

interface Entry {
  note: IndexedNote;
  member: MemberSummary;
}

const who = (m: MemberSummary) => m.name ?? m.id ?? m.key;
const dateOf = (e: Entry) => e.note.summary.date ?? '';

function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inter++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const union = a.length + b.length - inter;
  return union === 0 ? 0 : inter / union;
}

/** Of two earlier sessions equally alike, the one nearer in time (then the first path) is named. */
function closerSession(a: Entry, b: Entry): boolean {
  const [da, db] = [dateOf(a), dateOf(b)];
  return da !== db ? da > db : a.note.path < b.note.path;
}

export const memberNoteCloned: WorkspaceRule = {
  id: 'member-note-cloned',
  defaultSeverity: 'warning',
  description: "A member's section near-identical to their section in another session, or the same response text in 3+ sessions.",
  check(notes, options) {
    const findings: RawWorkspaceFinding[] = [];
    const entries: Entry[] = [];
    for (const note of notes) {
      if (note.summary.kind !== 'group') continue;
      // only roster ids follow a person from session to session
      for (const member of note.summary.members) if (member.present && member.id) entries.push({ note, member });
    }

    // LSH: sections of the same member that share a band bucket are candidates. Buckets are
    // built one member at a time, so they never hold the whole folder at once.
    const byMember = new Map<string, number[]>();
    entries.forEach((e, index) => {
      if (e.member.shingles.length < MIN_SHINGLES) return;
      const list = byMember.get(e.member.key);
      if (list) list.push(index);
      else byMember.set(e.member.key, [index]);
    });
    const best = new Map<Entry, { other: Entry; similarity: number }>();
    const buckets = new BandBuckets();
    for (const sessions of byMember.values()) {
      if (sessions.length < 2) continue;
      // each pair of entries is scored once, however many buckets it shares
      const checked = new Set<number>();
      for (const list of buckets.group(sessions, (index) => entries[index].member.bands)) {
        for (let i = 0; i < list.length; i++) {
          for (let j = i + 1; j < list.length; j++) {
            const [a, b] = [entries[list[i]], entries[list[j]]];
            if (a.note === b.note || (a.member.name && b.member.name && a.member.name !== b.member.name)) continue;
            const pairKey = list[i] * entries.length + list[j];
            if (checked.has(pairKey)) continue;
            checked.add(pairKey);
            const similarity = exactJaccard(a.member.shingles, b.member.shingles);
            if (similarity < options.cloneSimilarity) continue;
            // report the later session as the clone of the earlier one
            const [earlier, later] = dateOf(a) <= dateOf(b) ? [a, b] : [b, a];
            const current = best.get(later);
            if (!current || similarity > current.similarity || (similarity === current.similarity && closerSession(earlier, current.other))) best.set(later, { other: earlier, similarity });
          }
        }
      }
    }
    for (const [later, { other, similarity }] of best) {
      findings.push({
        path: later.note.path,
        start: later.member.heading.start,
        end: later.member.heading.end,
        member: later.member.key,
        message: `${who(later.member)}'s section is near-identical (similarity ${similarity.toFixed(2)}) to their section from ${other.note.summary.date ?? 'another session'}: write what happened in this session.`,
        related: [{ path: other.note.path, start: other.member.heading.start, end: other.member.heading.end, message: `${who(other.member)}'s section on ${other.note.summary.date ?? 'another date'}` }],
        data: { similarity: Number(similarity.toFixed(3)), otherPath: other.note.path },
      });
    }

    // The same response text session after session.
    // entries by member, then by response text (maps of maps: no key string built per entry)
    const byResponse = new Map<string, Map<string, Entry[]>>();
    for (const e of entries) {
      if (!e.member.response || e.member.response.words < MIN_RESPONSE_WORDS) continue;
      let ofMember = byResponse.get(e.member.key);
      if (!ofMember) byResponse.set(e.member.key, (ofMember = new Map()));
      const group = ofMember.get(e.member.response.hash);
      if (group) group.push(e);
      else ofMember.set(e.member.response.hash, [e]);
    }
    for (const ofMember of byResponse.values()) {
      for (const group of ofMember.values()) {
        if (group.length < SAME_RESPONSE_SESSIONS) continue; // fewer sessions still once one per note
        const sessions = [...new Map(group.map((e) => [e.note.path, e])).values()].sort((a, b) => dateOf(a).localeCompare(dateOf(b)));
        if (sessions.length < SAME_RESPONSE_SESSIONS) continue;
        for (const e of sessions.slice(1)) {
          if (best.has(e)) continue; // already reported as a cloned section
          const range = e.member.responseRange ?? e.member.heading;
          findings.push({
            path: e.note.path,
            start: range.start,
            end: range.end,
            member: e.member.key,
            message: `${who(e.member)}'s response is word for word the same in ${sessions.length} sessions (${sessions.map(dateOf).join(', ')}): describe this session's response.`,
            related: sessions.filter((s) => s !== e).map((s) => ({ path: s.note.path, start: (s.member.responseRange ?? s.member.heading).start, end: (s.member.responseRange ?? s.member.heading).end, message: `Same response on ${dateOf(s)}` })),
            data: { sessions: sessions.length },
          });
        }
      }
    }
    return findings;
  },
};
