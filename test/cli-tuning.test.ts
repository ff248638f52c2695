// The V8 flags the CLI sets for a batch run (cli/v8-tuning.ts): only for the V8 version they were
// measured on, and each one a flag that V8 knows (an unknown one prints an error on stdout).

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BATCH_INTERRUPT_BUDGET, batchRunFlags } from '../cli/v8-tuning.js';

describe('V8 tuning of the CLI', () => {
  it('raises the optimisation threshold on Node 20 (V8 11) and leaves other versions alone', () => {
    expect(batchRunFlags('11.3.244.8-node.33')).toEqual([`--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`]);
    expect(batchRunFlags('12.4.254.21-node.33')).toEqual([]);
    expect(batchRunFlags('13.6.233.10-node.20')).toEqual([]);
  });

  it('sets only flags this V8 accepts, without a word on stdout or stderr', () => {
    for (const flag of batchRunFlags(process.versions.v8)) {
      const run = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(flag)})`], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stdout + run.stderr).toBe('');
    }
    // the check can fail: an unknown flag is reported
    const unknown = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString('--no-such-flag-for-groupnote')`], { encoding: 'utf8' });
    expect(unknown.stdout + unknown.stderr).toContain('unrecognized flag');
  });
});
