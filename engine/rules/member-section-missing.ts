// member-section-missing: a present roster member has no section of their own. Their text is
// then somewhere else: under a heading the tool does not read as theirs (a misspelt name, "Plan"),
// so it is read as shared text or as a member of its own, and it would go into every other
// member's chart on export. Reported at the member's roster entry, and at each heading that names
// no one on the roster while a member has no section (with a quick fix that renames the heading
// to the closest roster name: engine/editor/fixes.ts).

import type { Rule, RuleFinding } from './rule.js';
import type { Member } from '../facts/note.js';
import { noteAnchor, rosterEntryLine, sectionCoverage } from '../facts/session.js';
import { normalizeWord } from '../parse/text.js';

/** How the roster writes a member for a heading: "Ana Silva (A-1)", or the name or id alone. */
export function rosterHeading(member: Member): string {
  return member.name && member.id ? `${member.name} (${member.id})` : (member.name ?? member.id ?? member.key);
}

/** The text of an ATX heading line after its marks (or the first line of a setext heading): its offsets. */
export function headingTextSpan(text: string, start: number, end: number): { start: number; end: number } {
  const line = text.slice(start, end).split(/\r\n|\r|\n/)[0];
  const atx = /^([ \t]*#{1,6}[ \t]*)(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
  if (atx) return { start: start + atx[1].length, end: start + atx[1].length + atx[2].length };
  const lead = line.length - line.trimStart().length;
  return { start: start + lead, end: start + line.trimEnd().length };
}

const comparable = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(normalizeWord).join(' ');

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

/** The member whose name, alias or id is closest to the heading's text (fewest edits for its length). */
export function closestMember(headingText: string, members: readonly Member[]): Member {
  const heading = comparable(headingText);
  let best = members[0];
  let bestScore = Infinity;
  for (const member of members) {
    for (const candidate of [member.name, member.id, ...member.aliases, rosterHeading(member)]) {
      if (!candidate) continue;
      const c = comparable(candidate);
      const score = editDistance(heading, c) / Math.max(1, Math.max(heading.length, c.length));
      if (score < bestScore) {
        bestScore = score;
        best = member;
      }
    }
  }
  return best;
}

const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

export const memberSectionMissing: Rule = {
  id: 'member-section-missing',
  defaultSeverity: 'error',
  description: 'A present roster member with no section of their own, or a heading that names no one on the roster while a member has none.',
  check({ note, label }) {
    const { missing, strays } = sectionCoverage(note);
    if (missing.length === 0) return [];
    const findings: RuleFinding[] = [];
    const who = list(missing.map(label));
    const have = missing.length === 1 ? 'has' : 'have';
    for (const section of strays) {
      const heading = headingTextSpan(note.text, section.heading.start, section.heading.end);
      const closest = closestMember(note.text.slice(heading.start, heading.end), missing);
      findings.push({
        start: section.heading.start,
        end: section.heading.end,
        member: section.member,
        message: `This heading names no one on the roster, while ${who} ${have} no section: if this is ${label(closest)}'s section, name them in the heading, or it is read as the section of a member not on the roster and export refuses the note.`,
        data: { rename: { start: heading.start, end: heading.end, newText: rosterHeading(closest) }, member: closest.key },
      });
    }
    for (const member of missing) {
      const at = rosterEntryLine(note, member) ?? noteAnchor(note, 'members');
      findings.push({
        ...at,
        member,
        message: `${label(member)} is on the roster as present but has no section of their own (a heading with their name or id). Their text may be under a heading that does not name them, where it is read as shared text or as someone else's and would be exported into other members' charts; add their section, or mark them absent.`,
        data: { member: member.key },
      });
    }
    return findings;
  },
};
