// absent-member-billed: a member marked absent (or no-show) whose section documents the session
// as if they took part, or whose roster entry says they are billed.

import { isPlaceholder } from '../language/cues.js';
import type { Rule, RuleFinding } from './rule.js';
import { isAbsent, rosterEntryLine } from '../facts/session.js';
import { sectionsOf } from '../facts/sections.js';

// Sentences about the absence itself: these are what an absent member's section should hold.
const ABSENCE = /\b(?:absent|absence|no[- ]?show|did not (?:attend|come|show|log on|join)|didn'?t (?:attend|come|show)|not present|excused|cancel+ed|unable to attend|missed (?:group|the session|this session|today)|called (?:in|out)|outreach|voice ?mail|left (?:a )?message|will be (?:contacted|called)|reschedul\w*|sick|ill\b|hospitali[sz]ed|no call)\b/i;
// Fields that document a session the member attended
const BILLABLE_FIELDS = new Set(['participation', 'response', 'interventions']);
// Narrative that describes taking part in the group
const IN_GROUP = /\b(?:in (?:the )?group|during (?:the )?(?:session|group|exercise|role-?play)|role-?play\w*|practiced|practised|peers?|the group|rated|feedback|check-?in|shared|described|participated)\b/i;

export const absentMemberBilled: Rule = {
  id: 'absent-member-billed',
  defaultSeverity: 'error',
  description: 'A member marked absent or no-show whose section documents participation, or who is listed as billed.',
  check({ note, session, label }) {
    const findings: RuleFinding[] = [];
    for (const member of note.roster) {
      const sections = sectionsOf(note, member);
      const headingSaysAbsent = sections.some((s) => /\b(?:absent|no[- ]?show)\b/i.test(note.text.slice(s.heading.start, s.heading.end)));
      if (!isAbsent(member) && !headingSaysAbsent) continue;
      const who = label(member);
      const facts = session.members.get(member);
      const billed = facts?.billed || (facts?.codes ?? []).includes('90853');
      if (billed) {
        const at = rosterEntryLine(note, member) ?? sections[0]?.heading;
        if (at) findings.push({ ...at, member, message: `${who} is marked absent but is listed as billed. 90853 is billed only for members who attended; remove the billing for ${who}.`, data: { reason: 'billed' } });
        continue;
      }
      for (const section of sections) {
        const documented = section.fields.some((f) => {
          const content = note.text.slice(f.content.start, f.content.end);
          if (isPlaceholder(content) || ABSENCE.test(content.replace(/\s+/g, ' '))) return false;
          if (BILLABLE_FIELDS.has(f.kind)) return true;
          return f.kind === 'narrative' && content.split(/(?<=[.!?])\s+/).some((s) => IN_GROUP.test(s) && !ABSENCE.test(s));
        });
        if (!documented) continue;
        findings.push({
          start: section.heading.start,
          end: section.heading.end,
          member,
          message: `${who} is marked absent, but ${who}'s section documents the session as if ${who} took part. An absent member cannot be billed 90853: correct the attendance, or keep only the absence in this section.`,
          data: { reason: 'section' },
        });
        break;
      }
    }
    return findings;
  },
};
