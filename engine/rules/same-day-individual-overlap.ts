// same-day-individual-overlap: an individual psychotherapy note (90832/90834/90837) for a group
// member on the date of a group session. Overlapping times mean one encounter billed twice; a
// separate encounter still usually needs a distinct-service modifier (NCCI pair with 90853).

import type { IndexedNote, RawWorkspaceFinding, WorkspaceRule } from '../workspace/types.js';

const INDIVIDUAL_CODES = /^908(32|34|37)$/;
const DISTINCT_MODIFIERS = new Set(['59', 'XU', 'XS', 'XE', 'XP']);

const clock = (minutes: number | null) => (minutes === null ? '?' : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);

export const sameDayIndividualOverlap: WorkspaceRule = {
  id: 'same-day-individual-overlap',
  defaultSeverity: 'error',
  description: 'An individual psychotherapy note for a group member on the group date: overlapping times, or no distinct-service modifier.',
  check(notes) {
    const findings: RawWorkspaceFinding[] = [];
    // group sessions by date, in folder order
    const groupsOn = new Map<string, IndexedNote[]>();
    for (const n of notes) {
      if (n.summary.kind !== 'group' || !n.summary.date || !n.summary.cpt.includes('90853')) continue;
      const list = groupsOn.get(n.summary.date);
      if (list) list.push(n);
      else groupsOn.set(n.summary.date, [n]);
    }
    for (const individual of notes) {
      const s = individual.summary;
      if (s.kind !== 'individual' || !s.date || !s.patient) continue;
      const code = s.cpt.find((c) => INDIVIDUAL_CODES.test(c));
      if (!code) continue;
      for (const group of groupsOn.get(s.date) ?? []) {
        const member = group.summary.members.find((m) => m.present && (m.id === s.patient || m.name === s.patient || m.key === s.patient));
        if (!member) continue;
        const g = group.summary;
        const related = [{ path: group.path, start: member.heading.start, end: member.heading.end, message: `Group session ${clock(g.start)}–${clock(g.end)} billed 90853` }];
        const base = { path: individual.path, start: s.header.start, end: s.header.end, member: member.key, related };
        if (s.start === null || s.end === null || g.start === null || g.end === null) {
          findings.push({ ...base, message: `Same-day group session (90853) for this patient; start and end times are needed on both notes to show the ${code} session was a separate encounter.`, data: { kind: 'times-missing' } });
        } else if (s.start < g.end && g.start < s.end) {
          findings.push({ ...base, message: `This ${code} session (${clock(s.start)}–${clock(s.end)}) overlaps the group session (${clock(g.start)}–${clock(g.end)}) billed 90853 for the same patient: one encounter billed twice.`, data: { kind: 'overlap' } });
        } else if (!s.modifiers.some((m) => DISTINCT_MODIFIERS.has(m.toUpperCase()))) {
          findings.push({ ...base, message: `Same-day group session (90853, ${clock(g.start)}–${clock(g.end)}) for this patient: many payers want modifier 59 or XU on ${code} to show a separate encounter.`, data: { kind: 'modifier' }, reminder: true });
        }
      }
    }
    return findings;
  },
};
