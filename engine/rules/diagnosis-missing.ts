// diagnosis-missing: a member with no diagnosis (ICD-10 code or a Diagnosis field) in the
// member's section or roster entry.

import type { Rule, RuleFinding } from './rule.js';
import { noteAnchor } from '../facts/session.js';
import { sectionsOf } from '../facts/sections.js';

/** An ICD-10-CM code as notes write it: F41.1, F40.10, F32.A, Z63.0; or a mental-health code without the dot (F411). */
export const ICD10 = /\b(?:[A-TV-Z]\d[0-9AB]\.[0-9A-Z]{1,4}|[FZ]\d{2}(?:[0-9A-Z]{1,4})?)\b/g;
const DIAGNOSIS_LABEL = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:diagnos[ie]s|dx|icd-?10(?: codes?)?|working diagnosis|primary diagnosis)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*\S/im;

export function diagnosesIn(text: string): string[] {
  return [...text.matchAll(ICD10)].map((m) => m[0].toUpperCase());
}

export const diagnosisMissing: Rule = {
  id: 'diagnosis-missing',
  defaultSeverity: 'warning',
  description: "A member with no diagnosis (ICD-10 code or Diagnosis field) in their section or roster entry.",
  check({ note, sections, session, label }) {
    const members = [...new Set(sections.map((s) => s.member))];
    const missing = members.filter((member) => {
      if ((session.members.get(member)?.diagnoses.length ?? 0) > 0) return false;
      const own = sectionsOf(note, member).map((s) => note.text.slice(s.body.start, s.body.end)).join('\n');
      return diagnosesIn(own).length === 0 && !DIAGNOSIS_LABEL.test(own);
    });
    // a note that names no diagnosis at all: one finding, not one per member
    if (missing.length > 1 && missing.length === members.length) {
      return [{
        ...noteAnchor(note, 'members'),
        member: null,
        message: `No diagnosis for any of the ${missing.length} members. Name each member's diagnosis (ICD-10, e.g. F41.1) as \`diagnosis:\` on the roster entry or in the member's section; it should match the member's treatment plan.`,
        data: { members: missing.map((m) => m.key) },
      }];
    }
    const findings: RuleFinding[] = [];
    for (const member of missing) {
      const section = sections.find((s) => s.member === member)!;
      const who = label(member);
      findings.push({
        start: section.heading.start,
        end: section.heading.end,
        member,
        message: `No diagnosis for ${who}. Name the diagnosis this session treats (ICD-10, e.g. F41.1) in ${who}'s section or as \`diagnosis:\` on the roster entry; it should match ${who}'s treatment plan.`,
      });
    }
    return findings;
  },
};
