// Rules that compare notes with each other, run over the workspace index (engine/workspace).
// Add a rule here, in docs/rules/, and in test/workspace/.

import type { WorkspaceRule } from '../workspace/types.js';
import { duplicateBilling } from './duplicate-billing.js';
import { memberNoteCloned } from './member-note-cloned.js';
import { sameDayIndividualOverlap } from './same-day-individual-overlap.js';
import { treatmentPlan } from './treatment-plan.js';

export const WORKSPACE_RULES: readonly WorkspaceRule[] = [memberNoteCloned, sameDayIndividualOverlap, treatmentPlan, duplicateBilling];
