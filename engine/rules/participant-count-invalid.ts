// participant-count-invalid: the note does not state how many members took part, or states a
// number that does not match the roster and its attendance.

import type { Rule, RuleFinding } from './rule.js';
import { enrolledMembers, noteAnchor, presentMembers } from '../facts/session.js';
import { statedCounts } from '../facts/counts.js';
import { leadShared } from '../facts/sections.js';

export const participantCountInvalid: Rule = {
  id: 'participant-count-invalid',
  defaultSeverity: 'warning',
  description: 'The number of participants is not stated, or does not match the roster and its attendance.',
  check({ note }) {
    const counts = statedCounts(note);
    const present = presentMembers(note).length;
    const enrolled = enrolledMembers(note).length;
    const absent = enrolled - present;
    if (counts.length === 0) {
      const lead = leadShared(note).find((s) => /\S/.test(note.text.slice(s.start, s.end)));
      const firstLine = lead ? /\S[^\r\n]*/.exec(note.text.slice(lead.start, lead.end)) : null;
      const at = lead && firstLine ? { start: lead.start + firstLine.index, end: lead.start + firstLine.index + firstLine[0].length } : noteAnchor(note, 'members');
      return [{ ...at, member: null, message: `The number of participants is not stated. Payers ask for it in every group note; add it to the shared section, e.g. "${present} of ${enrolled} enrolled members present".`, data: { present, enrolled } }];
    }
    const findings: RuleFinding[] = [];
    const rosterSays = `the roster lists ${present} present${absent ? ` and ${absent} absent` : ''}`;
    for (const c of counts) {
      if (c.present !== present) {
        findings.push({ start: c.start, end: c.end, member: null, message: `The note says ${c.present} ${c.present === 1 ? 'member was' : 'members were'} present, but ${rosterSays}. Correct the count or the attendance.`, data: { stated: c.present, present } });
      } else if (c.enrolled !== null && c.enrolled !== enrolled && note.roster.some((m) => m.fromRoster)) {
        findings.push({ start: c.start, end: c.end, member: null, message: `The note says ${c.enrolled} members are enrolled, but the roster lists ${enrolled}. Correct the count or the roster.`, data: { statedEnrolled: c.enrolled, enrolled } });
      }
    }
    return findings;
  },
};
