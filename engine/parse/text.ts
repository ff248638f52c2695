// Text utilities shared by the note model and the rules: offsets to positions,
// word tokens with offsets, normalisation for name matching, sentence splitting.

export interface Position {
  /** 0-based line */
  line: number;
  /** 0-based column in UTF-16 code units (LSP's default encoding) */
  character: number;
}

/** Maps string offsets to line/column. Treats \r\n, \n and \r as line breaks. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    // Between the \r and \n of a CRLF is still the end of that line (as vscode-languageserver-textdocument
    // has it): a column past the line's end is outside the document for an editor.
    if (clamped > 0 && this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13) clamped--;
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}

export interface Token {
  /** the token as written */
  text: string;
  start: number;
  end: number;
  /** lower case, accents removed, curly apostrophes made straight */
  norm: string;
}

// Letters (with combining marks), digits, joined by inner apostrophes or hyphens:
// O'Connor, Ana-María, MRN-20417 and Jim's are single tokens.
const TOKEN_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’‘\-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;

// Letters that Unicode does not decompose into a base letter and an accent.
const SPECIAL_LETTERS: Record<string, string> = { æ: 'ae', Æ: 'ae', ø: 'o', Ø: 'o', œ: 'oe', Œ: 'oe', ß: 'ss', ð: 'd', Ð: 'd', đ: 'd', Đ: 'd', ł: 'l', Ł: 'l', þ: 'th', Þ: 'th', ı: 'i' };

const MARKS = /\p{M}+/gu;
const SPECIAL = /[æÆøØœŒßðÐđĐłŁþÞı]/g;
const CURLY_QUOTES = /[’‘]/g;

/** True when every character of `text` is ASCII (a loop: cheaper than a regular expression on short words). */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Lower case, without accents, straight apostrophes: the form words are compared in. */
// Line separators and a carriage return on its own (old Mac line endings) end a line as "\n" does;
// each is one code unit, so replacing it keeps every offset, and patterns written for "\n" and
// "\r\n" read a CR-only note as they read its LF twin.
export function withLineBreaks(text: string): string {
  return /[\u2028\u2029]|\r(?!\n)/.test(text) ? text.replace(/[\u2028\u2029]|\r(?!\n)/g, '\n') : text;
}

export function normalizeWord(word: string): string {
  // Most words are plain ASCII: lower-casing is all they need (this runs for every word of a note).
  if (isAscii(word)) return word.toLowerCase();
  return word
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(SPECIAL, (c) => SPECIAL_LETTERS[c])
    .replace(CURLY_QUOTES, "'")
    .toLowerCase();
}

/** A form for comparing names: no accents, apostrophes or hyphens ("o'connor" -> "oconnor"). */
export function bareWord(word: string): string {
  return withoutJoiners(normalizeWord(word));
}

/** A normalised word without its apostrophes and hyphens. */
function withoutJoiners(norm: string): string {
  // most words have neither (this runs for every word of a note, several times)
  return norm.includes("'") || norm.includes('-') ? norm.replace(/['\-]/g, '') : norm;
}

/** True when the word ends in a possessive "'s" (straight or curly apostrophe, either case of s). */
function isPossessive(word: string): boolean {
  const n = word.length;
  const last = word.charCodeAt(n - 1);
  const before = word.charCodeAt(n - 2);
  return (last === 115 /* s */ || last === 83 /* S */) && (before === 39 /* ' */ || before === 0x2019 /* ’ */);
}

/** bareWord of a word without its possessive "'s" ("Ana's" -> "ana"). */
export function bareName(word: string): string {
  return bareWord(isPossessive(word) ? word.slice(0, -2) : word);
}

/**
 * bareName of a token's text, taken from its normalised form when the text is plain ASCII (there
 * lower-casing is all normalising does, so the two agree); runs for every word copy detection masks.
 */
export function tokenBareName(token: Token): string {
  if (!isAscii(token.text)) return bareName(token.text);
  return withoutJoiners(isPossessive(token.text) ? token.norm.slice(0, -2) : token.norm);
}

const WORD_START = /^[\p{L}\p{N}]$/u;
const WORD_PART = /^[\p{L}\p{M}\p{N}]$/u;

/** UTF-16 units of the code point at `i` (2 for a surrogate pair that ends before `to`). */
function codePointSize(text: string, i: number, to: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

/** True for A-Z and a-z (a character code). */
export function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20; // an ASCII letter in lower case
  return lower >= 97 && lower <= 122;
}

/**
 * Units of the code point at `i` when it is an ASCII letter or digit or matches `nonAscii`
 * (WORD_START: can start a word; WORD_PART: can continue one), else 0.
 */
function wordCharAt(text: string, i: number, to: number, nonAscii: RegExp): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return isAsciiLetter(c) || (c >= 48 && c <= 57) ? 1 : 0;
  const size = codePointSize(text, i, to);
  return nonAscii.test(text.slice(i, i + size)) ? size : 0;
}

const isJoiner = (c: number) => c === 39 /* ' */ || c === 0x2019 /* ’ */ || c === 0x2018 /* ‘ */ || c === 45; /* - */

/**
 * The words of text[from, to) with their offsets: what TOKEN_RE finds, read by a loop over the
 * characters instead (the regular expression with Unicode classes was one of the engine's largest
 * costs; tokenizeByRegex is kept as the reference the tests compare against).
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const first = wordCharAt(text, i, to, WORD_START);
    if (first === 0) {
      i += codePointSize(text, i, to); // a whole code point, as the regular expression steps in Unicode mode
      continue;
    }
    const start = i;
    i += first;
    for (;;) {
      let size = i < to ? wordCharAt(text, i, to, WORD_PART) : 0;
      while (size > 0) {
        i += size;
        size = i < to ? wordCharAt(text, i, to, WORD_PART) : 0;
      }
      // an inner apostrophe or hyphen joins the next word part when a letter or digit follows it
      if (i + 1 < to && isJoiner(text.charCodeAt(i))) {
        const next = wordCharAt(text, i + 1, to, WORD_START);
        if (next > 0) {
          i += 1 + next;
          continue;
        }
      }
      break;
    }
    const word = text.slice(start, i);
    tokens.push({ text: word, start, end: i, norm: normalizeWord(word) });
  }
  return tokens;
}

/** tokenize by TOKEN_RE itself: the reference for the loop above. */
export function tokenizeByRegex(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  const slice = text.slice(from, to);
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(slice); m; m = TOKEN_RE.exec(slice)) {
    tokens.push({ text: m[0], start: from + m.index, end: from + m.index + m[0].length, norm: normalizeWord(m[0]) });
  }
  return tokens;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** Closing quotes, brackets and emphasis that stay with the sentence they end: " ' ” ’ ) ] * _ */
const CLOSERS = new Set([0x22, 0x27, 0x201d, 0x2019, 0x29, 0x5d, 0x2a, 0x5f]);
const SPACE = /\s/;

/** /\s/ of the character at `i`, without the regular expression for ASCII. */
function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 0x80 ? c === 32 || (c >= 9 && c <= 13) : SPACE.test(text[i]);
}

// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set([
  'dr', 'mr', 'mrs', 'ms', 'st', 'vs', 'etc', 'e.g', 'i.e', 'approx', 'pt', 'pts', 'obj', 'no', 'hx', 'dx', 'tx',
  'min', 'mins', 'hr', 'hrs', 'jr', 'sr', 'wk', 'wks', 'mo', 'yr', 'yrs', 'appt',
]);

const TIME_OR_UNIT = /^(?:a\.m|p\.m|min|mins|hr|hrs|wk|wks)$/i;

/**
 * Splits a span of prose into sentences. Breaks at . ! ? followed by whitespace (unless after an
 * abbreviation or a single initial), at blank lines and at list items. Offsets are kept.
 */
export function splitSentences(text: string, from: number, to: number): Sentence[] {
  const sentences: Sentence[] = [];
  let start = from;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && isSpaceAt(text, s)) s++;
    while (e > s && isSpaceAt(text, e - 1)) e--;
    if (e > s) sentences.push({ start: s, end: e, text: text.slice(s, e) });
  };
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') {
      // blank line or a following list item ends the sentence
      let j = i + 1;
      if (ch === '\r' && text[j] === '\n') j++;
      const rest = text.slice(j, Math.min(to, j + 8));
      if (/^[ \t]*(?:\r?\n|\r|[-*+][ \t]|\d+[.)][ \t]|>)/.test(rest) || j >= to) {
        push(i);
        start = j;
        i = j - 1;
      }
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    // swallow closing quotes/brackets/emphasis after the terminator
    let j = i + 1;
    while (j < to && CLOSERS.has(text.charCodeAt(j))) j++;
    if (j < to && !isSpaceAt(text, j)) continue;
    if (ch === '.') {
      const before = text.slice(Math.max(from, i - 12), i);
      const word = /(?<![\p{L}.])([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
      const abbreviation = ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word) || /(?:^|\.)\p{L}$/u.test(word);
      // a time or unit ("6 a.m.", "15 min.") before a capitalised word ends the sentence: "at 6 a.m. Goal 2: ..."
      if (abbreviation && !(TIME_OR_UNIT.test(word) && /^\s+\p{Lu}/u.test(text.slice(j, Math.min(to, j + 4))))) continue;
    }
    push(j);
    start = j;
    i = j - 1;
  }
  push(to);
  return sentences;
}

export function countWords(text: string): number {
  return tokenize(text).length;
}

/** Removes Markdown emphasis and inline-code markers that would distort text comparison. */
export function stripInlineMarkup(text: string): string {
  return text.replace(/[*_`~]+/g, '').replace(/\s+/g, ' ').trim();
}
