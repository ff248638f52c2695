// treatment-plan-link-missing: a member section that does not tie the session to a goal or
// objective of this member's treatment plan.

import { isPlaceholder, mentionsPlanGoal } from '../evidence.js';
import type { Rule, RuleFinding } from '../rule.js';

export const treatmentPlanLinkMissing: Rule = {
  id: 'treatment-plan-link-missing',
  defaultSeverity: 'warning',
  description: "A member's section with no reference to a goal or objective of that member's treatment plan.",
  check({ note, sections, label }) {
    const findings: RuleFinding[] = [];
    for (const section of sections) {
      const body = note.text.slice(section.body.start, section.body.end);
      if (mentionsPlanGoal(body)) continue;
      const planFields = section.fields.filter((f) => f.kind === 'treatment-plan');
      if (planFields.some((f) => !isPlaceholder(note.text.slice(f.content.start, f.content.end)))) continue;
      const emptyField = planFields[0];
      findings.push({
        start: emptyField?.labelSpan?.start ?? section.heading.start,
        end: emptyField?.labelSpan?.end ?? section.heading.end,
        member: section.member,
        message: emptyField
          ? `The treatment plan field for ${label(section.member)} is empty or a placeholder. Name the goal or objective this session addressed (e.g. "Goal 1.2").`
          : `No link to ${label(section.member)}'s treatment plan. Name the goal or objective this session addressed (e.g. "Goal 1.2" or "Objective 2.1").`,
      });
    }
    return findings;
  },
};
