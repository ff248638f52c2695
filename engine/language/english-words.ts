// Whether a word is an ordinary English word, read from the Hunspell en-US word list of the
// `dictionary-en` package: its lower-case entries, one per line, embedded at build time
// (scripts/package-meta.mjs; nothing is read or fetched at run time). A roster
// name that is also a word ("Sage", "Hunter", "Grace") needs a person's context before a lower-case
// or sentence-initial use of it reads as a leak ("comments that were sage but unkind").
// Lower-case entries are common words; names appear there only capitalised ("Dario").

/// <reference path="./text-modules.d.ts" />
import dictionary from 'dictionary-en/index.dic';

// Only roster name words are looked up; the cache is cleared when it fills so a long run of
// different rosters cannot grow it without bound.
const cache = new Map<string, boolean>();
const CACHE_LIMIT = 20_000;

/** True when the lower-case form of `word` is an entry of the English dictionary. */
export function isEnglishWord(word: string): boolean {
  const lower = word.toLowerCase();
  const cached = cache.get(lower);
  if (cached !== undefined) return cached;
  const found = /^[a-z][a-z'-]*$/.test(lower) && dictionary.includes(`\n${lower}\n`);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(lower, found);
  return found;
}
