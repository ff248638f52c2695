// Unit, rule, CLI and protocol tests (`vitest run`). End-to-end tests live in test/e2e with their
// own config. Timeouts are upper bounds for a loaded 2-core CI machine, never speed checks.

import { defineConfig } from 'vitest/config';
import { define, englishDictionaryVite } from './scripts/package-meta.mjs';

export default defineConfig({
  // the version and docs base URL that scripts/build.mjs gives the bundles (engine/version.ts)
  define,
  // the English word list (engine/language/english-words.ts) is imported as text, as in the bundles
  plugins: [englishDictionaryVite],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
