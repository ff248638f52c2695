// Every rule, in the order findings are listed. Add a rule here, in docs/rules/, and in test/rules/.

import type { Rule } from '../rule.js';
import { disableCommentInvalid } from './disable-comment-invalid.js';
import { frontmatterInvalid } from './frontmatter-invalid.js';
import { memberCopyPaste } from './member-copy-paste.js';
import { otherMemberIdentifier } from './other-member-identifier.js';
import { participationMissing } from './participation-missing.js';
import { responseMissing } from './response-missing.js';
import { treatmentPlanLinkMissing } from './treatment-plan-link-missing.js';

export const RULES: readonly Rule[] = [
  frontmatterInvalid,
  otherMemberIdentifier,
  memberCopyPaste,
  participationMissing,
  responseMissing,
  treatmentPlanLinkMissing,
  disableCommentInvalid,
];
