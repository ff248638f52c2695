// response-missing: the section does not show how this member responded to interventions or feedback.

import { REACTION_TO_OTHERS, RESPONSE_CUE } from '../evidence.js';
import { evidenceRule } from './member-evidence.js';

export const responseMissing = evidenceRule({
  id: 'response-missing',
  description: "A member's section that does not show how this member responded to interventions or feedback.",
  kind: 'response',
  cue: new RegExp(`${RESPONSE_CUE.source}|${REACTION_TO_OTHERS.source}`, 'i'),
  what: 'response to interventions',
  ask: (who) => `Describe how ${who} responded to the interventions or to peer feedback (what changed, what they said, or that they did not respond).`,
});
