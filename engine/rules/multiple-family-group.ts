// multiple-family-group: family members of a patient took part in the group. That is
// multiple-family group psychotherapy (90849), not 90853.

import type { Rule, RuleFinding } from './rule.js';
import { noteAnchor, rosterEntryLine } from '../facts/session.js';
import { matchesIn } from '../facts/text-match.js';

const FAMILY_WORD = /\b(?:family|mother|father|mom|dad|parent|guardian|caregiver|spouse|husband|wife|partner|sibling|sister|brother|son|daughter|child|grand(?:mother|father|parent)|aunt|uncle|relative)s?\b/i;
const RELATION_KEYS = ['relationship', 'relation', 'family-of', 'parent-of', 'guardian-of', 'relative-of', 'role'];
// The shared section says relatives took part
const FAMILIES_PRESENT = /(?<!\bnot? )\b(?:multi(?:ple)?[- ]famil(?:y|ies)(?: group)?|famil(?:y|ies)(?: members?)? (?:of (?:members|patients|clients|participants) )?(?:attended|joined|participated|were present|were in attendance)|(?:parents|caregivers|spouses|partners|guardians|family members) (?:of (?:members|patients|clients|participants) )?(?:attended|joined|participated|were present|were in attendance)|members and (?:their )?(?:parents|caregivers|spouses|partners|families|family members)|parents? (?:and|&) (?:teens?|adolescents?|youths?|children|kids)|(?:teens?|adolescents?|youths?|children|kids|members|patients|clients) (?:and|&|with) (?:their )?(?:parents|caregivers|families|family members))\b(?!\s+(?:separately|in a separate|for a separate|in another|in their own))/i;

export const multipleFamilyGroup: Rule = {
  id: 'multiple-family-group',
  defaultSeverity: 'warning',
  description: "Family members of a patient took part in the group: that is 90849 (multiple-family group), not 90853.",
  check({ note, session, label }) {
    if (!session.codes.includes('90853') && session.codes.includes('90849')) return [];
    const findings: RuleFinding[] = [];
    // roster entries that are a patient's relative rather than a patient
    for (const member of note.roster) {
      const raw = session.members.get(member)?.raw;
      if (!raw) continue;
      const key = RELATION_KEYS.find((k) => typeof raw[k] === 'string' && (k !== 'role' || FAMILY_WORD.test(raw[k] as string)) && !/^(?:self|patient|client|member|none|n\/a)$/i.test((raw[k] as string).trim()));
      if (!key) continue;
      const at = rosterEntryLine(note, member) ?? noteAnchor(note, 'members');
      findings.push({ ...at, member, message: `${label(member)} is on the roster as a patient's relative. A group with family members taking part is multiple-family group psychotherapy: bill 90849 (where the payer covers it; Medicare generally does not), not 90853.`, data: { key } });
    }
    if (findings.length) return findings;
    for (const span of note.shared) {
      const m = matchesIn(note.text, span.start, span.end, FAMILIES_PRESENT)[0];
      if (!m) continue;
      return [{ start: m.start, end: m.end, member: null, message: 'The note says family members took part in the group. That is multiple-family group psychotherapy: bill 90849 (where the payer covers it; Medicare generally does not), not 90853.' }];
    }
    if (session.codes.includes('90849') && session.codes.includes('90853')) {
      return [{ ...noteAnchor(note, 'cpt'), member: null, message: 'The note bills both 90853 and 90849. A session is either a group of patients (90853) or a multiple-family group (90849); bill the one that fits.' }];
    }
    return [];
  },
};
