// Decides whether text documents something about *this* member: placeholders, the stock phrases
// payers cite in denials, and the cues that show participation or response in narrative prose.

import { stripInlineMarkup, tokenize } from '../parse/text.js';

/** Field content that says nothing: empty, "N/A", "see above", "TBD", "[insert]"... */
export function isPlaceholder(content: string): boolean {
  const text = stripInlineMarkup(content).replace(/(?<![.\s])[.\s]+$/, '').trim();
  if (text === '') return true;
  // "N/A - intake plan due 2/3": a placeholder with an excuse is still a placeholder
  if (/^(?:n\/?a|none|tbd|tba|pending|deferred|not applicable)\b\s*(?:[-–—:;,(]|$)/i.test(text) && text.split(/\s+/).length <= 8) return true;
  // a template's own prompt left in place ("what this member said or did", "how this member responded: ...")
  if (/^(?:what|how|describe|enter|write|add|note|list|name|next steps?)\b[^.]{0,60}\b(?:this|the) (?:member|client|patient)\b/i.test(text) && text.split(/\s+/).length <= 14) return true;
  // a pointer elsewhere ("See group summary.", "see participation") documents nothing here
  if (/^(?:see|refer to|as per|per)\b/i.test(text) && text.split(/\s+/).length <= 5) return true;
  // "Unable to assess.", "Not observed.": the writer says there is nothing to report
  if (/^(?:unable to (?:assess|evaluate|determine)|not (?:assessed|observed|evaluated)|no (?:response|change) (?:observed|noted))$/i.test(text)) return true;
  return /^(?:n\/?a|none|nil|null|see above|see prior|same as above|as above|same|ditto|tbd|tba|to be determined|to follow|pending|-+|–|—|\.+|x+|_+|\?+|\[[^\]]*\]|<[^>]*>|\{[^}]*\}|insert[^.]*|enter[^.]*here|not documented|not applicable|(?:see|per|refer to) (?:the )?(?:tx |treatment )?plan|see chart|on file)$/i.test(text);
}

// Phrases that are true of any member in any group. Matched case-insensitively on text in which
// the member's own names are already replaced with "client".
// Each phrase with words every match of it contains (lower case): a field without them skips
// the pattern (they run for every field of every member).
export const STOCK_PHRASES: [needs: string[] | null, pattern: RegExp][] = [
  [['present and '], /\b(?:was |were |is |remained |appeared |seemed )?present and (?:actively )?participat\w*/g],
  [['participat'], /\bparticipat\w*(?: actively| appropriately| well| fully| adequately)?(?: in)?(?: the)?(?: group)?(?: discussions?| activities| process| session)?(?: appropriately| actively| well)?/g],
  [null, /\b(?:was|were|is|remained|appeared|seemed)(?: to be)? (?:actively |very |fully )?(?:engaged|attentive|cooperative|pleasant|appropriate|present|receptive|open|active|involved|interactive|alert|calm)(?:,? (?:and )?(?:engaged|attentive|cooperative|pleasant|appropriate|receptive|open|active|involved|interactive|alert|calm))*(?: (?:throughout|during|in|for)(?: the)? (?:session|group|discussion|process))?/g],
  [['engaged in'], /\bengaged in(?: the)? (?:group|discussion|session|activities|process)(?: discussion)?/g],
  [['listened '], /\blistened (?:attentively |quietly )?to (?:peers|others|the group|group members)/g],
  [['shared '], /\bshared (?:about )?(?:her |his |their )?(?:feelings|thoughts|experiences?|anxiety|concerns|struggles|progress|week|story|stressors)(?: and (?:feelings|thoughts|experiences|concerns))?(?: this week| today| with (?:the )?group)?/g],
  [['receptive to'], /\breceptive to(?: the)? (?:peer )?(?:feedback|interventions?|group|suggestions|support|redirection)(?: from (?:peers|the group|staff))?/g],
  [['appear', 'seem'], /\b(?:appears?|appeared|seems?|seemed) to (?:be )?(?:benefit\w*|gain\w*|enjoy\w*)(?: from)?(?: the)?(?: group| session| discussion| topic)?/g],
  [['benefit'], /\bbenefit(?:ed|s|ted)? from(?: the)? (?:group|session|discussion)/g],
  [['verbali'], /\bverbali[sz]ed (?:an )?understanding(?: of(?: the)?(?: [\w-]+)?? (?:skills?|material|concepts?|topics?|content|information|strategies)(?: (?:reviewed|discussed|presented|covered|taught))?(?: (?:today|in group|in session))?)?/g],
  [['responded '], /\bresponded (?:well|positively|appropriately|favorably)(?: to(?: the)? (?:interventions?|feedback|group|treatment|redirection))?/g],
  [['progress'], /\b(?:is |was )?(?:making|made|shows|showed|showing|continues to make) (?:good |some |fair |steady |adequate |minimal )?progress(?: towards?(?: treatment)? goals)?/g],
  [['tolerated'], /\btolerated(?: (?:the|it|this))?(?: (?:session|group|treatment|intervention|exercise|activity|discussion))? well/g],
  [['continues to '], /\bcontinues to (?:participate|engage|work on (?:goals|treatment goals)|make progress|benefit)/g],
  [['supportive '], /\b(?:was )?supportive (?:of|to|toward) (?:peers|others|group members)/g],
  [['feedback to '], /\b(?:gave|offered|provided) (?:appropriate |supportive |positive |helpful )?feedback to (?:peers|others|group members)/g],
  [['insight'], /\b(?:good|fair|poor|limited) insight(?: and judg(?:e)?ment)?/g],
  [['no issues', 'no concerns', 'no problems'], /\bno (?:issues|concerns|problems) (?:noted|reported|observed)/g],
  [['discussed '], /\bdiscussed (?:coping skills|feelings|the topic|group topic|anxiety)/g],
  [['able to '], /\b(?:was )?able to (?:identify|verbalize) (?:coping skills|triggers|feelings)/g],
  [['will continue to '], /\bwill continue to (?:attend|benefit|participate)(?: in)?(?: group)?/g],
  // mental-status boilerplate describes presentation, not what the member did or said
  [['alert and oriented'], /\balert and oriented(?: x ?\d)?/g],
  [['dressed', 'groomed'], /\b(?:appropriately|casually|adequately) (?:dressed|groomed)/g],
  [['affect '], /\baffect (?:congruent|appropriate|flat|restricted|blunted|full|euthymic|stable)(?: (?:with|to) mood)?/g],
  [['mood '], /\bmood (?:euthymic|stable|good|fair|ok)/g],
  [['eye contact'], /\b(?:good|fair|poor|appropriate) eye contact/g],
  [['benefit from'], /\breports? (?:some |a |good )?benefit from(?: the)? (?:group|session)/g],
  [['attended '], /\battended(?: the)? (?:group|session)(?: today)?/g],
];

// Words that carry no member-specific information on their own.
const GENERIC_WORDS = new Set(
  (
    'a an the and or but of in on at to for from with by as is was were are be been being it its this that these ' +
    'those there here then than so very also too not no yes do did does had has have client clients patient pt ' +
    'member members group groups session sessions today week weekly discussion discussed participated participating ' +
    'participation engaged attentive appropriate appropriately throughout shared share about feedback receptive ' +
    'verbalized understanding coping skills skill reviewed appeared seemed benefit benefited well good fair topic ' +
    'topics therapist facilitator peers peer other others anxiety feelings thoughts mood stable continue continues ' +
    'during session overall noted reports reported states stated will would could should may might can today\'s ' +
    'interventions intervention progress goals goal treatment process processing content material support supportive ' +
    'positive positively active actively veteran veterans resident student youth consumer individual participant participants'
  ).split(/\s+/),
);

export function removeStockPhrases(text: string): { rest: string; found: string[] } {
  let rest = ` ${stripInlineMarkup(text).toLowerCase()} `;
  const found: string[] = [];
  for (const [needs, re] of STOCK_PHRASES) {
    if (needs && !needs.some((word) => rest.includes(word))) continue;
    re.lastIndex = 0;
    rest = rest.replace(re, (m) => {
      if (m.trim().split(/\s+/).length >= 2) {
        found.push(m.trim());
        return ' ';
      }
      return m;
    });
  }
  return { rest, found };
}

/** Words that tell something only this member did or said, after stock phrases are removed. */
export function specificWordCount(text: string, maskedWords: Set<string> = new Set()): number {
  const { rest } = removeStockPhrases(text);
  let count = 0;
  for (const t of tokenize(rest)) {
    if (GENERIC_WORDS.has(t.norm) || maskedWords.has(t.norm)) continue;
    // ratings and quoted words are strong evidence of specifics
    count += /\d/.test(t.norm) ? 2 : 1;
  }
  if (/["“”]/.test(text)) count += 1;
  return count;
}

/** At least this many specific words make a field's text member-specific rather than generic. */
export const SPECIFIC_WORDS_NEEDED = 4;
/** A narrative sentence already carries a cue word, so it needs fewer specific words. */
export const SPECIFIC_WORDS_IN_CUE_SENTENCE = 3;

// "Goal 1.2", "Objective 2.1", "Obj. 1.3", "plan goal 3.1", "TP goal #2", "goals 1 and 2"
// (a wrapped line may put the number on the next line)
export const GOAL_REFERENCE = /\b(?:goal|objective|obj\.?)s?[ \t]*(?:\r?\n|\r)?[ \t]*(?:#|no\.?|number)?[ \t]*[:\-]?[ \t]*\d+[a-z]?(?:\.\d+[a-z]?)*\b/gi;
// "treatment plan goal of ...", "tx plan objective: ...", "TP goal: ..." (a goal in words)
// The goal must be named: "treatment plan goal of ...", "TP goal: ...". "Progress toward his treatment
// goals" names none.
export const PLAN_GOAL_IN_WORDS = /\b(?:(?:treatment|tx|tp)\s+plan|tp|tx|treatment)\s+(?:goals?|objectives?)\s*(?:[:\-–—(#]|of\b|to\b|is\b|for\b|\d)/i;


/** True when the text refers to a treatment-plan goal; such sentences describe targets, not events. */
export function mentionsPlanGoal(text: string): boolean {
  GOAL_REFERENCE.lastIndex = 0;
  return GOAL_REFERENCE.test(text) || PLAN_GOAL_IN_WORDS.test(text);
}

// Narrative cues. A sentence with one of these shows what the member did in the group.
export const PARTICIPATION_CUE =
  /\b(?:describ|shar|disclos|report|talk|spok|speak|stat|said|says|discuss|explain|identif|practi[cs]|role-?play|rehears|ask|offer|gave|give|provid|complet|participat|engag|contribut|open|present|process|express|acknowledg|admit|reflect|challeng|volunteer|walk\w* the group|check(?:ed)?-in|quiet|silent|withdrawn|declin|refus|did not (?:speak|share|participate|engage|talk)|camera|typed|chat|arriv|left|rat|named|came up with|worked|listen|nodd|join|led|told|mention|brought|cried|wrote|read|demonstrat|modeled|modelled|used)\w*/i;

// "When the facilitator suggested X, she agreed ...": a reaction to an intervention or to feedback.
// Such a sentence documents a response; on its own it does not show what the member brought.
export const REACTION_TO_OTHERS =
  /(?:^|[.;:,]\s*|\b(?:and|then|but)\s+)(?:when|after|once)\s+(?:the\s+|a\s+|another\s+|other\s+|two\s+|several\s+)?(?:facilitator|co-?facilitator|therapist|clinician|counselor|leader|group|peers?|members?|staff|writer|provider|others)\b/i;

// A sentence with one of these shows how the member responded to an intervention or feedback.
// Grouped by what they recognise; joined into one expression below.
const RESPONSE_PATTERNS: string[] = [
  // words of reaction and outcome
  String.raw`respond\w*|response|react\w*|tolerat\w*|accept\w*|reject\w*|agreed|declin\w*|refus\w*|resist\w*|receptive|benefit\w*|help(?:ed|ful)`,
  String.raw`demonstrat\w*|verbali[sz]\w*|acknowledg\w*|recogni[sz]\w*|reali[sz]\w*|insight|noticed|relieved|proud|crest\w*|credited|faded|survivable`,
  String.raw`was able to|were able to|committed to|willing to|open to|followed through|booked|upgraded|revised|re-?rated|thanked|pleased|surprised`,
  String.raw`shrugged|apologi[sz]ed|nodded|teared up|tearful|laughed|smiled|went quiet|asked to join|took (?:the )?feedback|shook (?:her|his|their) head`,
  String.raw`did not (?:respond|engage|join|try|attempt|complete|accept)|did not want to (?:do|try|join|share|participate|practice)|chose not to`,
  // states the member showed or reported
  String.raw`(?:appeared|seemed|looked|was|became) (?:visibly )?(?:relieved|calmer|more|less|tearful|hopeful|steadier|defensive|irritable|engaged|animated|surprised|encouraged|discouraged)`,
  String.raw`(?:was|became|got|appeared|seemed) (?:guarded|dismissive|resistant|teary|emotional|frustrated|irritated|upset|annoyed|embarrassed|motivated|interested|curious|silent, then)`,
  String.raw`felt\s+["“']?\w|reported feeling|feel(?:s|ing)? (?:steadier|better|calmer|relieved|worse|more|less|hopeful|understood|supported|heard|validated|lighter|proud|useful|safer|stronger)`,
  String.raw`less (?:anxious|distressed)|more (?:confident|hopeful|willing)|ended on its own|less than (?:I|she|he|they) (?:thought|expected)|harder than|easier than|made it easier`,
  String.raw`made (?:it|him|her|them|me)\W+(?:\w+\W+)?(?:feel|think|obvious|clear|real|easier|harder|realize|see|want)`,
  // change over the session: before/after ratings
  String.raw`rat(?:ed|ing)\b[^.;]*?\b(?:after|afterwards|falling|fell|dropp\w*|decreas\w*|down|to \d|from \d)`,
  String.raw`(?:decreas|reduc|improv|increas|dropp|lower|peak|eas|subsid|settl)(?:ed|ing|es|e)\b|fell|falling|\(was \d+\)`,
  String.raw`\d+\s*(?:\/\s*10|%)\s+(?:after|afterwards|at (?:the )?end|post)\b|\bafter\b[^.;]*\d+\s*(?:\/\s*10|%)|\d+\s*\/\s*10\b[^.;]*?\b\d+\s*\/\s*10|\d+\s*%[^.;]*?\b\d+\s*%`,
  String.raw`\d+(?:\s*\/\s*10|%)? at (?:the )?start\b[^.;]*\d+(?:\s*\/\s*10|%)? (?:at (?:the )?end|after)|\d+(?:\/10|%)?\s*(?:->|-->|→|=>)\s*\d+|from \d+(?:\/10|%)? to \d+`,
  String.raw`(?:reported|said|stated|noticed|described)\b[^.;]*\bafter(?:ward|wards)?\b`,
  // what the member said about the exercise, the group or a peer's idea, or will do next
  String.raw`said (?:that )?(?:he|she|they|I)(?:['’]d| would| will| could| can| might| wants?| plans?| is going| was going| needs? to)`,
  String.raw`said (?:it|this|that)\b|said that (?:it|this)\b|said (?:afterward|afterwards|after|at the (?:end|close))`,
  String.raw`said (?:the (?:[\w-]+ )?(?:exercise|skill|drill|role-?play|practice|column|worksheet|group|feedback|breathing|handout|activity|sort|meditation|technique|letter|log|chain|plan)s?)\b`,
  String.raw`\b(?:idea|suggestion|feedback|advice|tip|point)s?\b[^.;]*\b(?:was|were|is|helped|made|good|useful|worked|stuck)\b`,
  // a reaction to someone else's intervention
  String.raw`\b(?:when|after|once) (?:the |a |another |two |several )?(?:facilitator|co-?facilitator|therapist|clinician|counselor|leader|group|peers?|members?|staff)\b`,
  String.raw`(?:facilitator|co-?facilitator|therapist|clinician|group|peers?|members?|staff) (?:[\w-]+ ){0,4}?(?:encouraged|suggested|pointed out|reflected|validated|challenged|invited|praised|reinforced|explained|offered|gave|asked|prompted|coached|redirected)\b[^.]*?[;,]\s*(?:and |then )?(?:she|he|they|pt|client|member)\b`,
];
export const RESPONSE_CUE = new RegExp(`\\b(?:${RESPONSE_PATTERNS.join('|')})`, 'i');
