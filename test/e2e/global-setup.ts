// Packages the extension once for all end-to-end tests, with the same command users run.

import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { outputDir, repoRoot, vsixPath } from './paths.js';

export default function setup(): void {
  mkdirSync(outputDir, { recursive: true });
  rmSync(vsixPath, { force: true });
  const result = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', vsixPath], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run package failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}
