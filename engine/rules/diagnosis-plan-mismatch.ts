// diagnosis-plan-mismatch: a member's diagnosis in the note is not among the diagnoses of the
// member's treatment plan (checked only when the caller supplies the plans).

import type { Rule, RuleFinding } from './rule.js';
import { rosterEntryLine } from '../facts/session.js';
import { sectionsOf } from '../facts/sections.js';
import { diagnosesIn, ICD10 } from './diagnosis-missing.js';

/** F41.1 matches F41.1 and F41.10; F41 matches any F41.x (a category and its codes). */
function sameDiagnosis(a: string, b: string): boolean {
  const x = a.toUpperCase().replace('.', '');
  const y = b.toUpperCase().replace('.', '');
  return x.startsWith(y) || y.startsWith(x);
}

export const diagnosisPlanMismatch: Rule = {
  id: 'diagnosis-plan-mismatch',
  defaultSeverity: 'warning',
  description: "A member's diagnosis in the note that is not among the diagnoses of the member's treatment plan.",
  check({ note, sections, session, treatmentPlans, label }) {
    if (!treatmentPlans) return [];
    const findings: RuleFinding[] = [];
    const seen = new Set();
    for (const section of sections) {
      const member = section.member;
      if (seen.has(member)) continue;
      seen.add(member);
      const plan = (member.id ? treatmentPlans.get(member.id) : undefined) ?? (member.name ? treatmentPlans.get(member.name) : undefined);
      if (!plan || plan.diagnoses.length === 0) continue;
      const own = sectionsOf(note, member).map((s) => note.text.slice(s.body.start, s.body.end)).join('\n');
      const fromRoster = (session.members.get(member)?.diagnoses ?? []).flatMap((d) => diagnosesIn(d).length ? diagnosesIn(d) : []);
      const inNote = [...new Set([...fromRoster, ...diagnosesIn(own)])];
      const unmatched = inNote.filter((d) => !plan.diagnoses.some((p) => sameDiagnosis(d, p)));
      if (unmatched.length === 0) continue;
      const who = label(member);
      // point at the first code that does not match, in the section or on the roster entry
      let at = rosterEntryLine(note, member) ?? section.heading;
      for (const s of sectionsOf(note, member)) {
        const re = new RegExp(ICD10.source, 'g');
        const body = note.text.slice(s.body.start, s.body.end);
        for (let m = re.exec(body); m; m = re.exec(body)) {
          if (unmatched.includes(m[0].toUpperCase())) {
            at = { start: s.body.start + m.index, end: s.body.start + m.index + m[0].length };
            break;
          }
        }
      }
      findings.push({
        ...at,
        member,
        message: `${who}'s diagnosis in this note (${unmatched.join(', ')}) is not on ${who}'s treatment plan (${plan.diagnoses.join(', ')}). Use the plan's diagnosis, or update the plan first.`,
        data: { note: unmatched, plan: plan.diagnoses },
      });
    }
    return findings;
  },
};
