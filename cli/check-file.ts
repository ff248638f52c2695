// Checks one note file for the CLI: read, decode, single-note rules and the workspace index entry.
// The same function runs on the main thread and in worker threads (cli/lint-pool.ts), so a
// folder gives the same findings whichever way it was checked.

import { readFileSync } from 'node:fs';
import { lintText, type Finding, type LintConfig } from '../engine/index.js';
import { decodeNote } from '../engine/files.js';
import { indexEntry, type IndexedNote } from '../engine/workspace/index.js';
import { contentHash } from './cache.js';

export interface FileJob {
  path: string;
  stamp: string;
  forceGroupNote: boolean;
  config: LintConfig | undefined;
  /** hash the bytes that are checked (for the --cache record) */
  hashContent?: boolean;
}

export type FileResult =
  | { path: string; isGroupNote: boolean; findings: Finding[]; entry: IndexedNote; contentHash: string | null }
  | { path: string; error: string };

export type TreatmentPlans = ReadonlyMap<string, { diagnoses: string[] }>;

/**
 * `copy: false` when the result is posted to another thread: postMessage copies it, so the copy
 * that keeps note text from staying in memory through strings cut from it is not needed twice.
 */
export function checkFile(job: FileJob, treatmentPlans: TreatmentPlans, { copy = true }: { copy?: boolean } = {}): FileResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(job.path);
  } catch (e) {
    return { path: job.path, error: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const decoded = decodeNote(bytes);
  if ('error' in decoded) return { path: job.path, error: decoded.error };
  try {
    const result = lintText(decoded.text, { forceGroupNote: job.forceGroupNote, config: job.config, treatmentPlans });
    const entry = indexEntry(job.path, job.stamp, decoded.text, { forceGroupNote: job.forceGroupNote, note: result.note, copy });
    // keep only what output and the cache need: no offsets' context, related text or rule data
    // (copied, so that no string cut from the note keeps its text in memory)
    const kept = result.findings.map((f) => ({ ...f, data: undefined, related: [] }));
    const findings = copy ? structuredClone(kept) : kept;
    return { path: job.path, isGroupNote: result.isGroupNote, findings, entry, contentHash: job.hashContent ? contentHash(bytes) : null };
  } catch (error) {
    // An engine failure on one note must not stop the others. Name its kind only, never text.
    return { path: job.path, error: `could not be checked (internal ${error instanceof Error ? error.name : 'error'}); no note text is shown` };
  }
}
