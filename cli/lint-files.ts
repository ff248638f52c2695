// Lints files and folders for the CLI: single-note rules per file, then the cross-note rules over
// the workspace index of everything given. Optional cache; optional progress on a terminal.

import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { lintText, type Position, type Severity } from '../engine/index.js';
import { collectFiles, decodeNote, looksLikePlan, matchesAnyGlob } from '../engine/files.js';
import { parsePlan } from '../engine/plans.js';
import { findConfigFile, loadConfigFile, type LoadedConfig } from '../engine/config.js';
import { WorkspaceIndex } from '../engine/workspace/index.js';
import { ALL_RULES } from '../engine/rules/catalog.js';
import { LintCache, deserialiseSummary, serialiseSummary } from './cache.js';

export interface OutputFinding {
  file: string;
  ruleId: string;
  severity: Severity;
  message: string;
  start: Position;
  end: Position;
  member: string | null;
}

export interface LintRun {
  findings: OutputFinding[];
  groupNotes: number;
  filesChecked: string[];
  /** a file or configuration could not be read: exit code 2 */
  failed: boolean;
  cacheHits: number;
  /** summaries of each note, for reports (dates, clinicians) */
  index: WorkspaceIndex;
}

export interface LintOptions {
  paths: string[];
  groupGlobs: string[];
  config: string | null;
  cache: string | null;
  progress: boolean;
}

const ENGINE_KEY = ALL_RULES.map((r) => `${r.id}:${r.defaultSeverity}`).join(',');

export function lintFiles(options: LintOptions, fail: (file: string, reason: string) => void): LintRun {
  let failed = false;
  const report = (file: string, reason: string) => {
    failed = true;
    fail(file, reason);
  };
  const configs = new Map<string, LoadedConfig>();
  const configFor = (notePath: string): LoadedConfig | null => {
    const path = options.config ?? findConfigFile(notePath);
    if (!path) return null;
    let loaded = configs.get(path);
    if (!loaded) {
      loaded = loadConfigFile(path);
      configs.set(path, loaded);
      for (const problem of loaded.problems) report(path, problem.message);
    }
    return loaded;
  };
  const cache = options.cache ? new LintCache(options.cache, ENGINE_KEY) : null;
  const index = new WorkspaceIndex();
  const findings: OutputFinding[] = [];
  const filesChecked: string[] = [];
  const seen = new Set<string>();
  let groupNotes = 0;

  const files = [...collectFiles(options.paths)];
  // Treatment plans first, so every note can be checked against its members' plan diagnoses.
  const treatmentPlans = new Map<string, { diagnoses: string[] }>();
  for (const f of files) {
    if (f.error || !looksLikePlan(f.path)) continue;
    try {
      const plan = parsePlan(readFileSync(f.path, 'utf8'));
      if (plan) treatmentPlans.set(plan.patient, { diagnoses: plan.diagnoses });
    } catch {
      // reported when the file itself is read below
    }
  }
  const plansKey = JSON.stringify([...treatmentPlans].sort());
  const progress = options.progress ? new Progress(files.length) : null;
  for (const { path, root, relative: relativePath, error } of files) {
    progress?.tick();
    if (error) {
      report(path, error);
      continue;
    }
    const absolute = resolve(path);
    seen.add(absolute);
    let stamp: string;
    try {
      const st = statSync(path);
      stamp = `${Math.trunc(st.mtimeMs)}:${st.size}`;
    } catch (e) {
      report(path, `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    const loaded = configFor(path);
    const forceGroupNote =
      matchesAnyGlob(relativePath, options.groupGlobs) ||
      (root !== path && matchesAnyGlob(path, options.groupGlobs)) ||
      (!!loaded && matchesAnyGlob(relative(dirname(loaded.path), path), loaded.config.groupNoteGlobs ?? []));
    const configKey = JSON.stringify([loaded?.path ?? null, loaded?.config ?? null, forceGroupNote, plansKey]);

    const cached = cache?.get(absolute, stamp, configKey);
    if (cached && cached.summary) {
      index.restore({ path, stamp, summary: deserialiseSummary(cached.summary), directives: null });
      if (cached.isGroupNote) groupNotes++;
      filesChecked.push(path);
      for (const f of cached.findings) findings.push({ file: path, ruleId: f.ruleId, severity: f.severity, message: f.message, start: f.start, end: f.end, member: f.member });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      report(path, `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    const decoded = decodeNote(bytes);
    if ('error' in decoded) {
      report(path, decoded.error);
      continue;
    }
    let result: ReturnType<typeof lintText>;
    try {
      result = lintText(decoded.text, { forceGroupNote, config: loaded?.config, treatmentPlans });
      index.update(path, stamp, decoded.text, { forceGroupNote });
    } catch (error) {
      // An engine failure on one note must not stop the others. Name its kind only, never text.
      report(path, `could not be checked (internal ${error instanceof Error ? error.name : 'error'}); no note text is shown`);
      continue;
    }
    filesChecked.push(path);
    if (result.isGroupNote) groupNotes++;
    for (const f of result.findings) findings.push({ file: path, ruleId: f.ruleId, severity: f.severity, message: f.message, start: f.start, end: f.end, member: f.member });
    const indexed = index.get(path)!;
    cache?.set(absolute, {
      stamp,
      configKey,
      isGroupNote: result.isGroupNote,
      // keep only what output needs: no offsets or related text
      findings: result.findings.map((f) => ({ ...f, data: undefined, related: [] })),
      summary: indexed.directives ? null : serialiseSummary(indexed.summary),
    });
  }
  progress?.done();

  const cross = index.crossNoteFindings({
    severity: (path, ruleId, defaultSeverity) => configFor(path)?.config.rules?.[ruleId] ?? defaultSeverity,
  });
  for (const [path, list] of cross) {
    for (const f of list) findings.push({ file: path, ruleId: f.ruleId, severity: f.severity, message: f.message, start: f.start, end: f.end, member: f.member });
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start.line - b.start.line || a.start.character - b.start.character || a.ruleId.localeCompare(b.ruleId)));
  if (cache) {
    cache.retain(seen);
    cache.save();
  }
  return { findings, groupNotes, filesChecked, failed, cacheHits: cache?.hits ?? 0, index };
}

/** A one-line progress bar on stderr, redrawn at most every 100 ms. */
class Progress {
  private done_ = 0;
  private last = 0;
  constructor(private readonly total: number) {}
  tick(): void {
    this.done_++;
    const now = Date.now();
    if (now - this.last < 100 && this.done_ < this.total) return;
    this.last = now;
    const width = 30;
    const filled = this.total ? Math.round((this.done_ / this.total) * width) : width;
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done_}/${this.total} files`);
  }
  done(): void {
    process.stderr.write('\r\u001b[2K');
  }
}
