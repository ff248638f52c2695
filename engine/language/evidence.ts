// What a sentence documents about the member, read from its clauses (clauses.ts):
// participation is something the member said (with content) or did in this session's group
// work; a response is the member's reaction to something done in the session (an intervention,
// a prompt, feedback), shown in the same or the previous sentence.
// The standard these follow is summarised in docs/rules/participation-missing.md and
// docs/rules/response-missing.md.

import { analyseSentence, complement, type Clause, type Word } from './clauses.js';
import {
  AVOIDANT_WORDS, CHANGE_VERBS, FUNCTION_WORDS, INTERVENTION_NOUNS, INTERVENING_VERBS, LEVEL_WORDS, MSE_WORDS,
  NOT_ACT_VERBS, PEER_PEOPLE, REACTION_WORDS, REPORT_VERBS, SPEECH_VERBS, STATUS_WORDS, UPTAKE_VERBS, STAFF_NOUNS,
} from './lexicon.js';

export interface SentenceEvidence {
  participation: boolean;
  /** a reaction of the member to something done in the session */
  response: boolean;
  /** the sentence names an intervention, a prompt or feedback a reaction can answer */
  elicitor: boolean;
  /** the sentence holds a member reaction that still needs something to react to */
  reaction: boolean;
}

export interface EvidenceOptions {
  /** words of the member's own names */
  ownWords: ReadonlySet<string>;
  /** words of every member's names, which are never content */
  nameWords: ReadonlySet<string>;
  /** words of the shared section: topic words that a weak verb ("discussed") cannot make specific */
  sharedWords: ReadonlySet<string>;
}

const SCREEN_VERB = /^(?:den(?:y|ies|ied)|endors(?:e|es|ed))$/;
// "Drove in from Beaumont", "came straight from work", "walked in late": getting to the group is logistics
const TRAVEL_VERB = /^(?:drove|drives|drive|flew|rode|rides|walked|walks|came|comes|arrived|arrives|commuted|commutes|travell?ed|biked|cycled)$/;
function travels(clause: Clause): boolean {
  return TRAVEL_VERB.test(verbOf(clause)) && /^(?:in|here|over|back|straight|late|early|from|to (?:the )?(?:group|session|program|clinic|meeting|office))\b/.test(complement(clause).map((w) => w.lower).join(' '));
}
/**
 * Neither an act nor a reaction of the member: the answer to a risk or symptom screen ("Denies SI/HI",
 * "denies hearing voices", "endorses cravings") is a status, and getting to the group is logistics.
 */
function screenOrTravel(clause: Clause): boolean {
  // ("Suicidality: denied, credibly distanced": the answer alone)
  return (SCREEN_VERB.test(verbOf(clause)) && (statusReport(clause) || complement(clause).every((w) => w.mark || FUNCTION_WORDS.has(w.lower)))) || travels(clause);
}

/** The clause's words in lower case, without punctuation, as one string. */
function plainText(words: Word[]): string {
  return words.filter((w) => !w.mark).map((w) => w.lower).join(' ');
}

const HISTORY_REMARK = /^(?:that )?(?:it|this|things|life|she|he|they|i|we) (?:has|have|'s|'ve)(?: not| never| really| always| just)? been\b/;
const PROMPT_PARTICIPLE = /^(?:asked|prompted|invited|given|encouraged|challenged|coached|shown|offered|reminded|redirected|questioned|pressed|praised)$/;

// "Reports low mood and poor sleep since the divorce": a report whose object is a status; what
// follows is its context
function statusReport(clause: Clause): boolean {
  // ("reports hearing voices", "endorses having nightmares": a verb of experiencing before the symptom)
  // ("reports 12 days abstinent": a count of days is the measure of a status, not its content)
  const first = complement(clause).find((w) => !FUNCTION_WORDS.has(w.lower) && !EMPTY_MODIFIERS.has(w.lower) && !/^\d/.test(w.lower) && !ADDRESSEES.has(w.lower) && !/^(?:low|high|poor|good|bad|more|less|some|increased|decreased|ongoing|continued|hearing|seeing|having|experiencing|noticing)$/.test(w.lower));
  // "reports taking olanzapine as prescribed": adherence to a prescription is a status
  if (/\bas prescribed\b/.test(plainText(complement(clause)))) return true;
  if (!first || !STATUS_WORDS.has(first.lower) || first.quoted) return false;
  // "said she lost a friend to an overdose in May and still has his number": an event told with
  // its particulars, where the status word is one of many
  const content = complement(clause).filter((w) => !w.mark && !w.quoted && !FUNCTION_WORDS.has(w.lower) && !EMPTY_MODIFIERS.has(w.lower) && !/^\d/.test(w.lower) && !MONTHS_AND_DAYS.test(w.lower));
  const status = content.filter((w) => STATUS_WORDS.has(w.lower) || MSE_WORDS.has(w.lower) || LEVEL_WORDS.has(w.lower) || GENERIC_TOPIC.has(w.lower));
  return content.length < 5 || status.length * 3 >= content.length;
}
const CLEAN_TIME = /\b\d+ (?:days?|weeks?|months?|years?) (?:clean|sober|abstinent|without|since (?:his |her |their )?last)\b|\b(?:clean|sober|abstinent) (?:for|since) \d/;
// whom a status is told to ("told the group he has 60 days clean")
const ADDRESSEES = new Set('group peers everyone others staff facilitator facilitators leader leaders members'.split(' '));
const MONTHS_AND_DAYS = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|weekend|today|yesterday|night|nights|morning|evening|hours?|hrs?)$/;

// "said he drank so he would never have to ask anyone for help": a status the member explains (a
// reason or a consequence with content of its own) is what they brought to the group
function explainsStatus(clause: Clause, options: EvidenceOptions): boolean {
  const words = complement(clause);
  const at = words.findIndex((w, i) => w.lower === 'because' || (w.lower === 'so' && /^(?:that|he|she|they|i|we|nobody|no one)$/.test(words[i + 1]?.lower ?? '')));
  if (at < 0) return false;
  return words.slice(at + 1).filter((w) => isContent(w, options) && !STATUS_WORDS.has(base(w.lower)) && !LEVEL_WORDS.has(base(w.lower)) && !GENERIC_TOPIC.has(base(w.lower)) && !EMPTY_MODIFIERS.has(w.lower) && !/^(?:nothing|anything|something|everything)$/.test(w.lower)).length >= 2;
}

// "took an active part in", "takes part", "made progress toward goals": stock phrases for participating
function tookPart(clause: Clause): boolean {
  if (/^(?:made|makes|make|making|showed|shows|show)$/.test(verbOf(clause)) && /^(?:some |good |steady |slow |little |minimal |fair |significant )?progress\b/.test(complement(clause).map((w) => w.lower).join(' '))) return true;
  return /^(?:took|take|takes|taking)$/.test(verbOf(clause)) && /^(?:an? |full |some )?(?:\w+ )?part\b/.test(complement(clause).map((w) => w.lower).join(' '));
}

// "Found the mapping exercise helpful", "finds group useful": the stock verdict, as "said it was
// helpful" (a reason or a quote after it is more than the verdict)
function foundItVerdict(clause: Clause): boolean {
  if (!/^(?:found|finds|find)$/.test(verbOf(clause))) return false;
  const rest = complement(clause);
  const last = rest[rest.length - 1];
  return !!last && !last.quoted && GENERIC_VERDICT.has(last.lower) && !rest.some((w) => w.quoted || /^(?:because|since|as|when|that)$/.test(w.lower));
}

const STOCK_TAKING = /^(?:the |her |his |their |all )?(?:consequences?|feedback|redirection|redirects?|limits?|correction|praise|support|instructions?|directions?|prompts?|suggestions?)(?: from (?:staff|peers|the group|the leader|the facilitator))? (?:appropriately|well|positively|graciously|calmly|without (?:incident|complaint|argument))$/;

// What is taken or used for reasons of logistics, not as part of the group's work, and roles
// ("took on the role of encourager" is a trait of the member in the group, not an act)
const LOGISTICS = new Set('role roles part parts break breaks seat seats restroom bathroom toilet medication medications meds medicine pill pills dose doses call calls phone notes water snack snacks coffee bus taxi ride elevator stairs time minute minutes day days off leave shower nap'.split(' '));

// Leaving counts when it is walking out: the room or the group, abruptly, rather than staying, or
// early with no errand named ("left within ten minutes"; not "left after twenty minutes for ward round")
// "released from county jail three weeks ago": an act dated weeks or months back is history
const LONG_AGO = /\b(?:\d+|a|one|two|three|four|five|six|several|few|couple of) (?:weeks?|months?|years?) ago\b/;
const LEAVING_THE_GROUP = /^(?:the (?:room|group|circle|session|table|call|meeting|exercise)|mid|during|in the middle|without|abruptly|early and did not|rather than|instead of)|^(?:early|halfway|part way|before the end|(?:after|within) (?:\w+ )?(?:\d+|a few|ten|five|fifteen|twenty|thirty|forty) minutes)(?![^.;]*\b(?:for|because|due to|to (?:attend|catch|get|see|make|pick|go to))\b)/;
const OUTSIDE_SESSION = /\b(?:after|before) (?:the )?(?:group|session|meeting|class)\b(?! (?:ended|began|started|closed))|\bon the way (?:home|in|out)\b|\bin the (?:parking lot|lobby|waiting room)\b/;

const AUXILIARY_BEFORE_NOT = new Set('did does do was were is are has have had could would will can'.split(' '));

// Verbs that carry no content of their own in a stated intention ("would like to make it part of his day")
const LIGHT_VERBS = new Set('like love want make made use try keep do get put take continue practice practise practising practicing work start'.split(' '));

// A show of feeling while the member was telling their own story ("tearful while describing Saturday")
// is affect during participation, not a reaction to anything done
const WHILE_TELLING = /\b(?:while|when|as) (?:describing|telling|talking|sharing|discussing|recounting|speaking|explaining|reading|relating|remembering|reminiscing)\b/;
const AFFECT_WORDS = /^(?:and|anxious|nervous|shaky|tense|tearful|teary|cried|crying|cries|emotional|shaking|shook|trembling|flushed|choked|angry|animated|upset|sobbing|sobbed|became|was|appeared|seemed|visibly|briefly|client|member|patient|he|she|they)$/;

/** "Client tearful while describing Saturday": a show of feeling while the member was telling their own story. */
function affectWhileTelling(clauses: Clause[], index: number, options: EvidenceOptions): boolean {
  const affect = (w: Word) => AFFECT_WORDS.test(w.lower) || options.ownWords.has(w.lower);
  const affectOnly = (clause: Clause) => clause.words.filter((w) => !w.mark && !w.quoted).every(affect);
  // the telling in the same clause ("tearful while remembering her father")
  const plain = clauses[index].words.filter((w) => !w.mark && !w.quoted);
  if (WHILE_TELLING.test(plain.map((w) => w.lower).join(' '))) return plain.slice(0, plain.findIndex((w) => /^(?:while|when|as)$/.test(w.lower))).every(affect);
  if (!affectOnly(clauses[index])) return false;
  // "Client tearful and anxious while describing this": past further affect to the telling
  for (let k = index + 1; k < clauses.length; k++) {
    const opening = clauses[k].words.filter((w) => !w.mark).slice(0, 2).map((w) => w.lower).join(' ');
    if (WHILE_TELLING.test(opening)) return true;
    if (!affectOnly(clauses[k])) return false;
  }
  return false;
}

// Modifiers that make no content of their own ("her first full week", "the same")
const EMPTY_MODIFIERS = new Set("maybe perhaps probably one two three four five six seven eight nine ten eleven twelve couple several get getting knowing somewhat off on bit little kind sort first full new less more last next other same whole entire own various many few some hasn't haven't isn't wasn't didn't doesn't don't can't won't i'm it's that's crying cried waking woke wake awake asleep".split(' '));

// What a weak verb's object may be without saying anything ("shared her feelings").
const GENERIC_TOPIC = new Set('understanding insight benefit benefits plan plans responses response support feedback memories memory loved one loss grief triggers trigger personal general terms detail details content depressive symptoms feelings feeling thoughts thought experiences experience concerns concern struggles struggle progress week story stories stressors stressor issues issue emotions emotion anxiety depression coping skills skill topic topics material things situation situations life day recovery'.split(' '));
// Verbs whose object may be only the session's topic ("discussed relapse triggers").
const WEAK_SPEECH = new Set('identify identifies identified list lists listed mention mentions mentioned raise raises raised discuss discusses discussed talk talks talked speak speaks spoke process processes processed explore explores explored reflect reflects reflected share shares shared voice voices voiced express expresses expressed'.split(' '));
// Verbs of taking part that say nothing by themselves.
const STOCK_ACT = new Set('chat chats chatted chatting socialize socializes socialized socialise socialises socialised mingle mingles mingled continue continues continued continuing make makes making participate participates participated engage engages engaged interact interacts interacted benefit benefits benefited benefitted tolerate tolerates tolerated enjoy enjoys enjoyed appear appears appeared seem seems seemed respond responds responded demonstrate demonstrates demonstrated verbalize verbalizes verbalized verbalise verbalised show shows'.split(' '));
const EVALUATIVE = new Set('mean harsh rude kind gentle bad useful helpful helped helps worked works easier harder awkward doable possible weird odd silly strange scary better worse safer stronger calmer clearer manageable relieved relief lighter comforted hopeful pointless stupid boring dumb fake corny cheesy overdue good great nice hard tough uncomfortable comfortable easy difficult'.split(' '));
const AFFECT_ONLY = /^(?:tearful|teary|emotional|smile[sd]?|laugh(?:s|ed)?|cr(?:y|ied|ies)|teared|grin(?:ned|s)?|sigh(?:ed|s)?|nod(?:ded|s)?|blush(?:ed|es)?)$/;
const GENERIC_VERDICT = new Set('helpful useful helped helps good great nice beneficial positive interesting better worked works'.split(' '));
const REACTION_ADJECTIVES = new Set('pleased proud relieved calmer steadier skeptical sceptical dismissive defensive hopeful open resistant reluctant hesitant surprised embarrassed irritated annoyed frustrated guarded unsettled relaxed tense angry amused moved encouraged discouraged'.split(' '));
const SELF_ELICITING = /^(?:agree[sd]?|accept(?:s|ed)?|decline[sd]?|refuse[sd]?|negotiated)$/;
// a line of a form that opens with its own label ("Notes: ...", "Homework achieved: ...")
const LABELLED_LINE = /\r?\n(?=[ \t]{0,8}(?:[-*+][ \t]{1,4})?(?:\*\*)?\p{Lu}[\p{L} '’/-]{0,30}:(?:\*\*)?[ \t])/u;
const INLINE_LABEL = /^\s*(?:[-*+]\s+)?(?:\*\*)?[A-Z][\w '’/-]{0,30}:(?:\*\*)?\s+/;
const CHECKBOX = /\[[ xX✓✔*]\]|[☐☑☒]/;
// form items rated with a number, two or more in a row or separated by "|"
const RATED_ITEM = /(?:^|\|)[ \t]{0,8}[\p{L}][^:|\n]{0,80}:[ \t]{0,8}\d{1,3}(?:[ \t]{0,4}\/[ \t]{0,4}\d{1,3})?[ \t]{0,8}(?=\||$|\n)/gmu;
const RATED_ITEMS = /:[ \t]{0,8}\d{1,3}[ \t]{0,8}\|[^|\n]{1,80}:[ \t]{0,8}\d{1,3}/;
// a checkbox with its option label (at most four words, on its line), and a label before the first box
// (runs of spaces are bounded: an unbounded run, tried at every position of a long one, is quadratic)
const CHECKBOX_OPTION = /(?:^[ \t]{0,8}(?:[-*+][ \t]{1,4})?[\p{L}][\p{L} /-]{0,30}:)?[ \t]{0,8}(?:\[[ xX✓✔*]\]|[☐☑☒])(?:[ \t]{0,4}[\p{L}\d][\p{L}\d/'’-]{0,30}){0,4}[ \t]{0,4}[.,;]?/gmu;
const EXERCISE_VERB = /^(?:attempt(?:ed|s)?|role-?play(?:ed|s)?|practi[cs](?:ed|es|e)|rehears(?:ed|es|e)|tr(?:ied|ies|y)|worked|did|completed|completes)$/;
// Doing the exercise itself, or an ordinary act, is not a reaction to it
const NOT_UPTAKE = /^(?:attempt(?:ed|s)?|role-?play(?:ed|s)?|practi[cs](?:ed|es|e)|rehears(?:ed|es|e)|tr(?:ied|ies|y)|did|complet(?:ed|es|e)|rat(?:ed|es|e)|read|reads|wrote|writes|filled|fill|use|used|uses|answer(?:ed|s)?|respond(?:ed|s)?|show(?:ed|s)?|volunteer(?:ed|s)?|hold|held|keep|kept|follow(?:ed|s)?|call(?:ed|s)?|text(?:ed|s)?|finish(?:ed|es)?|mark(?:ed|s)?|ask(?:ed|s)?)$/;
const NEGATED_RESPONSE = /^(?:respond|answer|engage|try|attempt|practi[cs]e|participate|join|complete|do|accept|want|share|speak|talk|comment|look|open|say)/;
// "SUDS 55 -> 20", "distress 8/10 before, 3/10 after", "6 at check-in and 3 at close", "down from 85":
// a rating that changed
const ARROW_CHANGE = /\b\d{1,3}\s*(?:%|\/\s*10)?\s*(?:->|-->|→|=>)\s*\d{1,3}\b/;
const RATING_NOUN = /\b(?:suds|distress|anxiety|urges?|cravings?|pain|fear|anger|belief|tension|mood|thermometer|rat(?:ed|ing|es)|dread|worry|confidence|panic|score|sadness|shame|guilt|hopelessness|motivation|willingness)\b|\d\s*(?:\/\s*10|%)/i;
const START_WORD = /\b(?:before|at (?:the )?(?:start|beginning|outset|open(?:ing)?|check-?in|arrival)|pre|initially|at first|peaked)\b/i;
const END_WORD = /\b(?:after(?:wards?)?|at (?:the )?(?:end|close|check-?out)|by (?:the )?(?:end|close)|post|then|fell|dropped|down to)\b/i;
const FROM_TO = /\b(?:down|up|dropp(?:ed|ing)|fell|fall(?:ing)?|went|moved|decreas(?:ed|ing)|increas(?:ed|ing)|improv(?:ed|ing)|rose|revised|re-?rated|lowered|raised|adjusted|brought [\w ]{1,20}?)\s+(?:from\s+)?[^.;]{0,25}?\bto\b|\b(?:down|up) from \d|\bfrom\s+(?:a\s+)?\d{1,3}\b[^.;]{0,25}?\bto\b/i;
/** The ratings written out in the text ("8/10", "40%"). */
export function ratingValues(text: string): string[] {
  return text.match(/\b\d{1,3}\s*(?:\/\s*10|%)/g) ?? [];
}

export function ratingChanged(text: string): boolean {
  // a trend since intake or over the term is progress, not a reaction in this session
  if (/\b(?:intake|baseline|admission|term|semester|last month|months? ago)\b/i.test(text)) return false;
  if (ARROW_CHANGE.test(text)) return true;
  if (!RATING_NOUN.test(text)) return false;
  if (/\d\s*(?:\/\s*10|%)?\s*(?:vs\.?|versus)\b[^.;\d]{0,15}\d/i.test(text)) return true;
  const numbers = text.match(/\b\d{1,3}\b/g) ?? [];
  if (FROM_TO.test(text)) return true;
  const ratings = ratingValues(text);
  return numbers.length >= 2 && ((START_WORD.test(text) && END_WORD.test(text)) || RATING_CHANGE.test(text) || (ratings.length >= 2 && END_WORD.test(text)));
}
const RATING_CHANGE = /\b(\d{1,3})(?:\s*\/\s*10|\s*%)?\b[^.;]{0,80}?\b(?:then|after|afterwards?|to|down to|up to|dropped to|fell to|rose to|by the end|at the end|post)\b[^.;]{0,40}?\b(\d{1,3})\b|\b(?:before|at (?:the )?start)\b[^.;]{0,60}?\b\d{1,3}\b[^.;]{0,60}?\b(?:after|at (?:the )?end)\b/i;

function base(w: string): string {
  return w.replace(/'s$/, '');
}

function isContent(w: Word, options: EvidenceOptions): boolean {
  const x = base(w.lower);
  return !w.mark && !FUNCTION_WORDS.has(x) && !options.nameWords.has(x) && !/^\d/.test(x);
}

/** Content words of a clause's complement that are not level, status or mental-status words. */
function specificWords(clause: Clause, options: EvidenceOptions, drop: ReadonlySet<string>[]): Word[] {
  return complement(clause).filter((w) => isContent(w, options) && !drop.some((set) => set.has(base(w.lower))));
}

function specific(words: Word[], options: EvidenceOptions): Word[] {
  return words.filter((w) => isContent(w, options) && !LEVEL_WORDS.has(base(w.lower)) && !GENERIC_TOPIC.has(base(w.lower)) && !EMPTY_MODIFIERS.has(w.lower));
}

function verbOf(clause: Clause): string {
  return clause.verb >= 0 ? clause.words[clause.verb].lower : '';
}

/** The clause shows something the member said with content, or did, in this session. */
export function clauseIsParticipation(clause: Clause, options: EvidenceOptions): boolean {
  if (clause.actor !== 'member' || clause.verb < 0 || clause.habitual) return false;
  const verb = verbOf(clause);
  if (screenOrTravel(clause)) return false;
  // "When asked about work, ...": the prompt is the leader's act; what the member did follows it
  if (clause.prompted && clause.opener !== null && !clause.explicitActor && PROMPT_PARTICIPLE.test(verb)) return false;
  const after = complement(clause).map((w) => w.lower).join(' ');
  // "acted as the group's timekeeper", "served as scribe": a role in the group, not an act with content
  // (a part in an exercise is doing the exercise: "served as the observer in his triad")
  if (/^(?:acted|acts|served|serves|functioned|functions)$/.test(verb) && /^as\b/.test(after) && !/\b(?:triad|dyad|pair|role-?play|scene|exercise|drill|rehearsal|game|skit)\b/.test(after)) return false;
  // "left for a dosing appointment" is logistics; walking out or leaving mid-group is documented
  if (/^(?:leave|leaves|left)$/.test(verb)) return LEAVING_THE_GROUP.test(after);
  if (AVOIDANT_WORDS.has(verb) && !clause.future) return true;
  // "Mask: not completed", "Homework not turned in": the state of a task (a participle without "did"), not an act
  if (clause.negated && !clause.explicitActor && /ed$/.test(verb) && clause.words[clause.verb - 1]?.lower === 'not' && !clause.words.slice(0, clause.verb).some((w) => AUXILIARY_BEFORE_NOT.has(w.lower))) return false;
  if (clause.negated) return !clause.future && (SPEECH_VERBS.has(verb) || /^(?:participat|engag|join|rejoin|return|come|tak|tr(?:y|ied)|answer|want|complet|do|volunteer|offer|contribut|open|say|write|practi)/.test(verb));
  // "said no to her sister", "came up with telling her roommate ...": acts written with common verbs
  if (/^(?:said|says)$/.test(verb) && /^(?:no|yes)\b/.test(after)) return true;
  if (/^(?:came|comes|come)$/.test(verb) && /^up with\b/.test(after)) return specificWords(clause, options, [LEVEL_WORDS, GENERIC_TOPIC, EMPTY_MODIFIERS]).length >= 2;
  // "Gets involved in the dynamics": a level, unless the involvement is named ("got involved in the role-play as the landlord")
  if (/^(?:gets?|got|getting|becomes?|became)$/.test(verb) && /^involved\b/.test(after)) return specificWords(clause, options, [LEVEL_WORDS, GENERIC_TOPIC, EMPTY_MODIFIERS, INTERVENTION_NOUNS, options.sharedWords]).filter((w) => !/^(?:involved|dynamics?|activities|activity|process)$/.test(w.lower)).length >= 2;
  // "Finished the session seated", "stayed for the whole group": attendance
  if (/^(?:finished|finishes|finish|stayed|stays|stay)$/.test(verb) && /^(?:the (?:whole |full |entire )?(?:session|group|class|hour|meeting)|for the (?:whole |full |entire |rest of the )?(?:session|group|class|hour|meeting))\b/.test(after)) return false;
  if (/^(?:completed|completes|complete)$/.test(verb)) return specificWords(clause, options, [LEVEL_WORDS, MSE_WORDS, STATUS_WORDS, GENERIC_TOPIC, EMPTY_MODIFIERS, INTERVENTION_NOUNS]).length >= 2;
  // agreeing, nodding, laughing: a reaction to someone else, not what the member brought
  if (/^(?:agree[sd]?|accept(?:s|ed)?|nod(?:s|ded)?|smile[sd]?|laugh(?:s|ed)?|thank(?:s|ed)?)$/.test(verb)) return false;
  if (clause.future) return false;
  if (STOCK_ACT.has(verb) || tookPart(clause) || foundItVerdict(clause)) return false;
  // "gave a peer a ride home after group": before or after the session is not the group's work
  // (what the member told or brought up may have happened after class: the telling is in the session)
  if ((OUTSIDE_SESSION.test(after) || LONG_AGO.test(after)) && !SPEECH_VERBS.has(verb) && !/^(?:brought|brings|bring)$/.test(verb)) return false;
  // "Voices 'a bit louder this week'", "Voices quieter": the symptom (heard voices), not the verb
  if (/^voices?$/.test(verb) && !clause.explicitActor && clause.words.findIndex((w) => !w.mark) === clause.verb) {
    const next = clause.words[clause.verb + 1];
    if (next && (next.quoted || /^(?:are|were|louder|quieter|softer|present|persist|persistent|less|more|worse|better|still|again|intermittent|constant|command)$/.test(next.lower))) return false;
  }
  // "Blunted affect", "Dressed appropriately": a mental-status phrase whose first word reads as a verb
  if (MSE_WORDS.has(verb) && !/^present/.test(verb) && MSE_WORDS.has(clause.words[clause.verb + 1]?.lower ?? '')) return false;
  if (/^(?:was|were|is|are|am|be|been|became|becomes|become|remained|remains|seemed|appeared|looked)$/.test(verb)) return false;
  if (SPEECH_VERBS.has(verb)) {
    const weak = WEAK_SPEECH.has(verb);
    const report = REPORT_VERBS.has(verb);
    const drop = [LEVEL_WORDS, MSE_WORDS, STATUS_WORDS, EMPTY_MODIFIERS, GENERIC_TOPIC, INTERVENTION_NOUNS, EVALUATIVE, ...(weak ? [options.sharedWords] : [])];
    const content = specificWords(clause, options, drop);
    // a quoted verdict ('said group was "nice"') says nothing the member brought
    const quoted = complement(clause).filter((w) => w.quoted && isContent(w, options) && !STATUS_WORDS.has(w.lower) && !EMPTY_MODIFIERS.has(w.lower) && !EVALUATIVE.has(w.lower) && !GENERIC_VERDICT.has(w.lower) && !MSE_WORDS.has(w.lower) && !LEVEL_WORDS.has(w.lower));
    // "States he needs housing and a job", "reports wanting to move": a need or a wish alone
    if (report && /^(?:report|reports|states|state|endorses|endorse|indicates|expresses|verbalizes|verbalises)$/.test(verb) && /^(?:that )?(?:(?:he|she|they|i) )?(?:needs?|wants?|wanting|would like|hopes?|hoping|wishes|wishing|plans?|planning|intends?)\b/.test(after) && !explainsStatus(clause, options)) return false;
    // "Reports she has been drumming on a bucket at home most evenings": a report of the time up to now is a status
    if (report && /^(?:report|reports|states|state|endorses|endorse|indicates|notes|says)$/.test(verb) && HISTORY_REMARK.test(after) && !explainsStatus(clause, options)) return false;
    if (report) return (!statusReport(clause) || explainsStatus(clause, options)) && (content.length >= 2 || quoted.length >= 1);
    // "told the group he has 60 days since last use", "said she is 3 weeks sober": clean time told is a status
    if (CLEAN_TIME.test(plainText(complement(clause))) && !explainsStatus(clause, options) && content.length <= 4) return false;
    // a disclosure verb ("described the raisin", "called her aunt") needs less than a weak one ("shared her feelings")
    return content.length >= (weak ? 2 : 1) || quoted.length >= 1;
  }
  // "joined in modelling the real one": taking part in a named activity
  if (/^(?:join|joins|joined)$/.test(verb) && complement(clause)[0]?.lower === 'in') return specificWords(clause, options, [LEVEL_WORDS, MSE_WORDS]).length >= 2;
  // "used the format with a housemate: '...'": what they said in the exercise, quoted
  if (complement(clause).filter((w) => w.quoted && isContent(w, options) && !STATUS_WORDS.has(w.lower)).length >= 3) return true;
  // "took a pair scenario from the handout", "used paced breathing in the hallway": taking or using
  // something named is an act; a break, a seat, the medication or the restroom is logistics
  if (/^(?:took|take|takes|used|use|uses)$/.test(verb) && !clause.negated) {
    const named = specificWords(clause, options, [LEVEL_WORDS, MSE_WORDS, STATUS_WORDS, GENERIC_TOPIC, EMPTY_MODIFIERS]).filter((w) => !LOGISTICS.has(base(w.lower)));
    if (named.length >= 2 && !complement(clause).some((w) => LOGISTICS.has(base(w.lower)))) return true;
  }
  // "presented her genogram to the group" is an act; "presented as anxious", "presented on time" are not
  if (/^(?:presented|presents)$/.test(verb) && /^(?:her|his|their|a|an|the)\b/.test(after) && specificWords(clause, options, [LEVEL_WORDS, MSE_WORDS, STATUS_WORDS, GENERIC_TOPIC, EMPTY_MODIFIERS]).length >= 1) return true;
  if (NOT_ACT_VERBS.has(verb) || CHANGE_VERBS.has(verb)) return disclosesWhile(clause, options);
  // "brought up money worries" mentions a topic, like "talked about"
  if (/^(?:brought|bring|brings)$/.test(verb) && complement(clause)[0]?.lower === 'up') return specificWords(clause, options, [LEVEL_WORDS, STATUS_WORDS, GENERIC_TOPIC, EMPTY_MODIFIERS, options.sharedWords]).length >= 3;
  // "helped others brainstorm", "supported peers": helping, with nothing said of what the help was, is a role
  if (/^(?:help|helps|helped|support|supports|supported|assist|assists|assisted)$/.test(verb)) return specificWords(clause, options, [LEVEL_WORDS, STATUS_WORDS, GENERIC_TOPIC, EMPTY_MODIFIERS, PEER_PEOPLE, INTERVENTION_NOUNS, options.sharedWords]).length >= 1;
  // any other act with an object: "interrupted two peers", "circled the two bills"
  return specificWords(clause, options, [LEVEL_WORDS, MSE_WORDS, STATUS_WORDS, GENERIC_TOPIC, EMPTY_MODIFIERS]).length >= 1;
}

// "shook while recounting the accident": speech with content in a participle phrase
function disclosesWhile(clause: Clause, options: EvidenceOptions): boolean {
  const words = clause.words;
  for (let i = clause.verb + 1; i < words.length; i++) {
    if (!/ing$/.test(words[i].lower) || !/^(?:while|when|after|before|by|in)$/.test(words[i - 1]?.lower ?? '')) continue;
    const stem = words[i].lower.replace(/ing$/, '');
    if (![`${stem}ed`, `${stem}d`, stem, `${stem}e`, `${stem}ing`].some((form) => SPEECH_VERBS.has(form))) continue;
    const rest = words.slice(i + 1).filter((w) => isContent(w, options) && !LEVEL_WORDS.has(base(w.lower)) && !GENERIC_TOPIC.has(base(w.lower)));
    if (rest.length >= 2) return true;
  }
  return false;
}

// "residential counselor Corinne Vail reports she stays in her room": staff passing on what the
// member does outside the group (collateral, in the present tense of a report) did nothing in the session
function staffCollateral(clause: Clause): boolean {
  return clause.actor === 'staff' && /^(?:reports|states|indicates|notes|describes|says|shares|endorses)$/.test(verbOf(clause));
}

/** Someone named as the source of what was done: "a challenge from Harold", "asked by Dee". */
function namedAsSource(words: Word[], i: number): boolean {
  return i > 0 && /^\p{Lu}/u.test(words[i].text) && /^(?:from|by)$/.test(words[i - 1].lower);
}

const PROCESSING_OPENER = /^(?:then |later )?(?:in|during|at) (?:the )?(?:processing|debrief(?:ing)?|wrap-?up|closing (?:round|circle)|check-?out|processing discussion)\b/;
const OTHERS_IN_GROUP = /^(?:kids|people|members|guys|girls|boys|women|men|vets|veterans|students|moms|dads|mothers|fathers|parents|folks|patients|clients)$/;

/** The clause names something done in the session that a member can react to. */
export function clauseIsElicitor(clause: Clause): boolean {
  if (clause.prompted) return true;
  if (staffCollateral(clause)) return false;
  // "In processing said ...", "During the debrief ...": the group's review of the exercise is what a remark answers
  const plain = plainText(clause.words);
  if (PROCESSING_OPENER.test(plain)) return true;
  // "With group help he traced ...", "with the peers' support": the help is what was done
  if (/^(?:with|after) (?:the )?(?:group's |groups' |peers' |peer |group |staff |some |a peer's |the leader's )?(?:help|support|prompting|coaching|encouragement|feedback)\b/.test(plain)) return true;
  if ((clause.actor === 'staff' || clause.actor === 'peer') && clause.verb >= 0 && !clause.future) return true;
  // the member doing an exercise is itself the intervention a remark or a change answers
  if (clause.actor === 'member' && clause.verb >= 0 && !clause.future && EXERCISE_VERB.test(clause.words[clause.verb].lower)) return true;
  // agreeing, accepting or declining answers a proposal even when the note does not say whose
  if (clause.actor === 'member' && clause.verb >= 0 && SELF_ELICITING.test(clause.words[clause.verb].lower)) return true;
  // "teared up when the group applauded", "did not respond when invited twice": the cause inside the clause
  const text = clause.words.filter((w) => !w.mark && !w.quoted).map((w) => w.lower).join(' ');
  if (/\b(?:when|after|as|once) (?:the group|the others|others|everyone|peers|members|the members)\b/.test(text) || /\b(?:when|after|once|if) (?:invited|asked|prompted|encouraged|offered|challenged|called on)\b|\b(?:invited|asked|prompted) (?:twice|again|three times|by)\b/.test(text)) return true;
  // what the member gives ("offered a peer encouragement") is not something done to them
  const giving = clause.actor === 'member' && /^(?:offer(?:s|ed)?|g[ai]ve|gives|provid(?:es|ed)|shar(?:es|ed)|ask(?:s|ed)?|t[oe]ll?s?|told|show(?:s|ed)|help(?:s|ed)|encourag(?:es|ed)|listen(?:s|ed)|interrupt(?:s|ed)|correct(?:s|ed))$/.test(verbOf(clause));
  // "the co-leader's idea", "the breathing drill", "a peer", "Dee's offer", "after hearing": something done by others
  return clause.words.some((w, i) => {
    if (w.mark) return false;
    // inside a quote only others named as people count ("When everyone was talking ...", "What Dario said")
    // ('"I was surprised that other kids get scared too"': the others in the group, heard in this session)
    if (w.quoted) return /^(?:everyone|everybody|y'all|guys|facilitator|peers?|others)$/.test(w.lower) || (w.lower === 'other' && OTHERS_IN_GROUP.test(clause.words[i + 1]?.lower ?? '')) || (/^\p{Lu}/u.test(w.text) && /^(?:said|says|told|shared)$/.test(clause.words[i + 1]?.lower ?? ''));
    const x = base(w.lower);
    // ("her partner", "his partner": someone in the member's life, not a partner in the exercise)
    if (x === 'partner' && /^(?:her|his|their|my|our)$/.test(clause.words[i - 1]?.lower ?? '')) return false;
    // ("hearing voices" is a symptom, not hearing the others)
    if (STAFF_NOUNS.has(x) || PEER_PEOPLE.has(x.replace(/'$/, '')) || (/^(?:hearing|listening|watching)$/.test(x) && !/^(?:voices|things|noises|sounds)$/.test(clause.words[i + 1]?.lower ?? ''))) return !giving || clause.words.slice(0, i).some((v) => /^(?:when|after|once|as)$/.test(v.lower));
    if (INTERVENTION_NOUNS.has(x)) return !giving;
    // another person's possessive ("Renée's scarf"), not the member's own name
    // ("St. Patrick's Day", "Mother's Day": a possessive inside a proper name is no person's)
    return (i > 0 && /^\p{Lu}/u.test(w.text) && /['’]s$/.test(w.text) && !/^\p{Lu}/u.test(clause.words[i + 1]?.text ?? '')) || namedAsSource(clause.words, i);
  });
}

/** The clause shows the member reacting: uptake, a remark on what was done, a change, or avoidance. */
export function clauseIsReaction(clause: Clause, options: EvidenceOptions, afterElicitor = false, answering = afterElicitor): boolean {
  if (clause.habitual || tookPart(clause) || foundItVerdict(clause)) return false;
  // "Accepted consequence appropriately", "took feedback well": the stock form of taking something
  if (/^(?:accept(?:s|ed)?|t(?:ook|akes?)|receiv(?:es|ed)|handl(?:es|ed))$/.test(verbOf(clause)) && STOCK_TAKING.test(plainText(complement(clause)))) return false;
  const verb = verbOf(clause);
  if (clause.actor === 'body') return clause.verb >= 0 && (CHANGE_VERBS.has(verb) || REACTION_WORDS.has(verb) || /ed$/.test(verb));
  // "Proud when the facilitator pointed this out", "Visibly pleased", "More relaxed by the end"
  const firstWord = clause.words.find((w) => !w.mark && !/^(?:initially|visibly|briefly|somewhat|more|less|very|then|noticeably|clearly|much)$/.test(w.lower));
  if (firstWord && clause.words.indexOf(firstWord) <= 2 && REACTION_ADJECTIVES.has(firstWord.lower)) return specific(clause.words.slice(clause.words.indexOf(firstWord) + 1), options).length >= 1;
  if (clause.actor === 'member' && clause.verb < 0) {
    // "Proud of the bus rides", "Initially dismissive, then ...": a reaction written without a verb
    const first = clause.words.findIndex((w) => !w.mark && !/^(?:initially|visibly|briefly|somewhat|more|less|very|a|bit|then|at|first)$/.test(w.lower));
    const word = clause.words[first]?.lower ?? '';
    return REACTION_ADJECTIVES.has(word) && specific(clause.words.slice(first + 1), options).length >= 1;
  }
  if (clause.actor !== 'member' || clause.verb < 0) return false;
  if (screenOrTravel(clause)) return false;
  const rest = complement(clause);
  const restText = rest.map((w) => w.lower).join(' ');
  // "on the second run she kept her voice flat": a change from one rehearsal to the next
  if (afterElicitor && /^(?:on|by|in|at) (?:the|her|his|their) (?:second|third|next|last|final|another) (?:run|try|attempt|round|take|time|pass|go)\b/.test(plainText(clause.words))) return true;
  // "When a peer suggested turning her chair, she did": doing what was just proposed
  if (afterElicitor && /^(?:did|does)$/.test(verb) && !clause.negated && /^(?:so|it|that|this|both|too)?$/.test(plainText(rest))) return true;
  // "laughed to herself", "smiling to himself at times": a sign of an inner state, not an answer to anyone
  if (/^(?:laugh|smil|grin|giggl|chuckl|mutter|mumbl|talk|whisper)/.test(verb) && /^(?:to (?:herself|himself|themselves|themself|self)|at times|at nothing|inappropriately)\b/.test(restText)) return false;
  // "appeared relieved once the plan was on paper": a stock verb, but a named feeling and its cause
  if (/^(?:appeared|seemed|looked)$/.test(verb) && REACTION_ADJECTIVES.has(rest[0]?.lower ?? '') && /\b(?:once|when|after|as soon as)\b/.test(restText)) return true;
  if (STOCK_ACT.has(verb) && !/^(?:respond|responded|responds)$/.test(verb)) return false;
  if (clause.negated) return NEGATED_RESPONSE.test(verb) && (afterElicitor || clauseIsElicitor(clause) || /\b(?:invited|asked|prompted|encouraged)\b/.test(restText));
  if (/^(?:respond|responded|responds)$/.test(verb)) return /\bby (?:\w+ing)\b|^with (?!(?:a |an )?(?:positive|appropriate|good|favorable|favourable)\b)\w/.test(restText) || rest.some((w) => w.quoted);
  if (/^(?:was|were|is|became|seemed|appeared|looked|felt|feels|feel|got|grew)$/.test(verb)) return rest.some((w) => EVALUATIVE.has(w.lower) || REACTION_ADJECTIVES.has(w.lower) || /^(?:comforted|steadier)$/.test(w.lower));
  // leaving is a reaction only where it is walking out ("left the room when ..."), as for participation
  if (/^(?:leave|leaves|left)$/.test(verb)) return !clause.future && LEAVING_THE_GROUP.test(restText);
  if (AVOIDANT_WORDS.has(verb)) return !clause.future || SPEECH_VERBS.has(verb);
  // agreeing to or accepting something ("agreed to ask about a lab partner"; "when asked, agreed")
  if (SELF_ELICITING.test(verb)) return afterElicitor || specific(rest, options).length >= 1;
  // "wrote the dates in his phone", "wrote it down": keeping what was given
  if (/^(?:wrote|writes|jotted|noted)$/.test(verb) && /\b(?:down|in (?:his|her|their) (?:phone|notebook|planner|calendar)|on (?:a|the|her|his|their) (?:card|hand|list|calendar)|it (?:in|down|on|under|into|onto|beside))\b/.test(restText)) return afterElicitor || rest.some((w) => isContent(w, options));
  // "added her name", "read the new version aloud" after a prompt: taking it up, not talk
  if (afterElicitor && UPTAKE_VERBS.has(verb) && !NOT_UPTAKE.test(verb) && !/^(?:that|how|whether|if)\b/.test(restText) && !rest.some((w) => w.quoted) && specific(rest, options).length >= 1) return true;
  if (SPEECH_VERBS.has(verb)) {
    // "said it has been a hard month", "said he has been 'slipping on weeknights'": a remark about the
    // time up to now tells a history or a status, not how the member took what was just done
    if (!afterElicitor && HISTORY_REMARK.test(restText)) return false;
    // a remark about what was done: a quote with content, a judgement with its reason, a commitment
    const remarkWords = (words: Word[]) => words.filter((w) => isContent(w, options) && !LEVEL_WORDS.has(base(w.lower)) && !STATUS_WORDS.has(base(w.lower)) && !GENERIC_TOPIC.has(base(w.lower)) && !INTERVENTION_NOUNS.has(base(w.lower)) && !EMPTY_MODIFIERS.has(w.lower));
    const quoted = rest.filter((w) => w.quoted);
    if (remarkWords(quoted).filter((w) => !EVALUATIVE.has(w.lower)).length >= 1 && remarkWords(quoted).length >= 2) return true;
    const judged = rest.some((w) => EVALUATIVE.has(w.lower) || REACTION_WORDS.has(w.lower)) || /\bmade (?:her|him|them|me) (?:feel|see|realize|realise|think)\b/.test(restText) || /^(?:that )?(?:(?:she|he|they|i) )?(?:felt|feels|feel|was|got|is) (?:["“]?\w+)/.test(restText) && rest.some((w) => w.quoted);
    const others = remarkWords(rest.filter((w) => !w.quoted)).filter((w) => !EVALUATIVE.has(w.lower));
    if (judged && others.length >= 1) return true;
    if (/^(?:that )?(?:she|he|they|i)(?: would| will|'d| could| can| might| plans? to| is going to| was going to)\b/.test(restText)) return others.filter((w) => !LIGHT_VERBS.has(w.lower)).length >= 1;
    // "said it was ...", "said this helped": a remark about the thing just done ("said that the ..." is not)
    if (/^(?:that )?(?:it|this)\b/.test(restText) && (judged || quoted.length > 0)) return true;
    // a change of feeling about what was named ("felt calmer after the breathing drill"); "said grounding
    // was helpful" alone is the stock verdict
    const felt = rest.some((w) => REACTION_WORDS.has(w.lower) && !GENERIC_VERDICT.has(w.lower));
    if (judged && (quoted.length > 0 || afterElicitor || (felt && clauseIsElicitor(clause)) || /\bafter(?:wards?)?$/.test(restText))) return true;
    // an answer to a question or prompt just given in this sentence
    if (answering) return others.length + quoted.filter((w) => isContent(w, options)).length >= 1;
    return false;
  }
  if (UPTAKE_VERBS.has(verb) && !NOT_UPTAKE.test(verb)) return afterElicitor && (specific(rest, options).length >= 1 || /^(?:it|them|this|that|one)\b/.test(restText));
  if (REACTION_WORDS.has(verb) || CHANGE_VERBS.has(verb)) return true;
  if (INTERVENING_VERBS.has(verb) || NOT_UPTAKE.test(verb)) return false;
  // another act right after a prompt: "circled the one near his bus stop"
  return afterElicitor && !NOT_ACT_VERBS.has(verb) && rest.some((w) => isContent(w, options));
}

/**
 * A member's speech clause with what it reports in the clauses that follow it ("said he drank so he
 * would never have to ask anyone for help", "said it stung because her ex-wife used to say it"):
 * the content of the speech runs on through subordinate clauses of the same member, up to a
 * semicolon, a colon or a clause of someone else. Null when the clause is not such speech.
 */
function withReportedContent(clauses: Clause[], index: number): Clause | null {
  const clause = clauses[index];
  if (clause.actor !== 'member' || clause.verb < 0 || clause.future || clause.habitual || clause.negated) return null;
  if (!SPEECH_VERBS.has(verbOf(clause))) return null;
  let words = clause.words;
  for (let k = index + 1; k < clauses.length; k++) {
    const last = words[words.length - 1];
    if (last?.mark && /^[;:()—–]$/.test(last.text)) break;
    const next = clauses[k];
    const reported = next.actor === 'member' && (next.opener !== null || next.explicitActor);
    if (!reported) break;
    words = words.concat(next.words);
  }
  return words === clause.words ? null : { ...clause, words };
}

/** Evidence of both kinds in one sentence; `elicitedBefore` says the previous sentence named an intervention. */
// "Lost 20 points for horseplay in the dorm (staff report)", "Slept poorly per nursing": what a
// sentence says on someone else's report is collateral
const ON_REPORT = /\((?:per\s|as\s)?(?:staff|nursing|nurse|school|teacher|mother|father|parent|guardian|family|case\smanager|probation|residential\sstaff)(?:\sreport(?:ed|s)?|\snote[sd]?)?\)|\b(?:per|according\sto)\s(?:the\s)?(?:staff|nursing|night\sstaff|school|teacher|mother|father|parents?|guardian|family|case\smanager|probation\sofficer)(?:\sreport)?\b/i;

export function sentenceEvidence(text: string, options: EvidenceOptions, elicitedBefore: boolean, responseField: boolean): SentenceEvidence {
  if (ON_REPORT.test(text)) return { participation: false, response: false, elicitor: false, reaction: false };
  // the option labels of a checkbox form are not prose: "[x] Improved" documents nothing, but what
  // is written beside them on the following line is read ("[x] Minimal\nBelief worked on: told ...")
  if (CHECKBOX.test(text)) {
    text = text.replace(CHECKBOX_OPTION, ' ');
    if (!/\p{L}{2}/u.test(text)) return { participation: false, response: false, elicitor: false, reaction: false };
  }
  // a row of rated form items ("Engagement (shares specifics): 3 | Homework: 2"): the items are the form's words
  if (RATED_ITEMS.test(text)) {
    text = text.replace(RATED_ITEM, ' ');
    if (!/\p{L}{2}/u.test(text)) return { participation: false, response: false, elicitor: false, reaction: false };
  }
  // a form row runs into the labelled line under it ("Homework done: [ ] Yes [x] No\nNotes: told the
  // group ..."): each labelled line is read on its own, in order
  const lines = text.split(LABELLED_LINE);
  if (lines.length > 1) {
    const whole: SentenceEvidence = { participation: false, response: false, elicitor: false, reaction: false };
    let before = elicitedBefore;
    for (const line of lines) {
      const e = sentenceEvidence(line, options, before, responseField);
      whole.participation ||= e.participation;
      whole.response ||= e.response;
      whole.elicitor ||= e.elicitor;
      whole.reaction ||= e.reaction;
      before = before || e.elicitor;
    }
    return whole;
  }
  // a label the field reader did not know ("Member practice: Participated in ...") is not a subject
  // (but a sentence that opens with the member's act before a colon, "Presented her genogram: ...", keeps it)
  const label = INLINE_LABEL.exec(text)?.[0] ?? '';
  const clauses = analyseSentence(label && !/^\s*(?:[-*+]\s+)?(?:\*\*)?\p{Lu}\p{Ll}+ed\s/u.test(label) ? text.slice(label.length) : text, options.ownWords);
  let participation = false;
  let response = false;
  let elicitor = false;
  let reaction = false;
  let heardByGroup = false;
  let byPersonBefore = false;
  for (let index = 0; index < clauses.length; index++) {
    const clause = clauses[index];
    if (!participation && (clauseIsParticipation(clause, options) || clauseIsParticipation(withReportedContent(clauses, index) ?? clause, options))) participation = true;
    const elicits = clauseIsElicitor(clause);
    // something was done before this clause (earlier in the sentence, the sentence before, or the
    // field is a Response field), or this clause itself reports the prompt ("when asked, said ...")
    const before = elicitor || elicitedBefore || clause.prompted || (clause.opener !== null && elicits);
    // a Response field says something was done: uptake or change there needs no named cause, but
    // talk ("spoke about his move") still does not make a response
    const speech = SPEECH_VERBS.has(verbOf(clause));
    const inField = responseField && !AFFECT_ONLY.test(verbOf(clause));
    // a plain answer needs its question in the same sentence ("when asked, said ...")
    const answering = elicitor || clause.prompted || (clause.opener !== null && elicits) || (responseField && elicitedBefore);
    const reacts = !affectWhileTelling(clauses, index, options) && (clauseIsReaction(clause, options, before, answering) || (inField && !speech && clauseIsReaction(clause, options, true)));
    if (reacts) {
      reaction = true;
      // a bare show of feeling ("smiled", "tearful") answers something only when that something is named
      // choosing or taking notes inside an exercise named in the same clause is doing the exercise
      const byPerson = clause.words.some((w, i) => !w.quoted && (STAFF_NOUNS.has(base(w.lower)) || PEER_PEOPLE.has(w.lower) || namedAsSource(clause.words, i)));
      const uptakeOnly = UPTAKE_VERBS.has(verbOf(clause)) && !SELF_ELICITING.test(verbOf(clause)) && !SPEECH_VERBS.has(verbOf(clause)) && !byPerson;
      const said = complement(clause).map((w) => w.lower).join(' ');
      // "said afterward that ...", "said writing it out made her feel ...": the remark names its own occasion
      const afterwards = speech && (/\bafter(?:wards?)?$|^(?:that )?after(?:wards?)?\b/.test(said) || /^(?:that )?\w+ing\b[^.]*?\b(?:made|helped|makes|helps)\b/.test(said));
      // choosing inside an exercise named in the same clause ("chose 'integrity' in the card sort",
      // "chose words for her collage") is doing the exercise, whatever came before
      if ((before && !(uptakeOnly && elicits)) || inField || afterwards || (elicits && !uptakeOnly)) response = true;
    }
    // "when peers suggested planning the day, she wrote out a schedule": any act right after someone's prompt
    if (!reacts && byPersonBefore && clause.actor === 'member' && clause.verb >= 0 && !clause.future && !clause.habitual && !NOT_ACT_VERBS.has(verbOf(clause)) && specific(complement(clause), options).length >= 1) {
      reaction = true;
      response = true;
    }
    if (elicits) elicitor = true;
    if ((clause.actor === 'staff' || clause.actor === 'peer' || clause.prompted) && clause.verb >= 0 && !clause.future && !staffCollateral(clause)) byPersonBefore = true;
    // the member telling or reading something to the group: what they say next may answer the group's hearing it
    if (clause.actor === 'member' && clause.verb >= 0 && (SPEECH_VERBS.has(verbOf(clause)) || /^(?:walked|showed|presented|read)$/.test(verbOf(clause))) && complement(clause).some((w) => /^(?:aloud|group|peers)$/.test(w.lower))) heardByGroup = true;
  }
  if (!response && ratingChanged(text)) response = true;
  // a reaction named before its cause: "steadied after the co-leader slowed the pace"
  if (!response && reaction && elicitor && clauses.some((c) => c.opener !== null && clauseIsElicitor(c))) response = true;
  return { participation, response, elicitor: elicitor || heardByGroup, reaction };
}

