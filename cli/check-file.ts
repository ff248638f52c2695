// Checks one note file for the CLI: read, decode, single-note rules and the workspace index entry.
// The same function runs on the main thread and in worker threads (cli/lint-pool.ts), so a
// folder gives the same findings whichever way it was checked.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { lintText, type Finding, type LintConfig } from '../engine/index.js';
import { decodeNote, diskStamp } from '../engine/workspace/files.js';
import { applyEdits, planDiagnoses, safeFixes } from '../engine/editor/fixes.js';
import { indexEntry, type IndexedNote } from '../engine/workspace/index.js';
import { contentHash } from './cache.js';

export interface FileJob {
  path: string;
  stamp: string;
  forceGroupNote: boolean;
  config: LintConfig | undefined;
  /** the note's text when it is not read from disk (standard input) */
  text?: string;
  /** apply the safe fixes (engine/editor/fixes.ts safeFixes) and write the file back (--fix) */
  fix?: boolean;
  /** hash the bytes that are checked (for the --cache record) */
  hashContent?: boolean;
}

export type FileResult =
  | { path: string; isGroupNote: boolean; findings: Finding[]; entry: IndexedNote; fixed?: { edits: number; stamp: string }; contentHash: string | null }
  | { path: string; error: string };

export type TreatmentPlans = ReadonlyMap<string, { diagnoses: string[] }>;

/**
 * `copy: false` when the result is posted to another thread: postMessage copies it, so the copy
 * that keeps note text from staying in memory through strings cut from it is not needed twice.
 */
export function checkFile(job: FileJob, treatmentPlans: TreatmentPlans, { copy = true }: { copy?: boolean } = {}): FileResult {
  let decoded: { text: string } | { error: string };
  let bytes: Uint8Array | null = null;
  if (job.text !== undefined) decoded = { text: job.text };
  else {
    try {
      bytes = readFileSync(job.path);
      decoded = decodeNote(bytes as Buffer);
    } catch (e) {
      return { path: job.path, error: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }
  if ('error' in decoded) return { path: job.path, error: decoded.error };
  let text = decoded.text;
  let stamp = job.stamp;
  let fixed: { edits: number; stamp: string } | undefined;
  try {
    const options = { forceGroupNote: job.forceGroupNote, config: job.config, treatmentPlans };
    let result = lintText(text, options);
    const edits = job.fix ? safeFixes(result, { diagnosesOf: planDiagnoses(treatmentPlans) }) : [];
    if (edits.length > 0) {
      text = applyEdits(text, edits);
      try {
        writeFileSync(job.path, text);
        stamp = diskStamp(statSync(job.path));
      } catch (e) {
        return { path: job.path, error: `cannot write the fixes (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
      }
      fixed = { edits: edits.length, stamp };
      result = lintText(text, options);
    }
    const entry = indexEntry(job.path, stamp, text, { forceGroupNote: job.forceGroupNote, note: result.note, copy });
    // keep only what output and the cache need: no offsets' context, related text or rule data
    // (copied, so that no string cut from the note keeps its text in memory)
    const kept = result.findings.map((f) => ({ ...f, data: undefined, related: [] }));
    const findings = copy ? structuredClone(kept) : kept;
    // the hash of what is on disk now: the fixed text when --fix wrote it
    const hashed = fixed ? Buffer.from(text, 'utf8') : bytes;
    return { path: job.path, isGroupNote: result.isGroupNote, findings, entry, ...(fixed ? { fixed } : {}), contentHash: job.hashContent && hashed ? contentHash(hashed) : null };
  } catch (error) {
    // An engine failure on one note must not stop the others. Name its kind only, never text.
    return { path: job.path, error: `could not be checked (internal ${error instanceof Error ? error.name : 'error'}); no note text is shown` };
  }
}
