// V8 tuning for a batch run of the CLI (imported first by cli/groupnote-lint.ts, before the engine
// is loaded). V8 optimises a function once a set amount of its bytecode has run; with Node 20's
// default, most of the engine's functions reach it within a few dozen notes and are compiled with
// TurboFan on background threads, some several times over, which cost about 1.4 s of CPU per
// 1,000 notes on each thread. Over one folder those compiles cost more than they save: with a
// higher threshold only the hottest functions are optimised. Measured (docs/performance.md):
// 1,000 notes 0.83x CPU and 0.85x wall with worker threads; 10,000 notes unchanged. The server,
// which runs for hours, keeps V8's defaults.

import { isMainThread } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';

/** Bytecode that runs before a function is considered for optimisation (Node 20's V8: 67,584). */
export const BATCH_INTERRUPT_BUDGET = 300_000;

/**
 * The V8 flags a batch run sets, for this V8 version: none where they were not measured (an
 * unknown flag would print an error, and other versions tier up differently).
 */
export function batchRunFlags(v8Version: string): string[] {
  return Number(v8Version.split('.')[0]) === 11 ? [`--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`] : [];
}

// Flags are process-wide: worker threads (started later) get them from the main thread.
if (isMainThread) for (const flag of batchRunFlags(process.versions.v8)) setFlagsFromString(flag);
