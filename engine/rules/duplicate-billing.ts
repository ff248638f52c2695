// duplicate-billing: the same member billed 90853 twice on one date (two group notes, or two
// sections for the member in one note). 90853 is billable once per member per day.

import type { IndexedNote, RawWorkspaceFinding, WorkspaceRule } from '../workspace/types.js';
import type { MemberSummary } from '../workspace/summary.js';

type Claim = { note: IndexedNote; member: MemberSummary };

export const duplicateBilling: WorkspaceRule = {
  id: 'duplicate-billing',
  defaultSeverity: 'error',
  description: 'The same member billed 90853 more than once on one date.',
  check(notes) {
    // claims by date, then by member id (maps of maps: no key string built per member)
    const claims = new Map<string, Map<string, Claim[]>>();
    for (const note of notes) {
      const s = note.summary;
      if (s.kind !== 'group' || !s.date || !s.cpt.includes('90853')) continue;
      let onDate = claims.get(s.date);
      if (!onDate) claims.set(s.date, (onDate = new Map()));
      for (const member of s.members) {
        // only roster ids identify a person across notes ("Client A" in two groups is two people)
        if (!member.present || !member.id) continue;
        const claimed = onDate.get(member.id);
        if (claimed) claimed.push({ note, member });
        else onDate.set(member.id, [{ note, member }]);
      }
    }
    const findings: RawWorkspaceFinding[] = [];
    for (const onDate of claims.values()) {
      for (const all of onDate.values()) {
        if (all.length < 2) continue; // one claim: nothing billed twice
        // one id with two different names is a roster error, not one person billed twice
        const list = all.filter((c) => !c.member.name || !all[0].member.name || sameName(c.member.name, all[0].member.name));
        if (list.length < 2) continue;
        for (const claim of list) {
          const others = list.filter((c) => c !== claim);
          const name = claim.member.name ?? claim.member.id ?? claim.member.key;
          findings.push({
            path: claim.note.path,
            start: claim.member.heading.start,
            end: claim.member.heading.end,
            member: claim.member.key,
            message: `${name} is billed 90853 ${list.length} times on ${claim.note.summary.date}; group psychotherapy is billable once per member per day.`,
            related: others.map((o) => ({ path: o.note.path, start: o.member.heading.start, end: o.member.heading.end, message: `Also billed here` })),
          });
        }
      }
    }
    return findings;
  },
};

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
