// group-size-above-maximum: more members present than the payer profile allows in one group
// (12 for Medicare contractors).

import type { GroupNote } from '../facts/note.js';
import type { Rule } from './rule.js';
import { noteAnchor, presentMembers } from '../facts/session.js';
import { statedCounts } from '../facts/counts.js';

/** Members in the room: the roster's present members, or a larger stated count. */
export function groupSize(note: GroupNote): { size: number; at: { start: number; end: number } | null } {
  const stated = statedCounts(note).sort((a, b) => b.present - a.present)[0];
  const present = presentMembers(note).length;
  if (stated && stated.present > present) return { size: stated.present, at: { start: stated.start, end: stated.end } };
  return { size: present, at: null };
}

export const groupSizeAboveMaximum: Rule = {
  id: 'group-size-above-maximum',
  defaultSeverity: 'error',
  description: "More members present than the payer profile's maximum group size (Medicare: 12).",
  check({ note, payer }) {
    const { size, at } = groupSize(note);
    if (size <= payer.groupSize.max) return [];
    return [{
      ...(at ?? noteAnchor(note, 'members', 'cpt')),
      member: null,
      message: `${size} members were present; ${payer.label} allows at most ${payer.groupSize.max} in one group psychotherapy session. Split the group, or do not bill 90853 for this session as it is.`,
      data: { size, max: payer.groupSize.max, payer: payer.name },
    }];
  },
};
