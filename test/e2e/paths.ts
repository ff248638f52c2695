// Where the end-to-end tests find the repo, their tools and the packaged extension.

import { chmodSync, cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** test artifacts (git-ignored): the .vsix, screenshots */
export const outputDir = join(repoRoot, 'test-output');
export const vsixPath = join(outputDir, 'groupnote-lint.vsix');
export const samplesDir = join(repoRoot, 'samples');
export const sampleRelative = 'iop-relapse-prevention/2026-05-19-relapse-prevention.md';
/** the findings the sample holds (test/server.test.ts checks their ranges over the protocol) */
export const expectedRuleIds = ['other-member-identifier', 'response-missing', 'treatment-plan-link-missing'];

/** Written by scripts/e2e-setup.mjs (npm run test:e2e runs it first). */
export { e2eEnv, type E2eEnv } from './code-server.mjs';

/** Copies samples/ to dest, writable (the editors edit and save the copy; the originals may be read-only). */
export function copySamples(dest: string): void {
  cpSync(samplesDir, dest, { recursive: true });
  const walk = (dir: string) => {
    chmodSync(dir, 0o755);
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else chmodSync(path, 0o644);
    }
  };
  walk(dest);
}
