// Splits a sentence of a member section into clauses and says, for each, who acts (the member,
// a peer, staff, someone outside the group, the member's body, a thing), with which verb, and
// whether the clause is habit, a future plan, or a prompt ("when asked", "after the drill").
// A small rule-based reader, not a full parser: docs/accuracy.md says why (three NLP libraries
// measured: slower by 7 to 15 times per note and no better on these questions).

import { normalizeWord } from '../parse/text.js';
import { personNounKind } from './person-nouns.js';
import {
  INTERVENTION_NOUNS, MSE_WORDS, STATUS_WORDS, words,
  AVOIDANT_WORDS, BODY_WORDS, CHANGE_VERBS, FUTURE_WORDS, HABIT_WORDS, INTERVENING_VERBS, MEMBER_SUBJECTS, NOT_ACT_VERBS,
  OUTSIDE_PEOPLE, PEER_NOUNS, PROMPT_OPENERS, REACTION_WORDS, REPORT_VERBS, SPEECH_VERBS, STAFF_NOUNS, STAFF_TITLES, UPTAKE_VERBS,
} from './lexicon.js';

export type Actor = 'member' | 'peer' | 'staff' | 'outside' | 'body' | 'thing';

export interface Word {
  text: string;
  /** lower case, curly apostrophes straightened */
  lower: string;
  /** offset in the analysed sentence */
  start: number;
  /** inside a quotation ("...") */
  quoted: boolean;
  /** punctuation mark rather than a word */
  mark: boolean;
}

export interface Clause {
  words: Word[];
  /** subordinating word the clause opens with ("when", "after", "as", "during") or null */
  opener: string | null;
  /** the clause reports a prompt given to the member ("asked by", "given the list", "prompted to") */
  prompted: boolean;
  actor: Actor;
  /** the actor was written out (a pronoun, a noun); false when inherited ("... and wrote it down") */
  explicitActor: boolean;
  /** index in words of the main verb, or -1 */
  verb: number;
  /** the verb is negated ("did not", "never") */
  negated: boolean;
  habitual: boolean;
  future: boolean;
  /** holds quoted words */
  quote: boolean;
  /** "was redirected": the member is acted on */
  passive: boolean;
}

const WORD_RE = /\d+(?:[:.,/]\d+)*(?:\s?[ap]\.?m\.?)?|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*|[;:,.!?"“”()\[\]—–]/gu;

// Irregular past forms: a clause that opens with one has the member (or the previous actor) as subject.
const IRREGULAR_PAST = new Set(
  ('ate began bit blew broke brought built bought caught chose came cut dealt did drew drank drove fell fed felt fought found flew forgot ' +
    'forgave froze got gave went grew hung had heard hid hit held hurt kept knew laid led left lent let lay lost made meant met paid put ' +
    'quit read rode rang rose ran said saw sought sold sent set shook shot showed shut sang sank sat slept slid spoke spent split spread ' +
    'stood stole stuck struck swore swept swam took taught tore told thought threw understood woke wore won wrote withdrew overcame ' +
    'undertook upset').split(' '),
);

// Irregular past participles: "was given feedback", "was shown the chart", "was taken aside"
const IRREGULAR_PARTICIPLES = new Set('given shown taken told taught brought sent seen spoken written driven chosen forgiven beaten hidden'.split(' '));
// ... of which these are never a simple past: "Given a handout." opens with what was done to the member
const PURE_PARTICIPLES = new Set('given shown taken seen spoken written driven chosen forgiven beaten hidden'.split(' '));

const SUBORDINATORS = new Set('when after once as while before until because since if during following throughout upon whenever though although'.split(' '));
const LEADING_FILLERS = new Set('and then but so also later afterwards afterward finally first next again still today tonight now eventually initially yet though however instead meanwhile'.split(' '));
const DETERMINERS = new Set('the a an another two three several other one each some many most all both this that these those'.split(' '));
const POSSESSIVES = new Set('her his their my our its'.split(' '));
const NEGATIONS = new Set('not never no cannot can\'t didn\'t don\'t won\'t wasn\'t couldn\'t wouldn\'t'.split(' '));
const AUXILIARIES = new Set('was were is are am be been being has have had do does did can could will would shall should may might must to get got'.split(' '));
const ADVERB_RE = /ly$/;

const VERB_SETS = [SPEECH_VERBS, REPORT_VERBS, UPTAKE_VERBS, AVOIDANT_WORDS, NOT_ACT_VERBS, CHANGE_VERBS, INTERVENING_VERBS];

function inLexicon(w: string): boolean {
  for (const set of VERB_SETS) if (set.has(w)) return true;
  return false;
}

/** True when the word reads as a finite or past verb form. */
export function isVerbLike(w: string): boolean {
  if (inLexicon(w) || IRREGULAR_PAST.has(w) || IRREGULAR_PARTICIPLES.has(w)) return true;
  if (w.length >= 5 && /[^e]ed$|[^aeiou]ied$|eed$|[aeiou][^aeiou]ed$|ered$|[^e]ted$|sed$|ved$|zed$|ged$|ced$|ked$|ped$|led$|ned$|red$|med$|bed$|hed$|xed$/.test(w) && !/(?:need|seed|breed|feed|speed)$/.test(w)) return true;
  // "reports", "shares", "circles": a known verb with a present-tense ending
  if (w.length >= 4 && w.endsWith('s')) {
    const base = w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.endsWith('es') && inLexicon(w.slice(0, -2)) ? w.slice(0, -2) : w.slice(0, -1);
    return inLexicon(base) || inLexicon(`${base}ed`) || inLexicon(`${base}d`);
  }
  return false;
}

export function splitWords(sentence: string): Word[] {
  const out: Word[] = [];
  let quoted = false;
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(sentence); m; m = WORD_RE.exec(sentence)) {
    const text = m[0];
    if (text === '"') {
      quoted = !quoted;
      continue;
    }
    if (text === '“') {
      quoted = true;
      continue;
    }
    if (text === '”') {
      quoted = false;
      continue;
    }
    const mark = /^[;:,.!?()\[\]—–]$/.test(text);
    out.push({ text, lower: normalizeWord(text), start: m.index, quoted: quoted && !mark, mark });
  }
  return out;
}

const CLAUSE_CONJUNCTIONS = new Set(['and', 'then', 'but', 'so', 'yet', 'while', 'whereupon']);

/** Where a new clause starts inside a sentence. */
function clauseStarts(words: Word[]): number[] {
  const starts = [0];
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    const prev = words[i - 1];
    const next = words[i + 1];
    if (w.quoted) continue;
    // "When asked, ...", "Given the list, ...", "In the card sort, ...": an opening phrase ends at its comma
    if (prev.text === ',' && !w.mark && opensWithPhrase(words, starts[starts.length - 1], i)) {
      starts.push(i);
      continue;
    }
    // a colon opens a new clause only before a subject ("called the program: she skipped ..."), not a list
    // "(a car alarm on his street), Garrett laughed": a new clause after a parenthesis and its comma
    if (prev.text === ',' && words[i - 2]?.text === ')' && !w.mark) {
      starts.push(i);
      continue;
    }
    if (prev.mark && (prev.text === ';' || prev.text === '—' || prev.text === '–' || prev.text === '(' || prev.text === ')' || (prev.text === ':' && MEMBER_SUBJECTS.has(w.lower)))) {
      if (!w.mark) starts.push(i);
      continue;
    }
    if (w.mark) continue;
    const afterComma = prev.text === ',';
    if (CLAUSE_CONJUNCTIONS.has(w.lower) && CLAUSE_CONJUNCTIONS.has(prev.lower)) continue; // "and then"
    if (CLAUSE_CONJUNCTIONS.has(w.lower)) {
      // "and wrote it down", ", then said": a new clause when a verb or a subject follows
      const after = next && !next.mark ? next.lower : '';
      if (after && (isVerbLike(after) || MEMBER_SUBJECTS.has(after) || (POSSESSIVES.has(after) && BODY_WORDS.has(words[i + 2]?.lower ?? '')) || after === 'then' || NEGATIONS.has(after) || (afterComma && !FUNCTION_OR_DET(after)))) starts.push(i);
      continue;
    }
    // "Fidgeting, spoke quickly, practised paced breathing": a list of acts, each its own clause
    if (afterComma && /(?:ed|ght|ke|ook|ote|ave)$/.test(w.lower) && isVerbLike(w.lower) && !CLAUSE_CONJUNCTIONS.has(prev.lower)) {
      starts.push(i);
      continue;
    }
    if (afterComma && (MEMBER_SUBJECTS.has(w.lower) || SUBORDINATORS.has(w.lower) || /^(?:saying|stating|adding|noting|calling|telling|explaining|admitting|joking)$/.test(w.lower) || (POSSESSIVES.has(w.lower) && BODY_WORDS.has(next?.lower ?? '')))) {
      starts.push(i);
      continue;
    }
    // "After the grounding drill her breathing slowed": the subject after an opening phrase
    if (!afterComma && POSSESSIVES.has(w.lower) && BODY_WORDS.has(next?.lower ?? '') && SUBORDINATORS.has(words[starts[starts.length - 1]]?.lower ?? '')) {
      starts.push(i);
      continue;
    }
    // "Looking at the chart he said ...", "Hearing this she laughed": the subject after an opening participle phrase
    if (!afterComma && MEMBER_SUBJECTS.has(w.lower) && w.lower !== 'i' && /^\p{Lu}\p{Ll}+ing$/u.test(words[starts[starts.length - 1]]?.text ?? '') && isVerbLike(next?.lower ?? '') && i - starts[starts.length - 1] <= 8) {
      starts.push(i);
      continue;
    }
    // "When the leader asked she ...", "While drawing she noticed ...": the subject after the opening phrase
    if (!afterComma && MEMBER_SUBJECTS.has(w.lower) && w.lower !== 'i' && opensWithSubordinator(words, starts[starts.length - 1]) && isVerbLike(next?.lower ?? '') && (i - starts[starts.length - 1] >= 3 || /ing$/.test(prev.lower))) {
      starts.push(i);
    }
  }
  return starts;
}

/** Staff or someone outside the group reporting, in a verb of saying ("report", "noted", "said"). */
function reportsAboutMember(clause: Clause): boolean {
  // (a reporter written out: not "after hearing two answers" with an inherited subject)
  if ((clause.actor !== 'staff' && clause.actor !== 'outside') || clause.verb < 0 || clause.future || !clause.explicitActor) return false;
  const verb = clause.words[clause.verb].lower;
  // (the reported clause follows the verb directly: not after "reflected;")
  return (REPORT_VERBS.has(verb) || SPEECH_VERBS.has(verb) || /^(?:report|state|note|say|tell|indicate)$/.test(verb)) && clause.verb === clause.words.length - 1;
}

/** The clause from `start` opens (after "and", "but", "then") with "when", "after", "once" ... */
function opensWithSubordinator(words: Word[], start: number): boolean {
  let k = start;
  while (k < words.length && (words[k].mark || (CLAUSE_CONJUNCTIONS.has(words[k].lower) && !SUBORDINATORS.has(words[k].lower)))) k++;
  return SUBORDINATORS.has(words[k]?.lower ?? '');
}

const FUNCTION_OR_DET = (w: string) => DETERMINERS.has(w) || POSSESSIVES.has(w);

const PP_OBJECTS = new Set('discussion discussions feedback practice prompting support encouragement reflection processing coaching modeling modelling review redirection validation reassurance'.split(' '));
const PREPOSITIONS = new Set('in at during on with within by through over throughout for from before after into near outside inside between among across'.split(' '));
const PARTICIPLE_OPENERS = new Set('given asked prompted invited encouraged challenged coached shown offered reminded redirected hearing seeing'.split(' '));

/** The clause from `start` opens with a subordinate, prepositional or participle phrase that ends before `at`. */
function opensWithPhrase(words: Word[], start: number, at: number): boolean {
  let k = start;
  while (k < at && (words[k].mark || CLAUSE_CONJUNCTIONS.has(words[k].lower) || LEADING_FILLERS.has(words[k].lower))) k++;
  const first = words[k]?.lower ?? '';
  if (!(SUBORDINATORS.has(first) || PREPOSITIONS.has(first) || PARTICIPLE_OPENERS.has(first))) return false;
  // the phrase has no comma of its own before this one
  for (let m = k; m < at - 1; m++) if (words[m].text === ',') return false;
  return at - k <= 24;
}

/**
 * Clauses of one sentence. `ownWords` are the words of the member's own names: a clause opening
 * with one of them has the member as subject.
 */
export function analyseSentence(sentence: string, ownWords: ReadonlySet<string> = new Set()): Clause[] {
  const words = splitWords(sentence);
  const starts = clauseStarts(words);
  const clauses: Clause[] = [];
  let previousActor: Actor = 'member';
  for (let s = 0; s < starts.length; s++) {
    const clauseWords = words.slice(starts[s], starts[s + 1] ?? words.length);
    if (clauseWords.every((w) => w.mark)) continue;
    const clause = readClause(clauseWords, ownWords, previousActor);
    // "Her father called the program: she skipped two dinners": what follows the colon is his report
    const before = clauses[clauses.length - 1];
    if (before && (before.actor === 'outside' || before.actor === 'staff') && before.words[before.words.length - 1]?.text === ':') clause.actor = before.actor;
    // "Nursing staff report he was awake all night and refused breakfast": what someone else reports
    // about the member (the clause right after their verb of saying, and what runs on from it) is theirs
    else if (before && reportsAboutMember(before) && clause.actor === 'member' && !CLAUSE_CONJUNCTIONS.has(clauseWords.find((w) => !w.mark)?.lower ?? '')) clause.actor = before.actor;
    clauses.push(clause);
    // an opening "when the facilitator asked" does not make the next clause the facilitator's
    // nor does a quotation standing alone ('"nobody can be trusted"; said ...'): its words are the member's
    if (!clause.opener && !clause.prompted && clause.verb >= 0 && !clause.words.every((w) => w.mark || w.quoted)) previousActor = clause.actor;
    // "Her therapist, Dr. Lund, reported ...": a person named without a verb is the subject of what follows
    else if (!clause.opener && clause.verb < 0 && clause.explicitActor && (clause.actor === 'staff' || clause.actor === 'outside' || clause.actor === 'peer')) previousActor = clause.actor;
  }
  return clauses;
}

function readClause(words: Word[], ownWords: ReadonlySet<string>, inherited: Actor): Clause {
  let i = 0;
  const skipMarks = () => {
    while (i < words.length && words[i].mark) i++;
  };
  skipMarks();
  while (i < words.length && (LEADING_FILLERS.has(words[i].lower) || CLAUSE_CONJUNCTIONS.has(words[i].lower))) i++;
  skipMarks();
  let opener: string | null = null;
  if (i < words.length && SUBORDINATORS.has(words[i].lower)) opener = words[i++].lower;
  const rest = words.slice(i).filter((w) => !w.mark).map((w) => w.lower).join(' ');
 const promptedAfter = /^(?:afterwards?|after that|later)$/.test(words[i - 1]?.lower ?? '') && i - 1 === words.findIndex((w) => !w.mark && !CLAUSE_CONJUNCTIONS.has(w.lower));
  const prompted = promptedAfter || (opener
    ? /^(?:asked|prompted|invited|given|encouraged|challenged|coached|shown|offered|reminded|redirected|questioned|pressed|praised|hearing|listening)\b/.test(rest)
    : PROMPT_OPENERS.some((p) => rest.startsWith(`${p} `) || rest === p));
  if (!opener && i < words.length && PREPOSITIONS.has(words[i].lower) && words.length - i > 2) {
    // "In session did 60 seconds of ...", "With prompting she chose ...", "At the end of the body scan
    // she said ...": skip the phrase to the verb or subject (a word after an article or a possessive is
    // the phrase's noun: "in the leaves exercise named ...")
    let k = i + 1;
    const inPhrase = (at: number) => !isVerbLike(words[at].lower) || DETERMINERS.has(words[at - 1].lower) || POSSESSIVES.has(words[at - 1].lower) || words[at - 1].lower === 'of';
    while (k < words.length && k < i + 10 && !words[k].mark && inPhrase(k) && !MEMBER_SUBJECTS.has(words[k].lower)) k++;
    if (k < words.length && words[k].text === ',') k++;
    if (k < words.length && (isVerbLike(words[k].lower) || MEMBER_SUBJECTS.has(words[k].lower))) i = k;
  }

  let actor: Actor = inherited;
  let explicitActor = false;
  let j = i;
  const word = (k: number) => words[k]?.lower ?? '';
  // subject noun phrase
  if (j < words.length) {
    const w0 = word(j);
    const w1 = word(j + 1);
    const pair = `${w0} ${w1}`;
    const triple = `${w1} ${word(j + 2)}`;
    const gerundEnd = opener && /ing$/.test(w0) ? gerundPhraseEnd(words, j) : -1;
    if (w0 === 'thought' && /^(?:content|process|processes|form|blocking)$/.test(w1)) {
      // mental-status "thought content", not the verb
      actor = 'thing';
      explicitActor = true;
      j = words.length;
    } else if (MEMBER_SUBJECTS.has(w0) || ownWords.has(w0.replace(/'s$/, '')) || (w0 === 'the' && MEMBER_SUBJECTS.has(w1))) {
      actor = ownWords.has(w0.replace(/'s$/, '')) && /'s$/.test(w0) ? (BODY_WORDS.has(w1) ? 'body' : 'thing') : 'member';
      explicitActor = true;
      j += w0 === 'the' ? 2 : 1;
      while (j < words.length && (ownWords.has(word(j).replace(/'s$/, '')) || /^\p{Lu}\.?$/u.test(words[j].text)) && !isVerbLike(word(j))) j++;
    } else if ((POSSESSIVES.has(w0) && BODY_WORDS.has(w1)) || (BODY_WORDS.has(w0) && /s$/.test(w0) && isVerbLike(w1 === 'visibly' ? word(j + 2) : w1))) {
      actor = 'body';
      explicitActor = true;
      j += POSSESSIVES.has(w0) ? 2 : 1;
    } else if (STAFF_TITLES.some((t) => pair.startsWith(t) || ((DETERMINERS.has(w0) || POSSESSIVES.has(w0)) && triple.startsWith(t)))) {
      // ("Asked peer support specialist Imogen Park ...": after a verb the title is its object)
      actor = 'staff';
      explicitActor = true;
      j += STAFF_TITLES.some((t) => pair.startsWith(t)) ? 2 : 3;
    } else if ((DETERMINERS.has(w0) || POSSESSIVES.has(w0)) && (STAFF_NOUNS.has(w1) || PEER_NOUNS.has(w1) || OUTSIDE_PEOPLE.has(w1) || STAFF_NOUNS.has(w1.replace(/'s$/, '')) || isPersonNoun(w1))) {
      actor = POSSESSIVES.has(w0) ? (STAFF_NOUNS.has(w1) ? 'staff' : 'outside') : classifyNoun(w1);
      explicitActor = true;
      j += 2;
    } else if ((DETERMINERS.has(w0) || POSSESSIVES.has(w0)) && personAfterModifiers(words, j + 1) > 0) {
      // "her individual therapist", "the new co-leader", "his probation officer": modifiers, then the person
      const at = personAfterModifiers(words, j + 1);
      const noun = word(at);
      actor = POSSESSIVES.has(w0) ? (STAFF_NOUNS.has(noun) && !/therapist|psychiatrist|doctor|physician|prescriber|provider/.test(noun) ? 'staff' : 'outside') : classifyNoun(noun);
      explicitActor = true;
      j = at + 1;
    } else if (w0 === 'the' && /^\p{Lu}{2,6}$/u.test(words[j + 1]?.text ?? '') && !ownWords.has(w1) && (isVerbLike(word(j + 2)) || AUXILIARIES.has(word(j + 2)) || REACTION_WORDS.has(word(j + 2)))) {
      // "the CTRS walked ...", "the OTR asked ...": a credential or title in capitals is staff
      actor = 'staff';
      explicitActor = true;
      j += 2;
    } else if (/^(?:mr|mrs|ms|miss|dr|mx)$/.test(w0) && (w1 === '.' ? /^\p{Lu}/u.test(words[j + 2]?.text ?? '') : /^\p{Lu}/u.test(words[j + 1]?.text ?? ''))) {
      // "Ms. Pruitt reports", "Dr. Osei modelled": someone named with an honorific is not a member
      actor = 'staff';
      explicitActor = true;
      j += w1 === '.' ? 3 : 2;
    } else if (STAFF_NOUNS.has(w0) || PEER_NOUNS.has(w0) || OUTSIDE_PEOPLE.has(w0)) {
      // "Group home staff report ...": the last noun before the verb is the person
      let head = j;
      while (head + 1 < words.length && head < j + 3 && !words[head + 1].mark && !isVerbLike(word(head + 1)) && !AUXILIARIES.has(word(head + 1)) && (STAFF_NOUNS.has(word(head + 1)) || PEER_NOUNS.has(word(head + 1)) || OUTSIDE_PEOPLE.has(word(head + 1)) || isPersonNoun(word(head + 1)) || /^(?:home|house|unit|ward|night|day|team|support)$/.test(word(head + 1)))) head++;
      actor = classifyNoun(word(head));
      explicitActor = true;
      j = head + 1;
    } else if (/^\p{Lu}[\p{Ll}'’.-]*$/u.test(words[j].text) && !isVerbLike(w0) && !COMMON_SUBJECT_NOUNS.has(w0) && (isVerbLike(w1) || (/^\p{Lu}/u.test(words[j + 1]?.text ?? '') && isVerbLike(word(j + 2)))) && !AUXILIARIES.has(w0) && !HABIT_WORDS.has(w0) && !FUTURE_WORDS.has(w0) && !ADVERB_RE.test(w0)) {
      // "Harold reflected", "Tomas nodded", "S.K. said": another person, named
      actor = 'peer';
      explicitActor = true;
      j += isVerbLike(w1) ? 1 : 2;
    } else if (!isVerbLike(w0) && !AUXILIARIES.has(w0) && !NEGATIONS.has(w0) && !ADVERB_RE.test(w0) && !HABIT_WORDS.has(w0) && !FUTURE_WORDS.has(w0) && !opener) {
      // a noun phrase ("Anxiety 8/10", "Group reviewed", "Nurse Marta explained")
      actor = 'thing';
      explicitActor = true;
      // read up to the verb
      while (j < words.length && !words[j].mark && !isVerbLike(word(j)) && !AUXILIARIES.has(word(j))) j++;
      // "Nursing staff report ...", "Ward consultant said ...": a person at the head of the phrase
      const head = j > i && j < words.length && !words[j].mark ? word(j - 1).replace(/'s$/, '') : '';
      if (head && (STAFF_NOUNS.has(head) || OUTSIDE_PEOPLE.has(head) || isPersonNoun(head)) && !MEMBER_SUBJECTS.has(head)) actor = classifyNoun(head);
    } else if (opener && /^(?:after|following|during|with|upon)$/.test(opener) && PP_OBJECTS.has(w0) && isVerbLike(w1)) {
      // "after discussion agreed to ...": the opener's object, then the member's verb
      j += 1;
    } else if (gerundEnd > 0) {
      // "Before leaving told the group ...", "after hearing the feedback rewrote it": the opener's
      // gerund phrase, then the verb of the implied subject
      j = gerundEnd;
    } else if (opener && !isVerbLike(w0)) {
      // "when the facilitator asked", "after a peer mentioned": the subordinate clause's own subject
      const inner = readClause(words.slice(j), ownWords, 'thing');
      // ... but "after the relaxation said ...", "during the body scan noticed ...": an activity cannot
      // speak or notice; it is the opener's object, and the verb is the implied subject's
      // (nothing before the verb names a person: "after the run-through said ...")
      if (inner.actor === 'thing' && inner.verb > 0 && AGENT_VERB_SETS.some((set) => set.has(inner.words[inner.verb].lower)) && inner.words.slice(0, inner.verb).every((w) => w.mark || !namesPerson(w))) {
        // ("after the run-through", "during the body scan": what was just done is what the clause answers)
        return { ...inner, actor: inherited, explicitActor: false, opener, prompted: prompted || /^(?:after|following|during|upon)$/.test(opener) };
      }
      return { ...inner, opener, prompted: inner.prompted || prompted };
    }
  }
  // "Nurse Marta Pohl explained", "the intern, Idris, timed", "a peer (Ana) suggested": the rest of the subject
  if (explicitActor && actor !== 'member' && actor !== 'body') {
    let k = j;
    while (k < words.length && k < j + 5 && (words[k].mark ? /^[,()]$/.test(words[k].text) : /^\p{Lu}/u.test(words[k].text) || STAFF_NOUNS.has(word(k)) || PEER_NOUNS.has(word(k)) || OUTSIDE_PEOPLE.has(word(k))) && !isVerbLike(word(k))) k++;
    if (k < words.length && isVerbLike(word(k))) j = k;
  }
  // verb: skip auxiliaries, adverbs and negation
  let negated = false;
  let passive = false;
  let future = false;
  let habitual = false;
  let verb = -1;
  for (let k = j; k < words.length && k < j + 6; k++) {
    const w = word(k);
    if (words[k].mark) break;
    if (NEGATIONS.has(w)) {
      negated = true;
      continue;
    }
    if (w === 'will' || w === 'would' || w === 'shall' || w === 'going' || w === 'plans' || w === 'intends' || w === 'wants' || w === 'hopes' || w === 'needs') {
      future = true;
      continue;
    }
    if (w === 'may' || w === 'might' || w === 'must' || w === 'should' || w === 'could') {
      future = true;
      continue;
    }
    if (HABIT_WORDS.has(w)) {
      habitual = true;
      if (w === 'enjoys' || w === 'likes' || w === 'loves' || w === 'prefers' || w === 'tends') {
        verb = k;
        break;
      }
      continue;
    }
    // "did not answer": "did" is the auxiliary of the verb that follows the negation
    if ((w === 'did' || w === 'does' || w === 'do') && (NEGATIONS.has(word(k + 1)) || isVerbLike(word(k + 1)))) continue;
    if (AUXILIARIES.has(w) && !(w === 'had' || w === 'did' || w === 'got') ) {
      if (verb < 0 && (w === 'was' || w === 'were' || w === 'is' || w === 'are' || w === 'am' || w === 'be' || w === 'been') && /(?:ed|wn|en|ught|ld)$/.test(word(k + 1)) && isVerbLike(word(k + 1)) && !REACTION_WORDS.has(word(k + 1))) {
        // "was redirected", "was supported by peers": done to the member, not by them
        passive = true;
      }
      if (verb < 0 && (w === 'was' || w === 'were' || w === 'is' || w === 'are' || w === 'am' || w === 'be' || w === 'been')) {
        // copula, unless a verb follows ("was able to", "was redirected")
        const next = word(k + 1);
        if (next === 'able' && word(k + 2) === 'to') {
          // "was able to picture himself ...": the verb after "able to"
          k += 2;
          if (k + 1 < words.length && !words[k + 1].mark) {
            verb = k + 1;
            break;
          }
          continue;
        }
        if (!isVerbLike(next) && next !== 'able' && !NEGATIONS.has(next) && next !== 'then') {
          verb = k;
          break;
        }
      }
      continue;
    }
    if (ADVERB_RE.test(w) && !isVerbLike(w)) continue;
    // after "did not" / "does" the next word is the verb, known or not ("did not rejoin")
    if (k > j && /^(?:did|does|do|not|never)$/.test(word(k - 1)) && /^(?:did|does|do)$/.test(word(k - 1) === 'not' || word(k - 1) === 'never' ? word(k - 2) : word(k - 1))) {
      verb = k;
      break;
    }
    if (isVerbLike(w) || w === 'had' || w === 'did' || w === 'got' || REACTION_WORDS.has(w)) {
      verb = k;
      break;
    }
    if (k === j && !PREPOSITIONS.has(w) && !/^(?:of|to|about|like|as|than|and|or)$/.test(w)) {
      // an unknown first word: a verb when a noun phrase or preposition follows ("Outlined a budget")
      const next = word(k + 1);
      if (DETERMINERS.has(next) || POSSESSIVES.has(next) || next === 'to' || next === 'that' || next === 'about' || next === 'on' || next === 'with') {
        verb = k;
        break;
      }
    }
    break;
  }
  // "calls staff repeatedly", "naps in the afternoons": a habit named after the verb
  if (verb >= 0 && HABIT_AFTER.test(words.slice(verb + 1).filter((w) => !w.quoted).map((w) => w.lower).join(' '))) habitual = true;
  // "has developed noisy behaviour", "have stopped calling": the present perfect tells a history, not this session
  if (verb >= 0 && !negated && /^(?:has|have|'s|'ve)$/.test(word(verb - 1)) && (/ed$/.test(word(verb)) || IRREGULAR_PARTICIPLES.has(word(verb)) || IRREGULAR_PAST.has(word(verb)))) habitual = true;
  if (verb >= 0 && PURE_PARTICIPLES.has(word(verb)) && !words.slice(j, verb).some((w) => /^(?:has|have|had|was|were|is|are|be|been|got|get)$/.test(w.lower))) passive = true;
  // "Accompanied by the peer specialist", "Escorted by staff": a participle with its agent is done to the member
  if (verb >= 0 && verb === words.findIndex((w) => !w.mark) && /ed$/.test(word(verb)) && word(verb + 1) === 'by') passive = true;
  if (verb >= 0 && /s$/.test(word(verb)) && /^(?:is|has|does)$/.test(word(verb)) === false && HABIT_WORDS.has(word(verb - 1))) habitual = true;
  return { words, opener, prompted, actor: passive && actor === 'member' ? 'thing' : actor, explicitActor, verb, negated, habitual, future, passive, quote: words.some((w) => w.quoted) };
}

/** Index of the finite verb after an opener's gerund phrase ("leaving told", "hearing this she said"), or -1. */
function gerundPhraseEnd(words: Word[], gerund: number): number {
  for (let k = gerund + 1; k < words.length && k <= gerund + 6; k++) {
    const w = words[k];
    if (w.mark) return -1;
    if (MEMBER_SUBJECTS.has(w.lower)) return -1;
    if (isVerbLike(w.lower) && !/ing$/.test(w.lower) && !DETERMINERS.has(words[k - 1].lower) && !POSSESSIVES.has(words[k - 1].lower)) return k;
  }
  return -1;
}

// Verbs only a person does: a clause with one of them after a noun phrase that names no person has an implied subject
const AGENT_VERB_SETS = [SPEECH_VERBS, REPORT_VERBS, UPTAKE_VERBS, AVOIDANT_WORDS];

/** The word names a person or people: staff, peers, relatives (the project's lists or WordNet), a name, an acronym title. */
function namesPerson(w: Word): boolean {
  const bare = w.lower.replace(/'s$/, '');
  return STAFF_NOUNS.has(bare) || PEER_NOUNS.has(bare) || OUTSIDE_PEOPLE.has(bare) || MEMBER_SUBJECTS.has(bare) || personNounKind(bare) !== null || /^\p{Lu}/u.test(w.text);
}

/** Index of a person noun after one or two modifiers starting at `from` ("individual therapist"), or -1. */
function personAfterModifiers(words: Word[], from: number): number {
  for (let k = from; k < from + 2 && k + 1 < words.length; k++) {
    const modifier = words[k];
    if (modifier.mark || isVerbLike(modifier.lower) || DETERMINERS.has(modifier.lower) || POSSESSIVES.has(modifier.lower)) return -1;
    const noun = words[k + 1].lower.replace(/'s$/, '');
    if (!words[k + 1].mark && (STAFF_NOUNS.has(noun) || OUTSIDE_PEOPLE.has(noun) || isPersonNoun(noun) || (PEER_NOUNS.has(noun) && /^(?:peer|peers|member|members|groupmates|classmates)$/.test(noun)))) return k + 1;
  }
  return -1;
}

// ("every day" is left out: "practised it every day this week" reports the homework)
const HABIT_AFTER = /\b(?:repeatedly|constantly|habitually|in the (?:late |early )?(?:afternoons|evenings|mornings|nights))\b/;

// Capitalised at a sentence start, these are the note's own words, not a person's name ("Affect
// constricted", "Treatment plan reviewed", "Mood improved", "Homework completed")
const COMMON_SUBJECT_NOUNS = new Set([...MSE_WORDS, ...STATUS_WORDS, ...INTERVENTION_NOUNS, ...words('treatment plan plans homework group session sessions attendance participation progress goal goals risk safety insight judgment judgement speech behavior behaviour engagement')]);

function classifyNoun(w: string): Actor {
  const bare = w.replace(/'s$/, '');
  if (STAFF_NOUNS.has(bare)) return 'staff';
  if (PEER_NOUNS.has(bare)) return 'peer';
  if (!OUTSIDE_PEOPLE.has(bare) && personNounKind(bare) === 'staff') return 'staff';
  return 'outside';
}

/** A noun for a person that is not the member ("consultant", "registrar", "stranger"): WordNet's, past the project's lists. */
function isPersonNoun(w: string): boolean {
  const bare = w.replace(/'s$/, '');
  return !MEMBER_SUBJECTS.has(bare) && personNounKind(bare) !== null;
}

/** The words of a clause after its verb (its complement), without punctuation. */
export function complement(clause: Clause): Word[] {
  return clause.words.slice(clause.verb + 1).filter((w) => !w.mark);
}
