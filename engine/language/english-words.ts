// Whether a word is an ordinary English word, read from the Hunspell en-US word list of the
// `dictionary-en` package: its lower-case entries, one per line, embedded at build time
// (scripts/package-meta.mjs; nothing is read or fetched at run time). A roster name that is also a
// word ("Sage", "Hunter", "Grace") needs a person's context before a lower-case or sentence-initial
// use of it reads as a leak ("comments that were sage but unkind").
// Lower-case entries are common words; names appear there only capitalised ("Dario").

/// <reference path="./text-modules.d.ts" />
import dictionary from 'dictionary-en/index.dic';

// Built on the first lookup (about 40,000 words, a few milliseconds once per process): a scan of the
// text for each new roster word cost about 1 ms a note on the corpus.
let words: Set<string> | null = null;

/** True when the lower-case form of `word` is an entry of the English dictionary. */
export function isEnglishWord(word: string): boolean {
  words ??= new Set(dictionary.split('\n'));
  return words.has(word.toLowerCase());
}
