// participation-missing: the section does not show what this member did in the group.

import { PARTICIPATION_CUE, REACTION_TO_OTHERS } from '../evidence.js';
import { evidenceRule } from './member-evidence.js';

export const participationMissing = evidenceRule({
  id: 'participation-missing',
  description: "A member's section that does not show what this member did in the group, or only in stock phrases.",
  kind: 'participation',
  cue: PARTICIPATION_CUE,
  // "When the facilitator suggested X, she agreed" is a response, not what she brought
  notCue: new RegExp(`${REACTION_TO_OTHERS.source}|^\\W*(?:\\w+\\s+)?(?:responded|reacted)\\b`, 'i'),
  what: 'participation',
  ask: (who) => `Say what ${who} said or did in this session (or that they did not take part).`,
});
