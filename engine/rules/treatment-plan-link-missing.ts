// treatment-plan-link-missing: a member section that does not tie the session to a goal or
// objective of this member's treatment plan (engine/language/goals.ts reads the notations).

import { isPlaceholder } from '../language/cues.js';
import { fieldNamesGoal, ownPlanReferences } from '../language/goals.js';
import type { Rule, RuleFinding } from './rule.js';

// An "Objective:" field that states a plan objective ("will cook one meal a week", "by discharge")
// rather than SOAP observations.
const PLAN_OBJECTIVE = /\b(?:will|by discharge|by \w+ \d|within \d+|objective|goal)\b/i;

export const treatmentPlanLinkMissing: Rule = {
  id: 'treatment-plan-link-missing',
  defaultSeverity: 'warning',
  description: "A member's section with no reference to a goal or objective of that member's treatment plan.",
  check({ note, sections, label }) {
    const findings: RuleFinding[] = [];
    for (const section of sections) {
      const linked = section.fields.some((field) => {
        const content = note.text.slice(field.content.start, field.content.end);
        if (field.kind === 'treatment-plan') return !isPlaceholder(content) && fieldNamesGoal(content);
        if (/^objectives?$/i.test(field.label ?? '') && PLAN_OBJECTIVE.test(content)) return true;
        // a label that is itself the reference: "**6-month Goal 1:** ...", "**Objective 2:** ..."
        return ownPlanReferences(field.label ? `${field.label}: ${content}` : content).length > 0;
      });
      if (linked) continue;
      const planFields = section.fields.filter((f) => f.kind === 'treatment-plan');
      const emptyField = planFields.find((f) => isPlaceholder(note.text.slice(f.content.start, f.content.end)));
      const reviewField = planFields[0];
      findings.push({
        start: (emptyField ?? reviewField)?.labelSpan?.start ?? section.heading.start,
        end: (emptyField ?? reviewField)?.labelSpan?.end ?? section.heading.end,
        member: section.member,
        message: emptyField
          ? `The treatment plan field for ${label(section.member)} is empty or a placeholder. Name the goal or objective this session addressed (e.g. "Goal 1.2").`
          : reviewField
            ? `The treatment plan field for ${label(section.member)} names no goal (a review or a continuation is not a link). Name the goal or objective this session addressed (e.g. "Goal 1.2" or "STG 2").`
            : `No link to ${label(section.member)}'s treatment plan. Name the goal or objective this session addressed (e.g. "Goal 1.2" or "Objective 2.1").`,
      });
    }
    return findings;
  },
};
