// billed-twice-in-note: one note bills 90853 more than once for the same members: the code listed
// twice, more than one unit for a member, or two clinicians each billing the group. (The same
// member in two notes of one date is the cross-note rule duplicate-billing.)

import type { Rule, RuleFinding } from './rule.js';
import { noteAnchor, rosterEntryLine } from '../facts/session.js';
import { clinicians } from '../facts/clinicians.js';

const BILLING_KEYS = ['billing-provider', 'billing-providers', 'rendering-provider', 'rendering-providers', 'billed-by', 'billing-clinician'];

export const billedTwiceInNote: Rule = {
  id: 'billed-twice-in-note',
  defaultSeverity: 'error',
  description: 'A note that bills 90853 more than once per member: the code listed twice, units over 1, or two clinicians billing the group.',
  check({ note, session, label }) {
    const findings: RuleFinding[] = [];
    const count = (codes: string[]) => codes.filter((c) => c === '90853').length;
    if (count(session.codes) > 1) {
      findings.push({ ...noteAnchor(note, 'cpt', 'codes'), member: null, message: '90853 is listed more than once. It is billed once per member per session, whatever the length.' });
    }
    for (const member of note.roster) {
      const facts = session.members.get(member);
      const units = Number(facts?.raw?.['units'] ?? 1);
      if (count(facts?.codes ?? []) > 1 || (Number.isFinite(units) && units > 1)) {
        findings.push({ ...(rosterEntryLine(note, member) ?? noteAnchor(note, 'members')), member, message: `90853 is billed more than once for ${label(member)}. It is billed once per member per session: one unit.` });
      }
    }
    const fm = note.frontmatter ?? {};
    const key = BILLING_KEYS.find((k) => fm[k] !== undefined);
    if (key) {
      const names = new Set(clinicians(fm[key]).map((c) => c.name?.toLowerCase()).filter(Boolean));
      if (names.size > 1) {
        findings.push({ ...noteAnchor(note, key), member: null, message: `${names.size} clinicians are listed as billing this group. In a co-led group each member is still billed once (one 90853 per member per session), by one clinician.` });
      }
    }
    return findings;
  },
};
