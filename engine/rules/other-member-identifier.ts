// other-member-identifier: another member's name or id in a member's section, or any member's
// name or id in the shared text that goes into every member's chart.

import type { Rule, RuleFinding } from './rule.js';

export const otherMemberIdentifier: Rule = {
  id: 'other-member-identifier',
  defaultSeverity: 'error',
  description: "Another member's name, alias, initials or id in a member's section, or any member's in the shared section.",
  check({ note, names, sections, label }) {
    const findings: RuleFinding[] = [];
    // A section whose heading names nobody on the roster cannot say whose chart it is for; its
    // members' names are not "another member's" (member-section-missing reports the heading).
    const hasRoster = note.roster.some((m) => m.fromRoster);
    for (const section of sections) {
      if (hasRoster && !section.member.fromRoster) continue;
      for (const mention of names.find(note.text, section.body.start, section.body.end)) {
        if (mention.members.includes(section.member)) continue;
        const who = mention.members.map(label).join(' or ');
        findings.push({
          start: mention.start,
          end: mention.end,
          member: section.member,
          message: `Identifies another group member, ${who} (${mention.kind}), in ${label(section.member)}'s section. This section goes into ${label(section.member)}'s chart, which would disclose ${who}'s treatment; write "a peer" or "another member".`,
          data: { otherMembers: mention.members.map((m) => m.key), kind: mention.kind },
        });
      }
    }
    for (const span of note.shared) {
      for (const mention of names.find(note.text, span.start, span.end)) {
        const who = mention.members.map(label).join(' or ');
        findings.push({
          start: mention.start,
          end: mention.end,
          member: null,
          message: `Identifies a group member, ${who} (${mention.kind}), in the shared section, which goes into every member's chart and would disclose ${who}'s treatment to all of them; keep it free of names and ids.`,
          data: { otherMembers: mention.members.map((m) => m.key), kind: mention.kind },
        });
      }
    }
    return findings;
  },
};
