// interactive-complexity-unsupported: 90785 billed for a member whose section documents none of
// its four qualifying factors, or billed with 90849 or the crisis codes.

import type { Rule, RuleFinding } from './rule.js';
import { noteAnchor, rosterEntryLine } from '../facts/session.js';
import { sectionsOf, spansText } from '../facts/sections.js';

/** The four factors CPT names for 90785, as a note words them. */
const FACTORS: RegExp[] = [
  // maladaptive communication among participants that complicates care
  /\b(?:maladaptive communication|high(?:ly)? (?:reactive|anxious|agitated|emotional)|reactivity|escalat\w+|argu(?:ed|ing|ment) with (?:a )?(?:peer|member|another)|disagree\w* with (?:a )?(?:peer|member|another)|heated|yell\w*|shout\w*|interrupt\w*|hostil\w*|repeated(?:ly)? (?:ask\w*|question\w*)|complicat\w+ (?:the )?(?:delivery|care|session|treatment))\b/i,
  // a caregiver's emotions or behavior interfering with the treatment plan
  /\b(?:caregiver|parent|guardian|foster (?:parent|mother|father))\w*\b[^.]{0,300}\b(?:interfer\w*|disrupt\w*|undermin\w*|impede\w*|prevent\w*)/i,
  // a sentinel event and a mandated report, discussed with the patient
  /\b(?:sentinel event|mandated report\w*|mandatory report\w*|reported to (?:CPS|APS|DCFS|DSS|child protective|adult protective|law enforcement|police)|(?:CPS|APS|DCFS|DSS) (?:report|was contacted|was notified|was called)|duty to warn|abuse report|disclos\w* (?:of )?(?:abuse|neglect))\b/i,
  // play equipment or devices to overcome a barrier to communication
  /\b(?:play (?:equipment|therapy|materials|techniques)|toys|puppets|sand ?tray|dolls|augmentative|AAC|communication (?:device|board)|picture (?:cards|board|schedule)|sign language|assistive (?:device|listening))\b/i,
];
const INTERPRETER = /\b(?:interpreter|interpretation|translator|translation)\b/i;
const NOT_WITH = new Map([
  ['90849', 'multiple-family group psychotherapy (90849)'],
  ['90839', 'psychotherapy for crisis (90839)'],
  ['90840', 'psychotherapy for crisis (90840)'],
]);

export const interactiveComplexityUnsupported: Rule = {
  id: 'interactive-complexity-unsupported',
  defaultSeverity: 'error',
  description: "90785 billed for a member without one of its qualifying factors documented for that member, or with 90849 or crisis codes.",
  check({ note, session, sections, label }) {
    const findings: RuleFinding[] = [];
    const noteLevel = session.codes.includes('90785');
    const memberCodes = (m: typeof sections[number]['member']) => session.members.get(m)?.codes ?? null;
    const perMember = sections.some((s) => memberCodes(s.member) !== null);
    // 90785 on the note together with a code it may not go with
    const conflicts = [...NOT_WITH.keys()].filter((c) => session.codes.includes(c));
    if (noteLevel && conflicts.length) {
      findings.push({ ...noteAnchor(note, 'cpt', 'codes'), member: null, message: `90785 (interactive complexity) cannot be billed with ${conflicts.map((c) => NOT_WITH.get(c)).join(' or ')}.` });
    }
    const shared = spansText(note, note.shared);
    for (const section of sections) {
      const codes = memberCodes(section.member);
      const billed = codes ? codes.includes('90785') : noteLevel && !perMember;
      if (!billed) continue;
      const who = label(section.member);
      const memberConflicts = (codes ?? []).filter((c) => NOT_WITH.has(c));
      if (memberConflicts.length) {
        findings.push({ ...(rosterEntryLine(note, section.member) ?? section.heading), member: section.member, message: `90785 is billed for ${who} together with ${memberConflicts.map((c) => NOT_WITH.get(c)).join(' or ')}, which it cannot be added to.` });
        continue;
      }
      const own = sectionsOf(note, section.member).map((s) => note.text.slice(s.body.start, s.body.end)).join('\n').replace(/\s+/g, ' ');
      if (FACTORS.some((f) => f.test(own))) continue;
      const interpreterOnly = INTERPRETER.test(own) || INTERPRETER.test(shared);
      findings.push({
        start: section.heading.start,
        end: section.heading.end,
        member: section.member,
        message: `90785 (interactive complexity) is billed for ${who}, but ${who}'s section documents none of its qualifying factors (maladaptive communication complicating care, a caregiver interfering with the plan, a sentinel event with a mandated report, or play equipment or devices to overcome a communication barrier).${interpreterOnly ? ' An interpreter alone does not qualify.' : ''} Document the factor for ${who} or remove 90785.`,
        data: { interpreterOnly },
      });
    }
    return findings;
  },
};
