// A group note that satisfies every rule, for the billing and documentation rule tests: each test
// changes one thing (with String.replace) and checks the one rule that should notice.

import { lintText, type Finding, type LintOptions } from '../../engine/index.js';
import type { GroupnoteConfig } from '../../engine/config.js';
import type { PlanFacts } from '../../engine/facts/session.js';

/** lintText's options with a whole configuration (payer profiles too) and treatment-plan facts. */
export type RuleTestOptions = Omit<LintOptions, 'config'> & { config?: GroupnoteConfig; treatmentPlans?: ReadonlyMap<string, PlanFacts> };

export const COMPLETE_NOTE = `---
note: group-psychotherapy
cpt: 90853
date: 2026-03-04
start: "14:00"
end: "15:30"
setting: in-person
pos: 11
group: Anxiety skills group
facilitator: Dana Whitfield, LCSW
members:
  - id: MRN-1
    name: Ana Silva
    diagnosis: F41.1
  - id: MRN-2
    name: Ben Cole
    diagnosis: F40.10
  - id: MRN-3
    name: Cara Diaz
    diagnosis: F41.0
---

# Group session

**Format:** In-person, 90 minutes, 3 of 3 enrolled members present.
**Interventions used across the group:** Cognitive restructuring, role-play and peer feedback.

## Ana Silva

**Participation:** Described avoiding the bus for two weeks and rehearsed the first stop aloud.

**Response:** Rated anxiety 7/10 before the role-play and 4/10 after; said it "felt doable."

**Treatment plan:** Goal 1.2, ride the bus without a safe person.

**Plan:** Ride two stops on Thursday and log anxiety before and after.

## Ben Cole

**Participation:** Talked about dreading Monday staff meetings and practiced an unscripted update.

**Response:** Completed the update with a shaky voice; reported anxiety falling from 8/10 to 5/10.

**Treatment plan:** Objective 2.1, speak in meetings without a script.

**Plan:** Give one unscripted update at work this week.

## Cara Diaz

**Participation:** Shared that she cancelled a dentist visit and challenged a catastrophic prediction.

**Response:** Tolerated thirty seconds of paced breathing; said the dizziness "faded on its own."

**Treatment plan:** Goal 3.1, keep medical appointments.

**Plan:** Rebook the dentist visit by Friday.

---
Signed: Dana Whitfield, LCSW, 2026-03-04 16:10
`;

/** The complete note with each [from, to] replacement applied (each `from` must be present). */
export function changed(...replacements: [string | RegExp, string][]): string {
  let text = COMPLETE_NOTE;
  for (const [from, to] of replacements) {
    if (typeof from === 'string' ? !text.includes(from) : !from.test(text)) throw new Error(`replacement not applied: ${String(from)}`);
    text = text.replace(from, to);
  }
  return text;
}

export function lintRule(text: string, ruleId: string, options?: RuleTestOptions): Finding[] {
  return lintText(text, options as LintOptions).findings.filter((f) => f.ruleId === ruleId);
}

/** What each finding points at, and whose section it is in: ["text", member]. */
export function at(text: string, findings: Finding[]): [string, string | null][] {
  return findings.map((f) => [text.slice(f.startOffset, f.endOffset), f.member]);
}
