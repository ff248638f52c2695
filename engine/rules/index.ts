// Every rule, in the order findings are listed. Add a rule here, in docs/rules/, and in test/rules/.

import type { Rule } from './rule.js';
import { disableCommentInvalid } from './disable-comment-invalid.js';
import { frontmatterInvalid } from './frontmatter-invalid.js';
import { memberCopyPaste } from './member-copy-paste.js';
import { otherMemberIdentifier } from './other-member-identifier.js';
import { participationMissing } from './participation-missing.js';
import { responseMissing } from './response-missing.js';
import { treatmentPlanLinkMissing } from './treatment-plan-link-missing.js';
import { memberSectionMissing } from './member-section-missing.js';
// billing and documentation rules (payer profiles: engine/facts/payers.ts)
import { sessionDateInvalid } from './session-date-invalid.js';
import { sessionTimeInvalid } from './session-time-invalid.js';
import { sessionLengthUnusual } from './session-length-unusual.js';
import { memberTimeMissing } from './member-time-missing.js';
import { participantCountInvalid } from './participant-count-invalid.js';
import { singleMemberGroup } from './single-member-group.js';
import { groupSizeBelowMinimum } from './group-size-below-minimum.js';
import { groupSizeAboveMaximum } from './group-size-above-maximum.js';
import { groupSizeRationaleMissing } from './group-size-rationale-missing.js';
import { absentMemberBilled } from './absent-member-billed.js';
import { memberNotParticipating } from './member-not-participating.js';
import { classNotTherapy } from './class-not-therapy.js';
import { interactiveComplexityUnsupported } from './interactive-complexity-unsupported.js';
import { multipleFamilyGroup } from './multiple-family-group.js';
import { billedTwiceInNote } from './billed-twice-in-note.js';
import { coFacilitatorCredentialsMissing } from './co-facilitator-credentials-missing.js';
import { telehealthCodingInvalid } from './telehealth-coding-invalid.js';
import { telehealthDocumentationMissing } from './telehealth-documentation-missing.js';
import { riskAssessmentMissing } from './risk-assessment-missing.js';
import { memberPlanMissing } from './member-plan-missing.js';
import { placeholderText } from './placeholder-text.js';
import { signatureMissing } from './signature-missing.js';
import { signatureLate } from './signature-late.js';
import { diagnosisMissing } from './diagnosis-missing.js';
import { diagnosisPlanMismatch } from './diagnosis-plan-mismatch.js';
import { payerProfileUnknown } from './payer-profile-unknown.js';

export const RULES: readonly Rule[] = [
  frontmatterInvalid,
  memberSectionMissing,
  otherMemberIdentifier,
  memberCopyPaste,
  participationMissing,
  responseMissing,
  treatmentPlanLinkMissing,
  sessionDateInvalid,
  sessionTimeInvalid,
  sessionLengthUnusual,
  memberTimeMissing,
  participantCountInvalid,
  singleMemberGroup,
  groupSizeBelowMinimum,
  groupSizeAboveMaximum,
  groupSizeRationaleMissing,
  absentMemberBilled,
  memberNotParticipating,
  classNotTherapy,
  interactiveComplexityUnsupported,
  multipleFamilyGroup,
  billedTwiceInNote,
  coFacilitatorCredentialsMissing,
  telehealthCodingInvalid,
  telehealthDocumentationMissing,
  riskAssessmentMissing,
  memberPlanMissing,
  placeholderText,
  signatureMissing,
  signatureLate,
  diagnosisMissing,
  diagnosisPlanMismatch,
  payerProfileUnknown,
  disableCommentInvalid,
];
