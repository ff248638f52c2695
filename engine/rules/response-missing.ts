// response-missing: the section does not show how this member responded to interventions or feedback.
// The sentence reading is in engine/language/evidence.ts.

import { evidenceRule } from './member-evidence.js';

export const responseMissing = evidenceRule({
  id: 'response-missing',
  description: "A member's section that does not show how this member responded to interventions or feedback.",
  kind: 'response',
  what: 'response to interventions',
  ask: (who) => `Describe how ${who} responded to the interventions or to peer feedback (what changed, what they said, or that they did not respond).`,
});
