// group-size-rationale-missing: a group larger than the payer profile's soft limit (but within
// its maximum) with no clinical rationale for the size written in the note.

import type { Rule } from './rule.js';
import { noteAnchor } from '../facts/session.js';
import { spansText } from '../facts/sections.js';
import { groupSize } from './group-size-above-maximum.js';

const RATIONALE = /\b(?:rationale|clinically (?:appropriate|indicated|necessary|justified)|justif\w+|(?:group )?size (?:was|is) (?:appropriate|indicated|needed|necessary)|larger group (?:was|is) (?:appropriate|indicated|needed))\b/i;

export const groupSizeRationaleMissing: Rule = {
  id: 'group-size-rationale-missing',
  defaultSeverity: 'info',
  description: "A group above the payer profile's soft size limit without a clinical rationale for its size.",
  check({ note, payer }) {
    const soft = payer.groupSize.softLimit;
    const { size, at } = groupSize(note);
    if (soft === null || size <= soft || size > payer.groupSize.max) return [];
    const fm = note.frontmatter ?? {};
    if (['size-rationale', 'rationale', 'group-size-rationale'].some((k) => typeof fm[k] === 'string' && (fm[k] as string).trim())) return [];
    if (RATIONALE.test(spansText(note, note.shared))) return [];
    return [{
      ...(at ?? noteAnchor(note, 'members', 'cpt')),
      member: null,
      message: `${size} members were present, above the ${soft} that the ${payer.label} profile treats as a usual group. Add a sentence on why a group this size was clinically appropriate.`,
      data: { size, softLimit: soft, payer: payer.name },
    }];
  },
};
