// What a sentence documents about the member, read from its clauses (clauses.ts):
// participation is something the member said (with content) or did in this session's group
// work; a response is the member's reaction to something done in the session (an intervention,
// a prompt, feedback), shown in the same or the previous sentence.
// The standard these follow is summarised in docs/rules/participation-missing.md and
// docs/rules/response-missing.md.

import { analyseSentence, complement, type Clause, type Word } from './clauses.js';
import {
  AVOIDANT_WORDS, BODY_WORDS, CHANGE_VERBS, FUNCTION_WORDS, INTERVENTION_NOUNS, INTERVENING_VERBS, LEVEL_WORDS, MSE_WORDS,
  NOT_ACT_VERBS, REACTION_WORDS, REPORT_VERBS, SPEECH_VERBS, STATUS_WORDS, UPTAKE_VERBS, PEER_NOUNS, STAFF_NOUNS,
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

// Verbs whose object may be only the session's topic ("discussed relapse triggers").
// What a weak verb's object may be without saying anything ("shared her feelings").
const GENERIC_TOPIC = new Set('feelings feeling thoughts thought experiences experience concerns concern struggles struggle progress week story stories stressors stressor issues issue emotions emotion anxiety depression coping skills skill topic topics material content things situation situations life day recovery'.split(' '));
const WEAK_SPEECH = new Set('discuss discusses discussed talk talks talked speak speaks spoke process processes processed explore explores explored reflect reflects reflected share shares shared voice voiced express expresses expressed'.split(' '));
// Verbs of taking part that say nothing by themselves.
const STOCK_ACT = new Set('participate participates participated engage engages engaged contribute contributes contributed interact interacts interacted benefit benefits benefited benefitted tolerate tolerates tolerated enjoy enjoys enjoyed appear appears appeared seem seems seemed respond responds responded demonstrate demonstrates demonstrated verbalize verbalizes verbalized verbalise verbalised show shows'.split(' '));
const EVALUATIVE = new Set('useful helpful helped helps worked works easier harder awkward doable possible weird odd silly strange scary better worse safer stronger calmer clearer manageable relieved relief lighter comforted hopeful pointless stupid boring dumb fake corny cheesy overdue good great nice hard tough uncomfortable comfortable easy difficult'.split(' '));
const EXERCISE_VERB = /^(?:role-?play(?:ed|s)?|practi[cs](?:ed|es|e)|rehears(?:ed|es|e)|tr(?:ied|ies|y)|worked|work|did|completed|completes|ran|run|read|wrote|filled|drafted|used)$/;
const REPORT_ONLY = /^(?:denies|denied|endorses|endorsed)$/;
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

function verbOf(clause: Clause): string {
  return clause.verb >= 0 ? clause.words[clause.verb].lower : '';
}

/** The clause shows something the member said with content, or did, in this session. */
export function clauseIsParticipation(clause: Clause, options: EvidenceOptions): boolean {
  if (clause.actor !== 'member' || clause.verb < 0 || clause.habitual) return false;
  const verb = verbOf(clause);
  if (AVOIDANT_WORDS.has(verb) && !clause.future) return true;
  if (clause.negated && (SPEECH_VERBS.has(verb) || /^(?:participat|engag|join|tak|tr(?:y|ied)|answer)/.test(verb))) return !clause.future;
  if (clause.future) return false;
  if (STOCK_ACT.has(verb)) return false;
  if (/^(?:was|were|is|are|am|be|been|became|becomes|become|remained|remains|seemed|appeared|looked)$/.test(verb)) return false;
  if (SPEECH_VERBS.has(verb)) {
    const weak = WEAK_SPEECH.has(verb);
    const report = REPORT_VERBS.has(verb);
    const drop = [LEVEL_WORDS, MSE_WORDS, ...(report ? [STATUS_WORDS] : []), ...(weak ? [options.sharedWords, GENERIC_TOPIC] : [])];
    const content = specificWords(clause, options, drop);
    const quoted = complement(clause).filter((w) => w.quoted && isContent(w, options) && !STATUS_WORDS.has(w.lower));
    if (report) return content.length >= 3 || (content.length >= 2 && content.some((w) => /ed$|[^s]s$/.test(w.lower) === false && isEventWord(w.lower))) || quoted.length >= 3;
    return content.length >= 2 || quoted.length >= 1;
  }
  if (NOT_ACT_VERBS.has(verb) || CHANGE_VERBS.has(verb)) return disclosesWhile(clause, options);
  // any other act with an object: "interrupted two peers", "circled the two bills"
  return specificWords(clause, options, [LEVEL_WORDS, MSE_WORDS]).length >= 1;
}

// "shook while recounting the accident": speech with content in a participle phrase
function disclosesWhile(clause: Clause, options: EvidenceOptions): boolean {
  const words = clause.words;
  for (let i = clause.verb + 1; i < words.length; i++) {
    if (!/ing$/.test(words[i].lower) || !/^(?:while|when|after|before|by|in)$/.test(words[i - 1]?.lower ?? '')) continue;
    const stem = words[i].lower.replace(/ing$/, '');
    if (![...SPEECH_VERBS].some((v) => v === `${stem}ed` || v === `${stem}d` || v === stem || v === `${stem}e` || v === `${stem}ing`)) continue;
    const rest = words.slice(i + 1).filter((w) => isContent(w, options) && !LEVEL_WORDS.has(base(w.lower)) && !GENERIC_TOPIC.has(base(w.lower)));
    if (rest.length >= 2) return true;
  }
  return false;
}

// A word that reports an event rather than a state: a verb in the past or a noun of a life event.
function isEventWord(w: string): boolean {
  return /ed$/.test(w) || /^(?:lost|left|quit|broke|got|won|fell|began|met|sold|moved|hired|fired|job|court|hearing|funeral|divorce|arrest|eviction|diagnosis|death|baby|surgery|accident|fight|argument|date)$/.test(w);
}

/** The clause names something done in the session that a member can react to. */
export function clauseIsElicitor(clause: Clause): boolean {
  if (clause.prompted) return true;
  if ((clause.actor === 'staff' || clause.actor === 'peer') && clause.verb >= 0 && !clause.future) return true;
  // the member doing an exercise is itself the intervention a remark or a change answers
  if (clause.actor === 'member' && clause.verb >= 0 && !clause.future && EXERCISE_VERB.test(clause.words[clause.verb].lower)) return true;
  // "the co-leader's idea", "the breathing drill", "peers' feedback": an intervention named anywhere
  return clause.words.some((w, i) => !w.quoted && (INTERVENTION_NOUNS.has(base(w.lower)) || (i > 0 && /'s$|s'$/.test(w.lower) && (STAFF_NOUNS.has(base(w.lower)) || PEER_NOUNS.has(w.lower.replace(/'$/, ''))))));
}

/** The clause shows the member reacting: uptake, a remark on what was done, a change, or avoidance. */
export function clauseIsReaction(clause: Clause, options: EvidenceOptions, afterElicitor = false): boolean {
  if (clause.habitual) return false;
  const verb = verbOf(clause);
  if (clause.actor === 'body') return clause.verb >= 0 && (CHANGE_VERBS.has(verb) || REACTION_WORDS.has(verb) || /ed$/.test(verb));
  if (clause.actor !== 'member' || clause.verb < 0) return false;
  if (STOCK_ACT.has(verb) && !/^(?:respond|responded|responds)$/.test(verb)) return false;
  const rest = complement(clause);
  const restText = rest.map((w) => w.lower).join(' ');
  if (/^(?:respond|responded|responds)$/.test(verb)) return /^(?:by|with)\b/.test(restText) && !/^(?:with|by) (?:a |an )?(?:positive|appropriate|good|favorable|favourable)\b/.test(restText);
  if (/^(?:was|were|is|became|seemed|appeared|looked)$/.test(verb)) return rest.some((w) => EVALUATIVE.has(w.lower) || w.lower === 'comforted' || w.lower === 'relieved' || w.lower === 'calmer' || w.lower === 'steadier');
  if (AVOIDANT_WORDS.has(verb) || clause.negated) return !clause.future || SPEECH_VERBS.has(verb);
  if (SPEECH_VERBS.has(verb)) {
    // a remark about what was done: a quote, a judgement, a commitment, or the intervention itself
    if (rest.some((w) => w.quoted)) return true;
    if (rest.some((w) => EVALUATIVE.has(w.lower) && !w.quoted)) return true;
    if (/^(?:that )?(?:she|he|they|i)(?: would| will|'d| could| can| might| plans? to| is going to| was going to)\b/.test(restText)) return true;
    if (/^(?:that )?(?:it|this|that)\b/.test(restText)) return true;
    if (rest.some((w) => INTERVENTION_NOUNS.has(base(w.lower)))) return /^(?:said|says|called|calls|described|describes|rated|rates|named|asked|asks)$/.test(verb) && rest.length >= 3;
    // an answer to a question or prompt just given
    if (afterElicitor && !REPORT_ONLY.test(verb)) return rest.some((w) => isContent(w, options));
    if (afterElicitor) return rest.filter((w) => isContent(w, options)).length >= 1;
    return /^(?:asked|asks|answered|answers|agreed|agrees|thanked|disagreed|added|offered)$/.test(verb) && rest.filter((w) => isContent(w, options)).length >= 2;
  }
  if (UPTAKE_VERBS.has(verb) || REACTION_WORDS.has(verb) || CHANGE_VERBS.has(verb)) return true;
  if (INTERVENING_VERBS.has(verb)) return false;
  // another act right after a prompt: "circled the one near his bus stop"
  return !NOT_ACT_VERBS.has(verb) && rest.some((w) => isContent(w, options));
}

/** Evidence of both kinds in one sentence; `elicitedBefore` says the previous sentence named an intervention. */
export function sentenceEvidence(text: string, options: EvidenceOptions, elicitedBefore: boolean, responseField: boolean): SentenceEvidence {
  const clauses = analyseSentence(text, options.ownWords);
  let participation = false;
  let response = false;
  let elicitor = false;
  let reaction = false;
  for (const clause of clauses) {
    if (clauseIsParticipation(clause, options)) participation = true;
    const elicits = clauseIsElicitor(clause);
    const reacts = clauseIsReaction(clause, options, elicitor || elicitedBefore || responseField || (clause.opener !== null && elicits));
    if (reacts) {
      reaction = true;
      if (elicitor || elicits || elicitedBefore || responseField) response = true;
    }
    if (elicits) elicitor = true;
  }
  if (!response && RATING_CHANGE.test(text) && /\b(?:rat|distress|anxiety|urge|crav|pain|fear|anger|tension|suds|stress|calm)\w*|\/\s*10/i.test(text)) response = true;
  // a reaction named before its cause: "steadied after the co-leader slowed the pace"
  if (!response && reaction && elicitor) response = true;
  return { participation, response, elicitor, reaction };
}

export { BODY_WORDS };
