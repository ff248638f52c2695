// participation-missing: the section does not show what this member said or did in the group.
// The sentence reading is in engine/language/evidence.ts.

import { evidenceRule } from './member-evidence.js';

export const participationMissing = evidenceRule({
  id: 'participation-missing',
  description: "A member's section that does not show what this member did in the group, or only in stock phrases.",
  kind: 'participation',
  what: 'participation',
  ask: (who) => `Say what ${who} said or did in this session (or that they did not take part).`,
});
