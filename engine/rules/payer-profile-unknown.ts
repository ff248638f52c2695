// payer-profile-unknown: the note's `payer:` names no payer profile, so the Medicare profile's
// numbers are used for its group size, telehealth and signature checks.

import type { Rule } from './rule.js';
import { noteAnchor } from '../facts/session.js';

export const payerProfileUnknown: Rule = {
  id: 'payer-profile-unknown',
  defaultSeverity: 'warning',
  description: "The note's payer field names no payer profile (built in or in the configuration), so Medicare's numbers are used.",
  check({ note, payerProblem, payer }) {
    if (!payerProblem) return [];
    const at = noteAnchor(note, 'payer', 'insurance', 'payor');
    const message =
      payerProblem.kind === 'unknown'
        ? `No payer profile is named "${payerProblem.value}", so this note is checked with the ${payer.label} profile. Define "${payerProblem.value}" under \`payers\` in .groupnoterc.json, or fix the name.`
        : `\`payer:\` must be the name of one payer profile (it is ${payerProblem.value}); this note is checked with the ${payer.label} profile.`;
    return [{ ...at, member: null, message, data: { payer: payer.name } }];
  },
};
