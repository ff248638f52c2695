// Build-time constants from package.json, shared by scripts/build.mjs (esbuild `define`) and
// vitest.config.ts, so sources and bundles agree on the version and the docs base URL.
import { readFileSync } from 'node:fs';

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
