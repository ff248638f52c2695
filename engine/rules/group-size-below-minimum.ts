// group-size-below-minimum: fewer members present than the payer profile's minimum group size
// (for payers that ask for more than two).

import type { Rule } from './rule.js';
import { noteAnchor, presentMembers } from '../facts/session.js';

export const groupSizeBelowMinimum: Rule = {
  id: 'group-size-below-minimum',
  defaultSeverity: 'warning',
  description: "Fewer members present than the payer profile's minimum group size (when that minimum is above two).",
  check({ note, payer }) {
    const present = presentMembers(note).length;
    // fewer than two is single-member-group's finding
    if (present < 2 || present >= payer.groupSize.min) return [];
    return [{
      ...noteAnchor(note, 'members', 'cpt'),
      member: null,
      message: `${present} members were present; ${payer.label} expects at least ${payer.groupSize.min} for group psychotherapy. Check the payer's rules before billing 90853 for this session.`,
      data: { present, min: payer.groupSize.min, payer: payer.name },
    }];
  },
};
