// How much work micromark will do on a text, estimated from its lines before it is parsed, so
// that a note cannot make the parser run for minutes or take gigabytes under the 1 MB size limit.
//
// micromark's work grows with the number of lines and container markers it reads (the events it
// makes), and, where a list item holds another container (`- > x`, `- - x`, an indented `  - b`,
// `> - > - x`), with the square of them: each line that closes such an item copies every event
// made so far (micromark's EditMap). Measured on this project's machine (docs/robustness.md):
// 2,000 lines of `> - ` x16 took 14 s and 547 MB through the CLI, 12,000 lines 763 s and 2.9 GB;
// a megabyte of short paragraphs behind a code fence 12 s and 2.1 GB.
//
// Each line costs 2 plus its container markers; a line whose prefix has a marker after a list
// marker or after an indent of 2 or more also costs 1/QUADRATIC_SHARE of everything before it in
// the same parse. The budget (PARSE_BUDGET) is about 0.2 s and 50 MB of micromark's work on that
// machine; the costliest of the sample and corpus notes and 2,000 generated bench notes uses 572
// (test/hardening/parse-budget.test.ts checks that each uses under a tenth).

/** Parse work allowed per note, in the units of `parseCost`. */
export const PARSE_BUDGET = 10_000;

/** A nested line costs this fraction of the work done before it in the same parse. */
const QUADRATIC_SHARE = 100;
/** Container prefixes are read up to this many characters (the note model cuts them at 64). */
const MAX_PREFIX = 256;

const SPACE = 32;
const TAB = 9;

export interface ParseCost {
  /** the cost of the text up to `cutAt` */
  cost: number;
  /** the offset of the first line that does not fit in the budget; -1 when all of it fits */
  cutAt: number;
}

/** The work of parsing `text` whole, up to the first line past `budget`. */
export function parseCost(text: string, budget: number = Infinity): ParseCost {
  let cost = 0;
  let before = 0; // the lines' own weights so far (what a nested line copies)
  let lineStart = 0;
  const length = text.length;
  while (lineStart < length) {
    let i = lineStart;
    const limit = Math.min(length, lineStart + MAX_PREFIX);
    let markers = 0;
    let opensNesting = false; // a list marker or an indent: a container after it is nested
    let nested = false;
    let first = true;
    while (i < limit) {
      let spaces = 0;
      while (i < limit && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) {
        spaces++;
        i++;
      }
      if (first && spaces >= 2) opensNesting = true;
      first = false;
      const marker = markerLength(text, i, limit);
      if (marker === 0) break;
      if (opensNesting) nested = true;
      if (text.charCodeAt(i) !== 62 /* > */) opensNesting = true;
      markers++;
      i += marker;
    }
    const weight = 2 + markers;
    const lineCost = weight + (nested ? Math.floor(before / QUADRATIC_SHARE) : 0);
    if (cost + lineCost > budget) return { cost, cutAt: lineStart };
    cost += lineCost;
    before += weight;
    // next line
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) break;
      i++;
    }
    lineStart = i + (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1);
  }
  return { cost, cutAt: -1 };
}

/** The length of a container marker at `at` (">", "-", "*", "+", "1." or "1)" before a space, tab or line end), or 0. */
function markerLength(text: string, at: number, limit: number): number {
  if (at >= limit) return 0;
  const c = text.charCodeAt(at);
  if (c === 62 /* > */) return 1;
  let end = at;
  if (c === 45 /* - */ || c === 42 /* * */ || c === 43 /* + */) {
    end = at + 1;
  } else {
    while (end < limit && end - at < 9 && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    if (end === at || end >= limit) return 0;
    const d = text.charCodeAt(end);
    if (d !== 46 /* . */ && d !== 41 /* ) */) return 0;
    end++;
  }
  if (end >= text.length) return end - at;
  const after = text.charCodeAt(end);
  return after === SPACE || after === TAB || after === 10 || after === 13 ? end - at : 0;
}
