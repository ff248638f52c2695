// End-to-end tests (npm run test:e2e): the packaged .vsix, VS Code (code-server in headless
// Chromium) and Neovim. Their files end in .e2e.ts so the plain `vitest run` never picks them up;
// scripts/e2e-setup.mjs installs what they need first.

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { englishDictionaryVite } from '../../scripts/package-meta.mjs';

export default defineConfig({
  // the engine imports the English word list as text, as in the bundles (scripts/package-meta.mjs)
  plugins: [englishDictionaryVite],
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // one editor at a time: code-server and Chromium want both cores
    fileParallelism: false,
    // upper bounds (a loaded 2-core machine); the tests wait on conditions, not on time
    testTimeout: 300_000,
    hookTimeout: 180_000,
  },
});
