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
/** esbuild plugin for every bundle of the engine (scripts/build.mjs, the benchmark, tests that bundle). */
export const englishDictionary = {
  name: 'english-dictionary',
  setup(build) {
    build.onResolve({ filter: /^dictionary-en\/index\.dic$/ }, () => ({ path: dictionaryPath }));
    build.onLoad({ filter: /\.dic$/ }, () => ({ contents: dictionaryWords(), loader: 'text' }));
  },
};
/** The same for vitest (vite), which runs the sources unbundled. */
export const englishDictionaryVite = {
  name: 'english-dictionary',
  enforce: 'pre',
  resolveId: (id) => (id === 'dictionary-en/index.dic' ? dictionaryPath : undefined),
  load: (id) => (id === dictionaryPath ? `export default ${JSON.stringify(dictionaryWords())};` : undefined),
};
