// Matching patterns in a note's text with offsets into the note: what the rules that look for
// phrases share.

import type { Span } from './note.js';

export interface TextMatch extends Span {
  text: string;
  groups: (string | undefined)[];
}

// A global copy of each pattern, made once (the caller's pattern and its lastIndex are left alone).
const globalCopies = new WeakMap<RegExp, RegExp>();

function globalCopy(pattern: RegExp): RegExp {
  let re = globalCopies.get(pattern);
  if (!re) globalCopies.set(pattern, (re = new RegExp(pattern.source, pattern.global ? pattern.flags : `${pattern.flags}g`)));
  re.lastIndex = 0;
  return re;
}

/** Every match (at most `limit`) of a global or non-global pattern in text[from, to), with offsets into the note. */
export function matchesIn(text: string, from: number, to: number, pattern: RegExp, limit = Infinity): TextMatch[] {
  const re = globalCopy(pattern);
  const slice = text.slice(from, to);
  const out: TextMatch[] = [];
  for (let m = re.exec(slice); m; m = out.length < limit ? re.exec(slice) : null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: from + m.index, end: from + m.index + m[0].length, text: m[0], groups: m.slice(1) });
  }
  return out;
}

export function firstMatch(text: string, from: number, to: number, pattern: RegExp): TextMatch | null {
  return matchesIn(text, from, to, pattern, 1)[0] ?? null;
}

/** The span of a phrase found in whitespace-flattened text, mapped back to the original. */
export function phraseSpan(text: string, from: number, to: number, phrase: string): { start: number; end: number } {
  const words = phrase.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const m = new RegExp(words.join('\\s+')).exec(text.slice(from, to));
  return m ? { start: from + m.index, end: from + m.index + m[0].length } : { start: from, end: to };
}
