// treatment-plan: a goal reference that is not in the member's treatment plan, a plan past its
// review date (or not yet in effect) on the session date, or no plan for the member when the
// workspace keeps plans.

import type { IndexedNote, RawWorkspaceFinding, WorkspaceRule } from '../workspace/types.js';
import type { TreatmentPlan } from '../facts/plans.js';
import type { MemberSummary } from '../workspace/summary.js';
import { parseDate } from '../workspace/summary.js';
import type { Position } from '../parse/text.js';

export const treatmentPlan: WorkspaceRule = {
  id: 'treatment-plan',
  defaultSeverity: 'warning',
  description: "A goal reference missing from the member's treatment plan, a plan past review or not in effect, or no plan when plans are kept.",
  check(notes) {
    const plans = new Map<string, KnownPlan>();
    for (const note of notes) {
      const plan = note.summary.plan;
      if (plan) plans.set(plan.patient, { note, plan, reviewBy: parseDate(plan.reviewBy), effective: parseDate(plan.effective), refs: plan.goals.map((g) => g.ref) });
    }
    if (plans.size === 0) return [];
    const findings: RawWorkspaceFinding[] = [];
    for (const note of notes) {
      const s = note.summary;
      if (s.kind !== 'group') continue;
      const found = s.members.map((m) => planFor(plans, m));
      // Report a missing plan only where the practice keeps plans for this group's members.
      const groupHasPlans = found.some((f) => f !== undefined);
      s.members.forEach((member, i) => {
        if (!member.present) return;
        const name = member.name ?? member.id ?? member.key;
        const plan = found[i];
        const report = (at: { start: Position; end: Position }, message: string, data: Record<string, unknown>, related: RawWorkspaceFinding['related']) =>
          findings.push({ path: note.path, start: at.start, end: at.end, member: member.key, message, related, data });
        if (!plan) {
          if (groupHasPlans) report(member.heading, `No treatment plan for ${name} in this workspace; the session must tie to a current plan that names group therapy.`, { kind: 'missing' }, []);
          return;
        }
        const { reviewBy, effective, refs } = plan;
        const planLocation = () => [{ path: plan.note.path, start: plan.note.summary.header.start, end: plan.note.summary.header.end, message: `${name}'s treatment plan` }];
        if (s.date && reviewBy && reviewBy < s.date) {
          report(member.heading, `${name}'s treatment plan was due for review on ${reviewBy}, before this session (${s.date}): update the plan.`, { kind: 'expired' }, planLocation());
        } else if (s.date && effective && effective > s.date) {
          report(member.heading, `${name}'s treatment plan takes effect on ${effective}, after this session (${s.date}).`, { kind: 'not-yet-effective' }, planLocation());
        }
        for (const ref of member.goalRefs) {
          if (refs.includes(ref.ref)) continue;
          report(ref, `${ref.ref} is not a goal or objective in ${name}'s treatment plan (it has ${refs.join(', ') || 'none'}).`, { kind: 'unknown-goal', ref: ref.ref }, planLocation());
        }
      });
    }
    return findings;
  },
};

/** A plan in the workspace, with its dates read once (not once per member per session). */
interface KnownPlan {
  note: IndexedNote;
  plan: TreatmentPlan;
  reviewBy: string | null;
  effective: string | null;
  refs: string[];
}

function planFor(plans: Map<string, KnownPlan>, member: MemberSummary) {
  return (member.id ? plans.get(member.id) : undefined) ?? plans.get(member.key) ?? (member.name ? plans.get(member.name) : undefined);
}
