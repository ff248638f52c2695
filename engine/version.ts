// The package's version and where its rule pages are published, set from package.json at build
// time (scripts/build.mjs and vitest.config.ts define both constants), so the CLI, the library and
// the reports never read package.json at run time.

declare const __GROUPNOTE_LINT_VERSION__: string;
declare const __GROUPNOTE_LINT_DOCS_BASE_URL__: string;
declare const __GROUPNOTE_LINT_HOMEPAGE__: string;

/** The package's version (package.json). */
export const VERSION: string = __GROUPNOTE_LINT_VERSION__;

/** The project's home page (package.json `homepage`). */
export const HOMEPAGE: string = __GROUPNOTE_LINT_HOMEPAGE__;

/**
 * Where `docs/rules/<id>.md` is resolved by default: the repository's tree at this version's tag
 * (package.json `repository`), so links work away from the machine that ran the linter.
 */
export const DEFAULT_DOCS_BASE_URL: string = __GROUPNOTE_LINT_DOCS_BASE_URL__;

/** A rule's page as a URL: `docs/rules/<id>.md` resolved against the base (default: the repository at this version). */
export function ruleDocUrl(ruleId: string, base: string = DEFAULT_DOCS_BASE_URL): string {
  return new URL(`docs/rules/${ruleId}.md`, base.endsWith('/') ? base : `${base}/`).href;
}
