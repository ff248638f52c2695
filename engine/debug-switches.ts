// Environment variables that make a bundled dependency print what it is parsing. The yaml package
// prints every token of a frontmatter with LOG_TOKENS and every parsed node with LOG_STREAM (to
// stdout: the CLI's JSON no longer parses, and the server's console goes to the editor's output
// channel), which would put the roster, dates of birth and phone numbers there. The CLI and the
// server remove them from their own environment before any note is read (worker threads are
// started later, with a copy of what is left). test/hardening/debug-switches.test.ts reads the
// bundles for every environment variable they read, so a new dependency's switch is seen.

/**
 * Switches of dependencies that print note content; removed at start. TINYGLOBBY_DEBUG makes the
 * CLI's glob library log every path it matches, to stdout: note file names can name members.
 */
export const CONTENT_PRINTING_SWITCHES: readonly string[] = ['LOG_TOKENS', 'LOG_STREAM', 'TINYGLOBBY_DEBUG'];

/** Removes the switches from `env` (the process's own environment by default). */
export function neutraliseDebugSwitches(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of CONTENT_PRINTING_SWITCHES) delete env[name];
}
