// Temp folders that a test file removes when it finishes, pass or fail. Kept apart from
// helpers.ts so that using it does not load the engine (regex-safety.test.ts must load it itself).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Call once at the top of a test file. Returns mkdtemp under the OS temp folder; every folder it
 * made is removed after the file's tests and their own after-hooks (so after servers are closed).
 */
export function useTempDirs(): (prefix: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  });
  return (prefix) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
