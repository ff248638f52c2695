// member-plan-missing: a member's section with no plan or next step of their own: none at all,
// a placeholder, or only a stock line such as "Continue weekly group".

import { isPlaceholder } from '../language/cues.js';
import type { Rule, RuleFinding } from './rule.js';
import { stripInlineMarkup } from '../parse/text.js';
import { sectionSentences } from '../facts/sections.js';

// A plan true of every member: "Continue weekly group.", "Continue current plan.", "RTC next week."
const GENERIC_PLAN = /^(?:(?:pt|client|member|patient) (?:will|to) )?(?:continue|cont\.?|return|rtc|follow[- ]?up|attend|remain)(?:\s+(?:to|with|in|on|at|per|as|the|weekly|current|group|groups|treatment|therapy|tx|plan|plan of care|poc|services|sessions?|attendance|attending|attend|iop|php|program|scheduled|next|week|session|following|same|frequency|participate|participating|in group|groups?|care|goals?|objectives?|and|monitor|recommended|as scheduled|previous|prior|current|regular))*\s*$/i;
// A narrative sentence that states a next step
const PLAN_CUE = /\b(?:will|plans? to|agreed to|committed to|homework|assigned|next (?:group|session|week)|before (?:the )?next|follow[- ]?up|by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|next)|tomorrow|referr(?:ed|al)|scheduled)\b/i;

export const memberPlanMissing: Rule = {
  id: 'member-plan-missing',
  defaultSeverity: 'warning',
  description: "A member's section with no plan or next step of its own: missing, a placeholder, or a stock line like \"Continue weekly group\".",
  check({ note, sections, label }) {
    const findings: RuleFinding[] = [];
    for (const section of sections) {
      const who = label(section.member);
      const planFields = section.fields.filter((f) => f.kind === 'plan');
      let generic: { start: number; end: number } | null = null;
      let placeholder: { start: number; end: number } | null = null;
      let specific = false;
      for (const f of planFields) {
        const content = note.text.slice(f.content.start, f.content.end);
        if (isPlaceholder(content)) {
          placeholder ??= f.labelSpan ?? f;
          continue;
        }
        const clauses = stripInlineMarkup(content).replace(/\s+/g, ' ').trim().replace(/(?<![.!])[.!]+$/, '').split(/(?<!\s)\s*[.;]\s+/);
        if (clauses.every((c) => GENERIC_PLAN.test(c.trim()))) {
          const lead = content.length - content.trimStart().length;
          generic ??= { start: f.content.start + lead, end: f.content.start + content.trimEnd().length };
          continue;
        }
        specific = true;
      }
      if (specific) continue;
      // no plan of the member's own in a plan field: another sentence may state the next step
      const outsidePlan = sectionSentences(note, section).filter((s) => !planFields.some((f) => f.start <= s.start && s.start < f.end));
      if (outsidePlan.some((s) => PLAN_CUE.test(s.flat) && !GENERIC_PLAN.test(s.flat.replace(/(?<![.!])[.!]+$/, '')))) continue;
      const at = generic ?? placeholder ?? section.heading;
      const message = generic
        ? `The plan for ${who} is a stock line that fits any member. Write ${who}'s own next step (homework, a skill to practise, a referral, a follow-up).`
        : placeholder
          ? `The plan field for ${who} is empty or a placeholder. Write ${who}'s own next step.`
          : `No plan or next step for ${who}. Add ${who}'s own next step (homework, a skill to practise, a referral, a follow-up).`;
      findings.push({ ...at, member: section.member, message, data: { kind: generic ? 'generic' : placeholder ? 'placeholder' : 'missing' } });
    }
    return findings;
  },
};
