// Field labels a clinician writes inside a member section, and the kind of field each opens.
// Labels are matched only where a label can stand: at the start of a line (optionally after a
// list marker, blockquote, heading marks or bold), or after a sentence end when followed by ':'.

export type FieldKind =
  | 'narrative'
  | 'participation'
  | 'interventions'
  | 'response'
  | 'treatment-plan'
  | 'plan'
  | 'risk'
  | 'other';

const LABEL_KINDS: Record<string, FieldKind> = {
  // participation: what the member did / presented
  'participation': 'participation',
  'member participation': 'participation',
  'client participation': 'participation',
  'participation and presentation': 'participation',
  'participation/presentation': 'participation',
  'presentation': 'participation',
  'behavior': 'participation',
  'behaviour': 'participation',
  'observations': 'participation',
  'observation': 'participation',
  'subjective': 'participation',
  'objective': 'participation', // SOAP "O:"; numbered plan objectives are goal references
  'data': 'participation',
  'contribution': 'participation',
  'participation and response': 'participation',
  'participation and response to group treatment': 'participation',
  'participation and response to treatment': 'participation',
  's': 'participation',
  'o': 'participation',
  'd': 'participation',
  'b': 'participation',
  // interventions
  'interventions': 'interventions',
  'intervention': 'interventions',
  'interventions used': 'interventions',
  'therapist interventions': 'interventions',
  'techniques': 'interventions',
  'modality': 'interventions',
  'i': 'interventions',
  // response
  'response': 'response',
  'responses': 'response',
  'response to interventions': 'response',
  'response to intervention': 'response',
  'response to the intervention': 'response',
  'response to the interventions': 'response',
  'response to treatment': 'response',
  'response to feedback': 'response',
  'response to activity': 'response',
  'response to the activity': 'response',
  'response to skill': 'response',
  'response to skills': 'response',
  'response to the skill': 'response',
  'response to exercise': 'response',
  'response to the exercise': 'response',
  'response to group': 'response',
  'response to peers': 'response',
  'response to peer feedback': 'response',
  'client response': 'response',
  'reaction': 'response',
  'reactions': 'response',
  'member reaction': 'response',
  'client reaction': 'response',
  'member response': 'response',
  'progress': 'response',
  'progress toward goals': 'response',
  'progress towards goals': 'response',
  'assessment': 'response',
  'outcome': 'response',
  'evaluation': 'response', // PIE: Problem, Intervention, Evaluation
  'e': 'response',
  'r': 'response',
  'a': 'response',
  // link to the member's treatment plan
  'treatment plan': 'treatment-plan',
  'tx plan': 'treatment-plan',
  'treatment plan goal': 'treatment-plan',
  'treatment plan goals': 'treatment-plan',
  'treatment plan objective': 'treatment-plan',
  'treatment plan objectives': 'treatment-plan',
  'treatment plan link': 'treatment-plan',
  'treatment goal': 'treatment-plan',
  'treatment goals': 'treatment-plan',
  'tp goal': 'treatment-plan',
  'tp goals': 'treatment-plan',
  'plan goal': 'treatment-plan',
  'goal': 'treatment-plan',
  'g': 'treatment-plan', // GIRP
  'stg': 'treatment-plan',
  'ltg': 'treatment-plan',
  'isp goal': 'treatment-plan',
  'tx goal': 'treatment-plan',
  'care plan goal': 'treatment-plan',
  'goals': 'treatment-plan',
  'goals addressed': 'treatment-plan',
  'goal addressed': 'treatment-plan',
  'objectives': 'treatment-plan',
  'goal/objective': 'treatment-plan',
  'plan of care': 'treatment-plan',
  'plan of care goal': 'treatment-plan',
  'plan of care objective': 'treatment-plan',
  'plan of care objective addressed': 'treatment-plan',
  'poc objective': 'treatment-plan',
  // plan / next steps
  'plan': 'plan',
  'p': 'plan',
  'next steps': 'plan',
  'plan/next steps': 'plan',
  'follow-up': 'plan',
  'follow up': 'plan',
  'homework': 'plan',
  // risk
  'risk': 'risk',
  'suicidality': 'risk',
  'suicide risk': 'risk',
  'risk assessment': 'risk',
  'safety': 'risk',
  'safety assessment': 'risk',
  'si/hi': 'risk',
  // other fields: recognised so they end the previous field
  'focus': 'other',
  'format': 'other',
  'topic': 'other',
  'mood': 'other',
  'affect': 'other',
  'mood/affect': 'other',
  'mental status': 'other',
  'mse': 'other',
  'diagnosis': 'other',
  'dx': 'other',
  'attendance': 'other',
  'time': 'other',
  'location': 'other',
  'consent': 'other',
};

export function labelKind(label: string): FieldKind | undefined {
  return LABEL_KINDS[label.trim().toLowerCase().replace(/\s+/g, ' ')];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '[ \\t]+');
// Longest first so "treatment plan goal" wins over "treatment plan".
const LABEL_ALTERNATION = Object.keys(LABEL_KINDS)
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');

/**
 * A label at the start of a line. Group 1 is the label. A label needs a colon, unless the whole
 * line is the label (a "### Response" subheading or a bold line).
 * Each run of spaces can be matched in one place only: two optional `[ \t]*` side by side made a
 * long run of spaces take quadratic time.
 */
export const LINE_LABEL_RE = new RegExp(
  String.raw`^[ \t]*(?:>[ \t]*)?(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:#{1,6}[ \t]+)?(?:(?:\*\*|__)[ \t]*)?(` +
    LABEL_ALTERNATION +
    // an optional qualifier in brackets: "I (Leader 2):", "Response (role-play):"
    // a compound label promises what its first part does: "Response/progress:", "Mood / appearance:"
    String.raw`)(?:[ \t]?[/&+][ \t]?\p{L}[\p{L}-]{0,20}(?: \p{L}[\p{L}-]{0,20}){0,2})?(?:[ \t]?\([^()\n]{1,30}\))?[ \t]*(?:(?:\*\*|__)[ \t]*:|:(?:[ \t]*(?:\*\*|__))?|(?:(?:\*\*|__)[ \t]*)?(?:#+[ \t]*)?$)`,
  'gimu',
);

/** A label in running text right after a sentence end, e.g. "... goal 2.3. Plan: call sponsor". */
// The lookahead first: the lookbehind alone, tried at every position of a long run of spaces,
// scanned back over the run each time (quadratic).
export const INLINE_LABEL_RE = new RegExp(
  String.raw`(?=[*_a-z])(?<=[.!?]["”')]?[ \t]+)(?:\*\*|__)?(` + LABEL_ALTERNATION + String.raw`)(?:(?:\*\*|__)[ \t]*:|:(?:\*\*|__)?)`,
  'giu',
);
