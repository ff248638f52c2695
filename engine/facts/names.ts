// Finds mentions of roster members in text: full names, first and last names, aliases,
// possessives, dotted initials, ids and (when the roster has them) dates of birth, phones, emails.
// The roster is the dictionary; no guessing of names that are not in it.

import type { Member } from './note.js';
import { bareName, bareWord, tokenBareName, tokenize, type Token } from '../parse/text.js';
import { isEnglishWord } from '../language/english-words.js';
import { AVOIDANT_WORDS, FUNCTION_WORDS, NOT_ACT_VERBS, REACTION_WORDS, ROLE_WORDS, SPEECH_VERBS, STAFF_NOUNS, STAFF_TITLES, UPTAKE_VERBS } from '../language/lexicon.js';

export type VariantKind = 'full name' | 'first name' | 'last name' | 'alias' | 'initials' | 'id' | 'date of birth' | 'phone' | 'email' | 'misspelt name';

const MIN_TYPO_LENGTH = 6;

/** True when a and b differ by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

interface Variant {
  member: Member;
  kind: VariantKind;
  /** bare word forms, in order */
  words: string[];
  /** only a capitalised word counts (a part of a hyphenated name: "Grant" of Grant-Osei, not "a grant") */
  capitalOnly?: boolean;
}

export interface NameMention {
  start: number;
  end: number;
  kind: VariantKind;
  /** every member this mention could name (more than one when members share a name) */
  members: Member[];
}

// Given names that are also ordinary English words: they count as names only when written
// capitalised in a place where a name reads naturally. The English dictionary decides for most
// ("sage", "hunter"); this list adds names whose word sense it spells differently or lacks.
const WORD_NAMES = new Set(
  (
    'hope will grace joy mark faith may june april august summer autumn winter rose lily iris ivy dawn eve sky ' +
    'sunny rich bill art pat sue jack frank gene guy max ray rob dean drew earl ernest miles norman young ' +
    'chance destiny harmony honor justice patience prudence charity mercy trinity star storm river brook ' +
    'holly heather olive ruby pearl amber crystal jade ginger daisy violet scarlet hunter rocky buddy carol ' +
    'christian rusty sandy misty penny chip dusty bud page paige reed wade lane chase cash price king ' +
    'brown white black green gray grey young long short hall wood stone rice best moore marsh bell bush ' +
    'carter cook baker miller fisher hunter mason porter turner walker wells bond hill park lee love ' +
    'noble free rich sharp strong swift wise bright joy glory bliss angel blue gale grant lamb chase rose'
  ).split(/\s+/),
);

// Verbs that follow a name at the start of a sentence in notes ("Hope said ..."). Used only to
// decide whether a sentence-initial word-name is a person.
const PERSON_VERBS = new Set(
  (
    'said says shared shares described describes reported reports stated states disclosed discloses talked talks ' +
    'spoke speaks asked asks offered offers gave gives noted notes explained explains agreed agrees was ' +
    'had has arrived left joined practiced practised completed identified expressed processed presented ' +
    'rated role-played rehearsed declined refused responded acknowledged admitted appeared seemed became ' +
    'continues continued told tells discussed discusses mentioned mentions provided provides volunteered ' +
    'cried laughed smiled nodded opened opens participated participates engaged engages ' +
    'who'
  ).split(/\s+/),
);

// A name right after a kinship word names a relative ("her sister Grace"), not a member.
const KINSHIP = new Set(
  (
    'mother mom mum father dad sister brother son daughter wife husband partner spouse fiance fiancee girlfriend ' +
    'boyfriend cousin aunt uncle niece nephew grandmother grandfather grandma grandpa grandson granddaughter ' +
    'stepmother stepfather stepson stepdaughter child baby sibling twin stepsister stepbrother grandchild ' +
    'in-law mother-in-law father-in-law sister-in-law brother-in-law godmother godfather'
  ).split(/\s+/),
);

// Said of a person, even when the name is written in lower case ("joy said").
const SAID_OF_PERSON = new Set('said says shared described reported stated asked told explained disclosed talked offered gave admitted agreed'.split(' '));

// Verbs whose object is a person ("texted wren", "thanked hope"), also with "to" ("apologised to sage").
const PERSON_OBJECT_VERBS = new Set('texted texts messaged emailed phoned told tells thanked hugged visited praised blamed trusted helped reassured comforted'.split(' '));
const TO_PERSON_VERBS = new Set('said says talked talks spoke speaks listened apologized apologised replied wrote turned explained complained lied'.split(' '));

// Irregular past tenses that follow a name ("Will sat next to her"); a modal "Will" takes a bare verb.
const IRREGULAR_PAST = new Set(
  'sat stood came went brought took made got kept thought felt gave told said spoke wrote read led left met ran drove ate drank slept woke began became held heard knew lost paid put saw sent shook showed sought taught threw understood wore won'.split(' '),
);

const isWordName = (word: string) => WORD_NAMES.has(word) || isEnglishWord(word);

const MONTHS = new Set(['may', 'june', 'april', 'august']);
const BEFORE_MONTH = new Set('in on of since until till by last next early late mid this that from through before after during'.split(' '));

const POSSESSIVE = /['’]s$/i;

// Short forms people use for common given names. Only used when the roster gives no aliases.
const NICKNAMES = new Map<string, string[]>(
  (
    'raymond:ray william:will,bill,billy,liam robert:rob,bob,bobby,robbie james:jim,jimmy,jamie john:johnny,jack ' +
    'joseph:joe,joey michael:mike,mikey christopher:chris daniel:dan,danny matthew:matt anthony:tony ' +
    'richard:rick,rich,dick thomas:tom,tommy charles:charlie,chuck edward:ed,eddie,ted theodore:theo,teddy ' +
    'benjamin:ben,benny nicholas:nick samuel:sam,sammy alexander:alex jonathan:jon gregory:greg patrick:pat ' +
    'timothy:tim stephen:steve steven:steve kenneth:ken,kenny ronald:ron,ronnie donald:don,donnie ' +
    'douglas:doug gerald:gerry jerome:jerry lawrence:larry leonard:leo,len frederick:fred,freddie ' +
    'elizabeth:liz,beth,betty,lizzie margaret:peggy,maggie,meg katherine:kate,katie,kathy catherine:cathy,cat ' +
    'jennifer:jen,jenny jessica:jess rebecca:becky,becca deborah:deb,debbie patricia:pat,patty,trish ' +
    'susan:sue,susie victoria:vicky,tori kimberly:kim christina:tina,chris alexandra:alex,lexi ' +
    'samantha:sam abigail:abby dorothy:dot,dottie barbara:barb,babs cynthia:cindy theresa:terri,tess ' +
    'teresa:terri,tess dolores:dee,lola josephine:jo,josie eleanor:ellie,nell gabriela:gabi,gaby gabrielle:gabi ' +
    'bernard:bernie eugene:gene walter:walt henry:hank harold:hal cameron:cam zachary:zach nathaniel:nate,nat ' +
    'jacob:jake andrew:andy,drew kevin:kev dominic:dom vincent:vince'
  )
    .split(/\s+/)
    .map((entry) => entry.split(':') as [string, string])
    .map(([full, short]) => [full, short.split(',')]),
);

function nameWords(text: string): string[] {
  return tokenize(text).map((t) => bareName(t.text));
}

/** Words of a name with hyphenated parts also split: "Ana-María" -> ["ana", "maria"]. */
function splitHyphens(text: string): string[] {
  return tokenize(text.replace(/-/g, ' ')).map((t) => bareWord(t.text));
}

const GENERIC_NAME = /^(?:member|client|patient|participant|pt)\b/i;

function variantsOf(member: Member): Variant[] {
  const out: Variant[] = [];
  const add = (kind: VariantKind, words: string[]) => {
    if (words.length > 0 && words.every((w) => w.length > 0)) out.push({ member, kind, words });
  };
  if (member.name) {
    const words = nameWords(member.name);
    add('full name', words);
    const split = splitHyphens(member.name);
    if (split.length !== words.length) add('full name', split);
    // "Dante R." is a first name with a last initial: the first name alone still names him.
    const lastInitial = /^[^.]+\s\p{Lu}\.?$/u.test(member.name.trim());
    const personName = !GENERIC_NAME.test(member.name) && words.every((w) => /^\p{L}+$/u.test(w)) && (lastInitial || !/\./.test(member.name));
    if (personName && lastInitial) {
      add('first name', [words[0]]);
    } else if (personName && words.length > 1) {
      add('first name', [words[0]]);
      add('last name', [words[words.length - 1]]);
      // "Reyes-Morgan" is also written "Reyes Morgan", or shortened to one of its parts
      const lastParts = splitHyphens(tokenize(member.name).at(-1)!.text);
      if (lastParts.length > 1) {
        add('last name', lastParts);
        for (const part of lastParts) if (part.length >= 4) out.push({ member, kind: 'last name', words: [part], capitalOnly: true });
      }
      const tokens = tokenize(member.name);
      const firstParts = splitHyphens(tokens[0].text);
      if (firstParts.length > 1) add('first name', firstParts);
      const initials = tokens.map((t) => bareWord(t.text)[0]);
      add('initials', [initials[0], initials[initials.length - 1]]);
      // "G.H.S." for Gabriel Henrique Souza: every part of a three-part name
      if (initials.length >= 3) add('initials', initials);
    } else if (personName && words.length === 1) {
      add('first name', words);
    }
  }
  for (const alias of member.aliases) add('alias', nameWords(alias));
  // Common short forms of the first name ("Ray" for Raymond), unless the roster already lists aliases.
  if (member.name && member.aliases.length === 0) {
    for (const nick of NICKNAMES.get(nameWords(member.name)[0]) ?? []) add('alias', [nick]);
  }
  if (member.id) {
    add('id', nameWords(member.id));
    const digits = /\d{4,}/.exec(member.id)?.[0];
    if (digits && digits !== member.id) add('id', [digits]);
    // "15903112-4" for 15.903.112-4: an id of grouped digits written without its dots
    const allDigits = digitsOf(member.id);
    if (allDigits.length >= 7 && /[.\s]/.test(member.id)) add('id', [allDigits]);
    // "OT-125" written "OT 125": the id's letters and number as two words
    const parts = splitHyphens(member.id);
    if (parts.length === 2 && /^\p{L}{2,}$/u.test(parts[0]) && /^\d{3,}$/.test(parts[1])) add('id', parts);
  }
  // Numeric ids shorter than three digits would match counts and ratings.
  return out.filter((v) => !(v.kind === 'id' && v.words.length === 1 && /^\d{1,2}$/.test(v.words[0])));
}

export interface MatchContext {
  /** whose section this is; their own names are not reported */
  owner: Member | null;
}

// Contact details are matched on their normalised value, whatever the punctuation.
const PHONE_RE = /(?<![\d-])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?![\d-])|(?<![\d-])\d{3}[\s.-]\d{4}(?![\d-])/g;
const DATE_RE = /(?<![\d/.-])(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))(?![\d/.-]*\d)/g;
// The local part is at most 64 characters (RFC 5321); unbounded, a long run of letters without an
// "@" took quadratic time.
const EMAIL_RE = /[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+/g;

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** "1951-03-09", "03/09/1951", "3/9/51" -> "1951-03-09" (two-digit years -> "??51-03-09"). US order. */
export function normaliseDate(text: string): string | null {
  const parts = text.split(/[-/.]/).map((p) => p.trim());
  if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
  let [y, m, d] = parts;
  if (parts[0].length !== 4) [m, d, y] = parts;
  const pad = (n: string) => n.padStart(2, '0');
  if (Number(m) < 1 || Number(m) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  return `${y.length === 2 ? `??${y}` : y}-${pad(m)}-${pad(d)}`;
}

function sameDate(a: string, b: string): boolean {
  return a === b || (a.startsWith('??') || b.startsWith('??') ? a.slice(2) === b.slice(2) : false);
}

interface Contacts {
  member: Member;
  phone: string | null;
  dob: string | null;
  email: string | null;
}

export class NameMatcher {
  private readonly byFirstWord = new Map<string, Variant[]>();
  private readonly contacts: Contacts[] = [];
  /** one-word names long enough to be matched with a typo */
  private readonly longSingleWords: Variant[] = [];
  private readonly staffWords = new Set<string>();
  private readonly staffNames: string[][];

  constructor(roster: Member[], staff: string[] = []) {
    for (const member of roster) {
      for (const v of variantsOf(member)) {
        const list = this.byFirstWord.get(v.words[0]) ?? [];
        list.push(v);
        this.byFirstWord.set(v.words[0], list);
      }
    }
    for (const member of roster) {
      const phone = member.phone && digitsOf(member.phone).length >= 7 ? digitsOf(member.phone).slice(-10) : null;
      const dob = member.dob ? normaliseDate(member.dob) : null;
      const email = member.email ? member.email.trim().toLowerCase() : null;
      if (phone || dob || email) this.contacts.push({ member, phone, dob, email });
    }
    for (const list of this.byFirstWord.values()) {
      for (const v of list) if (v.words.length === 1 && v.words[0].length >= MIN_TYPO_LENGTH && /^\p{L}+$/u.test(v.words[0]) && v.kind !== 'id') this.longSingleWords.push(v);
    }
    this.staffNames = staff.map(nameWords).filter((w) => w.length > 0);
    for (const words of this.staffNames) for (const w of words) this.staffWords.add(w);
  }

  /** Every mention of a roster member between from and to, in text order. */
  find(text: string, from: number, to: number): NameMention[] {
    const contacts = this.findContacts(text, from, to);
    const names = this.findNames(text, from, to).filter((n) => !contacts.some((c) => n.start < c.end && c.start < n.end));
    return [...contacts, ...names].sort((a, b) => a.start - b.start);
  }

  private findContacts(text: string, from: number, to: number): NameMention[] {
    if (this.contacts.length === 0) return [];
    const slice = text.slice(from, to);
    const out: NameMention[] = [];
    const scan = (re: RegExp, kind: VariantKind, matches: (value: string, c: Contacts) => boolean) => {
      re.lastIndex = 0;
      for (let m = re.exec(slice); m; m = re.exec(slice)) {
        const members = this.contacts.filter((c) => matches(m![0], c)).map((c) => c.member);
        if (members.length) out.push({ start: from + m.index, end: from + m.index + m[0].length, kind, members });
      }
    };
    scan(EMAIL_RE, 'email', (v, c) => c.email === v.toLowerCase());
    scan(PHONE_RE, 'phone', (v, c) => !!c.phone && c.phone.endsWith(digitsOf(v).slice(-10)) && digitsOf(v).length >= 7);
    scan(DATE_RE, 'date of birth', (v, c) => {
      const date = normaliseDate(v);
      return !!c.dob && !!date && sameDate(date, c.dob);
    });
    return out;
  }

  private findNames(text: string, from: number, to: number): NameMention[] {
    const tokens = tokenize(text, from, to);
    const bare = tokens.map(tokenBareName);
    const mentions: NameMention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const staffLength = this.staffAt(text, tokens, bare, i);
      if (staffLength > 0) {
        i += staffLength - 1;
        continue;
      }
      const candidates = this.byFirstWord.get(bare[i]);
      if (!candidates) {
        const typo = this.misspeltName(tokens[i], bare[i]);
        if (typo) mentions.push(typo);
        continue;
      }
      let bestLength = 0;
      let best: Variant[] = [];
      for (const v of candidates) {
        const n = v.words.length;
        if (n < bestLength || !this.wordsMatch(text, tokens, bare, i, v)) continue;
        if (n > bestLength) {
          bestLength = n;
          best = [v];
        } else best.push(v);
      }
      if (bestLength === 0) continue;
      const first = tokens[i];
      const last = tokens[i + bestLength - 1];
      if (bestLength === 1 && !this.readsAsName(text, tokens, i, best)) continue;
      const members = [...new Set(best.map((v) => v.member))];
      // dotted initials include their final full stop
      const end = best[0].kind === 'initials' ? last.end + 1 : last.end;
      mentions.push({ start: first.start, end, kind: best[0].kind, members });
      i += bestLength - 1;
    }
    return mentions;
  }

  /**
   * A capitalised word one typo away from a long name ("Natarjan" for Natarajan). Short names are
   * left alone: one letter turns too many short words into names.
   */
  private misspeltName(token: Token, bare: string): NameMention | null {
    if (bare.length < MIN_TYPO_LENGTH || !/^\p{Lu}/u.test(token.text) || this.staffWords.has(bare) || isWordName(bare)) return null;
    const members = this.longSingleWords.filter((v) => Math.abs(v.words[0].length - bare.length) <= 1 && withinOneEdit(bare, v.words[0])).map((v) => v.member);
    if (members.length === 0) return null;
    return { start: token.start, end: token.end, kind: 'misspelt name', members: [...new Set(members)] };
  }

  private wordsMatch(text: string, tokens: Token[], bare: string[], i: number, v: Variant): boolean {
    const n = v.words.length;
    if (i + n > tokens.length) return false;
    for (let k = 0; k < n; k++) {
      if (bare[i + k] !== v.words[k]) return false;
      if (k > 0) {
        const gap = text.slice(tokens[i + k - 1].end, tokens[i + k].start);
        const allowed = v.kind === 'initials' ? /^\.\s?$/ : v.kind === 'full name' || v.kind === 'alias' ? /^\.?[ \t]*(?:\r?\n|\r)?[ \t]*$/ : /^[\s./@:-]*$/;
        if (!allowed.test(gap)) return false;
      }
    }
    // A member known only by initials ("A.M.") is matched only as capital initials, never in "3 a.m."
    if (v.words.every((w) => w.length === 1) && v.kind !== 'initials') {
      const span = text.slice(tokens[i].start, tokens[i + n - 1].end);
      const before = i > 0 ? tokens[i - 1].text : '';
      if (!/^\p{Lu}(?:\.\s?\p{Lu})+$/u.test(span) || /^\d+$/.test(before)) return false;
    }
    if (v.kind === 'initials') {
      // only dotted capitals count as initials: "J.O." or "J. O."
      const span = text.slice(tokens[i].start, tokens[i + n - 1].end + 1);
      if (!/^\p{Lu}\.(?:\s?\p{Lu}\.)+$/u.test(span)) return false;
    }
    return true;
  }

  /** Length in tokens of a staff member's full name starting at token i, or 0. */
  private staffAt(text: string, tokens: Token[], bare: string[], i: number): number {
    for (const words of this.staffNames) {
      if (words.length < 2 || i + words.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < words.length && ok; k++) ok = bare[i + k] === words[k];
      if (ok) return words.length;
    }
    return 0;
  }

  /** Decides whether a one-word match is really a person's name here. */
  private readsAsName(text: string, tokens: Token[], i: number, variants: Variant[]): boolean {
    const token = tokens[i];
    const word = tokenBareName(token);
    const kinds = new Set(variants.map((v) => v.kind));
    if (kinds.has('id') || kinds.has('phone') || kinds.has('email') || kinds.has('date of birth')) return true;
    const previous = i > 0 ? bareWord(tokens[i - 1].text) : '';
    if (KINSHIP.has(previous)) return false;
    if (namesSomethingElse(text, tokens, i)) return false;
    // A staff member who shares this word: cannot tell who is meant, so do not accuse.
    if (this.staffWords.has(word)) return false;
    if (variants.every((v) => v.capitalOnly) && !/^\p{Lu}/u.test(token.text)) return false;
    const next = tokens[i + 1];
    const nextWord = next && /^\s*$/.test(text.slice(token.end, next.start)) ? next.text.toLowerCase() : '';
    // "in May", "May 3rd": a month, not a member
    if (MONTHS.has(word) && (BEFORE_MONTH.has(previous) || /^\d/.test(nextWord))) return false;
    if (!isWordName(word)) return true;
    // "I. Sow", "N. Ashby": a surname after an initial is a name, whatever else the word means
    const before = tokens[i - 1];
    if (before && /^\p{Lu}$/u.test(before.text) && /^\.[ \t]?$/.test(text.slice(before.end, token.start))) return true;
    const capitalised = /^\p{Lu}/u.test(token.text);
    // a word-name in lower case is a person only in a person's place: "joy said", "texted wren", "talked to sage"
    if (!capitalised) return SAID_OF_PERSON.has(nextWord) || PERSON_OBJECT_VERBS.has(previous) || (previous === 'to' && i > 1 && TO_PERSON_VERBS.has(bareWord(tokens[i - 2].text)));
    if (POSSESSIVE.test(token.text)) return true;
    if (!isSentenceStart(text, token.start)) return true;
    // "Will shared" is a person; "Will need", "Grant funded the passes", "May bring" are not
    return PERSON_VERBS.has(nextWord) || IRREGULAR_PAST.has(nextWord) || (/[^e]ed$/.test(nextWord) && isPersonVerb(nextWord));
  }
}

const isPersonVerb = (w: string) => SPEECH_VERBS.has(w) || UPTAKE_VERBS.has(w) || REACTION_WORDS.has(w) || AVOIDANT_WORDS.has(w) || NOT_ACT_VERBS.has(w);

const ARTICLES = new Set('a an the this that each every some another any no one'.split(' '));
const MONTH_OR_DAY = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;
const PARTICLE = /^(?:of|de|del|la|le|les|du|des|di|da|do|dos|das|van|von|der|den|the)$/;
const PLACE_PREPOSITIONS = new Set('in from outside near around across throughout'.split(' '));
const MOVEMENT = /^(?:moved|moving|move|drove|driving|drive|went|going|go|flew|fly|flying|travel(?:l)?ed|travel(?:l)?ing|trip|trips|headed|returned|relocated|commutes?|commuted|back|visit(?:ed|ing)?|road)$/;
const US_STATE = /^(?:[A-Z]{2}|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|Ohio|Oklahoma|Oregon|Pennsylvania|Tennessee|Texas|Utah|Vermont|Virginia|Washington|Wisconsin|Wyoming|Carolina|Dakota|Jersey|Hampshire|Mexico|York|Italy|Spain|France|Canada|England|Ireland|Scotland|Mexico)$/;

/**
 * A one-word match that is part of something else: staff introduced with a role ("nurse Marta",
 * "the intern, Idris"), a longer proper noun or title ("Charity Navigator", "Victoria Station",
 * "East of Eden", "Marta Pohl" when no member is called Pohl), a place ("in Savannah",
 * "moved to Austin", "Tyler, TX"), or a word quoted on its own ('circled "Hope"').
 */
function namesSomethingElse(text: string, tokens: Token[], i: number): boolean {
  const token = tokens[i];
  const prev = tokens[i - 1];
  const prev2 = tokens[i - 2];
  const next = tokens[i + 1];
  const gapBefore = prev ? text.slice(prev.end, token.start) : '';
  const gapAfter = next ? text.slice(token.end, next.start) : '';
  const lower = (t: Token | undefined) => (t ? bareWord(t.text) : '');
  // staff: "nurse Marta", "peer recovery coach Marta", "the intern, Idris,", "Co-facilitator Marta (OT)"
  const roleBefore = (t: Token | undefined, t2: Token | undefined) => !!t && (ROLE_WORDS.has(lower(t)) || STAFF_TITLES.some((title) => `${lower(t2)} ${lower(t)}` === title));
  const space = (gap: string) => /^[ \t]*(?:\r?\n|\r)?[ \t]*$/.test(gap) && gap.length > 0;
  if ((space(gapBefore) || /^,\s+$/.test(gapBefore)) && roleBefore(prev, prev2)) return true;
  // "Assistant principal Mr. Freeman": a role before the honorific
  if (prev && /^(?:mr|mrs|ms|miss|dr|mx)$/.test(lower(prev)) && /^\.?\s+$/.test(gapBefore) && roleBefore(prev2, tokens[i - 3])) return true;
  // "St. Ignatius parish", "Saint Agnes hospital": a saint's name names a church, a school or a hospital
  if (prev && /^(?:st|saint|ste|san|santa)$/.test(lower(prev)) && /^\p{Lu}/u.test(prev.text) && /^\.?[ \t]+$/.test(gapBefore) && !POSSESSIVE.test(token.text)) return true;
  // "the Lowell connector", "the Moreno building": a name used as a modifier of a lower-case noun is a place or a thing
  if (space(gapBefore) && lower(prev) === 'the' && next && space(gapAfter) && /^\p{Ll}/u.test(next.text) && !isPersonVerb(lower(next)) && !POSSESSIVE.test(token.text)) return true;
  if (next && /^,?\s*\(?$/.test(gapAfter) && /^,\s*(?:the\s+|our\s+|a\s+)?$|^\s*\($/.test(gapAfter) && STAFF_NOUNS.has(lower(next))) return true;
  // a longer proper noun: the next or previous word is capitalised and not a sentence start
  const capital = (t: Token | undefined) => !!t && /^\p{Lu}/u.test(t.text) && !MONTH_OR_DAY.test(lower(t));
  if (/^\p{Lu}/u.test(token.text)) {
    // (not "Grace L." with a last initial, not "What Dario said" at the start of a quote)
    if (space(gapAfter) && capital(next) && next!.text.length > 1 && !POSSESSIVE.test(token.text)) return true;
    if (gapBefore === ' ' && capital(prev) && !isSentenceStart(text, prev!.start) && !/["“(]\s*$/.test(text.slice(Math.max(0, prev!.start - 2), prev!.start)) && !STAFF_NOUNS.has(lower(prev)) && !FUNCTION_WORDS.has(lower(prev))) return true;
    // "East of Eden", "Sisters of Mercy", "Musée de la Marine": particles back to a capitalised word
    if (gapBefore === ' ' && PARTICLE.test(lower(prev))) {
      let k = i - 2;
      while (k >= 0 && k > i - 4 && PARTICLE.test(lower(tokens[k])) && /^ $/.test(text.slice(tokens[k].end, tokens[k + 1].start))) k--;
      if (k >= 0 && capital(tokens[k]) && /^ $/.test(text.slice(tokens[k].end, tokens[k + 1].start))) return true;
    }
  }
  // places: "in Savannah", "moved back to Madison", "Tyler, TX", "Austin, Texas" (never "from Walt's talk")
  if (POSSESSIVE.test(token.text)) return false;
  if (space(gapBefore) && PLACE_PREPOSITIONS.has(lower(prev))) return true;
  if (space(gapBefore) && lower(prev) === 'to' && (MOVEMENT.test(lower(prev2)) || MOVEMENT.test(lower(tokens[i - 3])))) return true;
  const after2 = tokens[i + 2];
  if (next && /^,\s+$/.test(gapAfter) && (US_STATE.test(next.text) || (/^(?:North|South|New|West|Rhode)$/.test(next.text) && !!after2 && US_STATE.test(after2.text)))) return true;
  if (/^\p{Ll}/u.test(token.text) && prev && space(gapBefore)) {
    // a lower-case word right after a subject pronoun is a verb ("he dove into work", "she will grace us")
    if (/^(?:he|she|they|i|we|it|you)$/.test(lower(prev))) return true;
    // ... and after an article, maybe with one word between, the ordinary word ("a small wren", "the grace period")
    if (ARTICLES.has(lower(prev)) || (/^\p{Ll}+$/u.test(prev.text) && !!prev2 && ARTICLES.has(lower(prev2)) && space(text.slice(prev2.end, prev.start)))) return true;
  }
  // a word quoted on its own: a chart word, a title
  if (/["“]\s*$/.test(text.slice(Math.max(0, token.start - 2), token.start)) && /^[.,!?]?["”]/.test(text.slice(token.end, token.end + 2))) return true;
  // a quoted title in title case that opens with the word: "Georgia on My Mind", "Grace Under Fire"
  if (/^\p{Lu}/u.test(token.text) && /["“]$/.test(text.slice(Math.max(0, token.start - 1), token.start))) {
    const title = /^[^"”\n]{0,60}(?=["”])/.exec(text.slice(token.end))?.[0];
    const words = title?.match(/\p{L}[\p{L}'’]*/gu) ?? [];
    // every longer word capitalised, as titles are ("Georgia on My Mind"), unlike speech ("Maria was right about me")
    const long = words.filter((w) => w.length >= 4);
    if (title !== undefined && words.length >= 2 && long.length >= 1 && long.every((w) => /^\p{Lu}/u.test(w))) return true;
  }
  return false;
}

/** True when the word at offset begins a sentence, a line, a list item or a labelled field. */
export function isSentenceStart(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '*' || text[i] === '_' || text[i] === '"' || text[i] === '“' || text[i] === '(')) i--;
  if (i < 0) return true;
  const ch = text[i];
  if (ch === '\n' || ch === '\r') return !softWrap(text, i);
  if (ch === '.' || ch === '!' || ch === '?' || ch === ':' || ch === ';' || ch === '#' || ch === '>') return true;
  // list marker at line start
  if (ch === '-' || ch === '+') {
    const lineStart = Math.max(text.lastIndexOf('\n', i), text.lastIndexOf('\r', i)) + 1;
    return /^\s*$/.test(text.slice(lineStart, i));
  }
  return false;
}

/**
 * The line break at `at` wraps a sentence onto the next line: the line before it ends in a word or a
 * comma ("Said she and\nClement grew up ..."), with no blank line between and no heading or table row.
 */
function softWrap(text: string, at: number): boolean {
  let j = at;
  if (text[j] === '\n' && text[j - 1] === '\r') j--;
  j--;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  if (j < 0 || !/[\p{L}\d,]/u.test(text[j])) return false;
  const lineStart = Math.max(text.lastIndexOf('\n', j), text.lastIndexOf('\r', j)) + 1;
  return !/^[ \t]{0,3}(?:#|\||[-*+][ \t]|\d{1,3}[.)][ \t]|---)/.test(text.slice(lineStart, j + 1));
}

export const PRONOUNS = new Set(
  'he she they him her his hers them their theirs himself herself themselves themself'.split(' '),
);

/** The compared forms (bareWord) of every word of the roster's names, ids and aliases. */
export function rosterNameWords(roster: readonly Member[]): Set<string> {
  const words = new Set<string>();
  for (const m of roster) for (const part of [m.name, m.id, ...m.aliases]) if (part) for (const t of tokenize(part)) words.add(bareWord(t.text));
  return words;
}

/**
 * A word as copy detection compares it (member-copy-paste, cloned sections): a word of a member's
 * name as '@' and a pronoun as '~', so a copy with the names changed still matches.
 */
export function maskedWord(token: Token, nameWords: ReadonlySet<string>): string {
  return nameWords.has(tokenBareName(token)) ? '@' : PRONOUNS.has(token.norm) ? '~' : token.norm;
}
