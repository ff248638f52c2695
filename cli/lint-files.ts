// Lints files and folders for the CLI: single-note rules per file (on every core for large
// folders, see lint-pool.ts), then the cross-note rules over the workspace index of everything
// given. Optional cache; optional progress on a terminal.

import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { type Severity } from '../engine/index.js';
import { ruleDocUrl } from '../engine/version.js';
import { collectFiles, diskStamp, looksLikePlan, matchesAnyGlob, type FoundFile } from '../engine/workspace/files.js';
import { parsePlan } from '../engine/facts/plans.js';
import { findConfigFile, loadConfigFile, type LoadedConfig } from '../engine/config.js';
import { WorkspaceIndex, type IndexedNote } from '../engine/workspace/index.js';
import { ALL_RULES } from '../engine/rules/catalog.js';
import { contentHash, LintCache, type CachedFile } from './cache.js';
import type { CachedFinding, FindingMaker } from './cache-codec.js';
import { checkFiles } from './lint-pool.js';
import { checkFile, type FileJob, type FileResult } from './check-file.js';
import { inShard, type Shard } from './shard.js';
import { SpilledIndex } from './spilled-index.js';

/** A finding as the CLI reports it: lines and columns from 1, and the rule's doc page. */
export interface OutputFinding {
  file: string;
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  member: string | null;
  docs: string;
}

/** Each rule's doc page, made once per run and base (a run makes hundreds of thousands of findings). */
const docUrls = new Map<string, string>();
const docUrl = (ruleId: string, docsBase: string | undefined): string => {
  const key = `${docsBase === undefined ? '\u0000' : docsBase}\n${ruleId}`;
  let url = docUrls.get(key);
  if (url === undefined) docUrls.set(key, (url = ruleDocUrl(ruleId, docsBase)));
  return url;
};

/** Makes the findings of one file; built for every finding of a run: one object, fields in output order. */
export const findingsOf =
  (file: string, docsBase: string | undefined): FindingMaker<OutputFinding> =>
  (ruleId, severity, message, startLine, startCharacter, endLine, endCharacter, member) => ({
    file,
    ruleId,
    severity,
    message,
    line: startLine + 1,
    column: startCharacter + 1,
    endLine: endLine + 1,
    endColumn: endCharacter + 1,
    member,
    docs: docUrl(ruleId, docsBase),
  });

/** The order findings are reported in: by file, line, column and rule (a stable sort keeps the rest). */
export const compareFindings = (a: OutputFinding, b: OutputFinding): number =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);

export interface LintRun {
  findings: OutputFinding[];
  groupNotes: number;
  filesChecked: string[];
  /** a file or configuration could not be read: exit code 2 */
  failed: boolean;
  cacheHits: number;
  /** summaries of each note, for reports (dates, clinicians) */
  index: WorkspaceIndex;
  /** --fix: files written back with safe fixes, and how many edits they got */
  fixedFiles: number;
  fixEdits: number;
  /** per file in filesChecked: its place among all the files given (every shard's), and whether it is a group note */
  checkedNotes: { order: number; isGroupNote: boolean }[];
  /** files and configuration files that could not be read, and why (what `fail` was told) */
  problems: { path: string; reason: string }[];
  /** a cross-note rule's severity in a note, from that note's configuration */
  crossSeverity: (path: string, ruleId: string, defaultSeverity: Severity) => Severity | 'off';
}

export interface LintOptions {
  paths: string[];
  /** the files to check, already found (cli/targets.ts: globs, ignore files); else `paths` are searched */
  files?: FoundFile[];
  /** a note read from standard input, checked as if it were at `path` (not cached, never written) */
  stdin?: { path: string; text: string };
  /** apply the safe fixes and write files back (checks every file: cached results hold no text to fix) */
  fix?: boolean;
  /** base URL the rule pages (docs/rules/<id>.md) are resolved against; default: the repository at this version */
  docsBaseUrl?: string;
  groupGlobs: string[];
  config: string | null;
  cache: string | null;
  progress: boolean;
  /** threads to check files on (1: the main thread only) */
  jobs: number;
  /** the CLI bundle, which worker threads run */
  workerScript: string;
  /** a problem that does not change the findings (a damaged or unwritable cache): printed, exit code unchanged */
  warn?: (message: string) => void;
  /** --shard: check only this slice of the files (treatment plans are still read from every file) */
  shard?: Shard;
  /** run the cross-note rules (default true; a shard leaves them to `merge`) */
  crossNote?: boolean;
  /** each note checked, in the order the files were given, with its per-note findings (sorted) as soon as it is done */
  onNote?: (note: {
    path: string;
    order: number;
    isGroupNote: boolean;
    entry: IndexedNote;
    findings: OutputFinding[];
    /** a cross-note rule's severity in this note, from its configuration */
    crossSeverity: (ruleId: string, defaultSeverity: Severity) => Severity | 'off';
  }) => void;
  /**
   * keep the per-note findings in the run's `findings` (default true); false when `onNote` writes
   * them out, so that only the cross-note findings are returned
   */
  keepFindings?: boolean;
  /**
   * with `keepFindings: false`: each note's cross-note findings (sorted), as soon as the notes it
   * relates to are checked, instead of in the run's `findings`
   */
  onCrossNote?: (path: string, findings: OutputFinding[]) => void;
}

const ENGINE_KEY = ALL_RULES.map((r) => `${r.id}:${r.defaultSeverity}`).join(',');

// A file's configuration key holds every treatment plan's diagnoses: the cache keeps a digest.
const digests = new Map<string, string>();
const hashOf = (key: string): string => {
  let digest = digests.get(key);
  if (!digest) digests.set(key, (digest = createHash('sha256').update(key).digest('base64')));
  return digest;
};

/** One file given, in order: what happened to it before checking, or the job that checks it. */
type Slot =
  | { kind: 'error'; path: string; reason: string }
  | { kind: 'cached'; path: string; absolute: string; stamp: string; configKey: string; cached: CachedFile; job: FileJob }
  | { kind: 'check'; path: string; absolute: string; stamp: string; configKey: string; job: number };

export async function lintFiles(options: LintOptions, fail: (file: string, reason: string) => void): Promise<LintRun> {
  let failed = false;
  const problems: { path: string; reason: string }[] = [];
  const report = (file: string, reason: string) => {
    failed = true;
    problems.push({ path: file, reason });
    fail(file, reason);
  };
  const configs = new Map<string, LoadedConfig>();
  // the nearest configuration file of each folder (looked up once per folder, not per note)
  const configFiles = new Map<string, string | null>();
  const nearestConfig = (notePath: string): string | null => {
    const folder = dirname(resolve(notePath));
    let found = configFiles.get(folder);
    if (found === undefined) configFiles.set(folder, (found = findConfigFile(notePath)));
    return found;
  };
  const configFor = (notePath: string): LoadedConfig | null => {
    const path = options.config ?? nearestConfig(notePath);
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
  // A record is used only when the file's bytes still have the hash it was made from: read and
  // hashed only for files whose mtime and size agree with a record (the others are checked anyway).
  const contentHashes = new Map<string, string | null>();
  const unchanged = (path: string, recorded: string): boolean => {
    let hash = contentHashes.get(path);
    if (hash === undefined) {
      try {
        hash = contentHash(readFileSync(path));
      } catch {
        hash = null; // reported when the file is checked
      }
      contentHashes.set(path, hash);
    }
    return hash === recorded;
  };
  const index = new WorkspaceIndex();
  const findings: OutputFinding[] = [];
  const filesChecked: string[] = [];
  const checkedNotes: { order: number; isGroupNote: boolean }[] = [];
  const seen = new Set<string>();
  let groupNotes = 0;

  const files = options.files ?? [...collectFiles(options.paths)];
  const docsBase = options.docsBaseUrl;
  let fixedFiles = 0;
  let fixEdits = 0;
  // Each file is looked at once on disk (by collectFiles, or here when it could not): its stamp
  // (or why it cannot be read) serves the plan scan and the checks below.
  const stamps = new Map<string, { stamp: string } | { error: string }>();
  for (const f of files) if (f.stamp) stamps.set(f.path, { stamp: f.stamp });
  const stampOf = (path: string) => {
    let known = stamps.get(path);
    if (!known) {
      try {
        known = { stamp: diskStamp(statSync(path)) };
      } catch (e) {
        known = { error: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
      }
      stamps.set(path, known);
    }
    return known;
  };
  // Treatment plans first, so every note can be checked against its members' plan diagnoses.
  const treatmentPlans = new Map<string, { diagnoses: string[] }>();
  for (const f of files) {
    if (f.error) continue;
    const disk = stampOf(f.path);
    if ('error' in disk) continue; // reported when the file is checked below
    const absolute = resolve(f.path);
    const cachedPlan = cache?.getPlan(absolute, disk.stamp);
    let plan = cachedPlan && unchanged(f.path, cachedPlan.contentHash) ? cachedPlan.plan : undefined;
    if (plan === undefined) {
      // a file the cache holds unchanged, with no plan record, was not a plan when it was checked
      const noteHash = cache?.contentHashOf(absolute, disk.stamp);
      if (noteHash !== undefined && unchanged(f.path, noteHash)) continue;
      if (!looksLikePlan(f.path)) continue;
      try {
        const bytes = readFileSync(f.path);
        const parsed = parsePlan(bytes.toString('utf8'));
        plan = parsed && { patient: parsed.patient, diagnoses: parsed.diagnoses };
        cache?.setPlan(absolute, { stamp: disk.stamp, contentHash: contentHash(bytes), plan });
      } catch {
        continue; // reported when the file itself is read below
      }
    }
    if (plan) treatmentPlans.set(plan.patient, { diagnoses: plan.diagnoses });
  }
  // every note's cache key holds the plans' digest (hashed once: the plans can be megabytes)
  const plansDigest = hashOf(JSON.stringify([...treatmentPlans].sort()));
  const cwd = process.cwd();
  const shard = options.shard;
  const mine = (path: string) => !shard || inShard(path, shard, cwd);
  const progress = options.progress ? new Progress(shard ? files.filter((f) => mine(f.path)).length : files.length) : null;

  // What each file needs: an error, the cached result, or a check.
  const slots: ((Slot & { order: number }) | null)[] = [];
  const jobs: FileJob[] = [];
  if (options.stdin) {
    const { path, text } = options.stdin;
    const loaded = configFor(path);
    const forceGroupNote =
      matchesAnyGlob(path, options.groupGlobs) || (!!loaded && matchesAnyGlob(relative(dirname(loaded.path), path), loaded.config.groupNoteGlobs ?? []));
    slots.push({ kind: 'check', path, absolute: '', stamp: 'stdin', configKey: '', job: jobs.length, order: 0 });
    jobs.push({ path, stamp: 'stdin', forceGroupNote, config: loaded?.config, text });
  }
  for (let order = 0; order < files.length; order++) {
    const { path, root, relative: relativePath, error } = files[order];
    if (!mine(path)) continue;
    if (error) {
      slots.push({ kind: 'error', path, reason: error, order });
      progress?.tick();
      continue;
    }
    // the absolute path keys the cache; without one it is not kept (a string per file)
    const absolute = cache ? resolve(path) : '';
    if (cache) seen.add(absolute);
    const disk = stampOf(path);
    if ('error' in disk) {
      slots.push({ kind: 'error', path, reason: disk.error, order });
      progress?.tick();
      continue;
    }
    const stamp = disk.stamp;
    const loaded = configFor(path);
    const forceGroupNote =
      matchesAnyGlob(relativePath, options.groupGlobs) ||
      (root !== path && matchesAnyGlob(path, options.groupGlobs)) ||
      (!!loaded && matchesAnyGlob(relative(dirname(loaded.path), path), loaded.config.groupNoteGlobs ?? []));
    const configKey = hashOf(JSON.stringify([loaded?.path ?? null, loaded?.config ?? null, forceGroupNote, plansDigest]));
    const job: FileJob = { path, stamp, forceGroupNote, config: loaded?.config, hashContent: !!cache, ...(options.fix ? { fix: true } : {}) };
    const cached = options.fix ? undefined : cache?.get(absolute, stamp, configKey);
    if (cached && cached.hasSummary && unchanged(path, cached.contentHash)) {
      cache!.hit();
      slots.push({ kind: 'cached', path, absolute, stamp, configKey, cached, job, order });
      progress?.tick();
      continue;
    }
    slots.push({ kind: 'check', path, absolute, stamp, configKey, job: jobs.length, order });
    jobs.push(job);
  }
  stamps.clear(); // each file's stamp is in its slot now

  // Results in the order the files were given, whichever thread checked them, each used as soon
  // as it and every file before it are done: with `onNote` and `keepFindings: false` no file's
  // findings stay in memory after it is handed on.
  const keep = options.keepFindings !== false;
  const crossSeverity = (path: string, ruleId: string, defaultSeverity: Severity): Severity | 'off' => configFor(path)?.config.rules?.[ruleId] ?? defaultSeverity;
  // The index is for the cross-note rules and for reports made from the run. A run that keeps its
  // findings (reports, SARIF, JUnit) keeps it in memory; one that writes them note by note keeps
  // it on disk (cli/spilled-index.ts), so that its memory does not grow with the folder.
  const spill = !keep && options.crossNote !== false ? new SpilledIndex() : null;
  const indexNotes = keep;
  const add = (path: string, list: readonly CachedFinding[], into: OutputFinding[]) => {
    const make = findingsOf(path, docsBase);
    for (const f of list) into.push(make(f.ruleId, f.severity, f.message, f.start.line, f.start.character, f.end.line, f.end.character, f.member));
  };
  /** `positionsShared`: a summary from the cache, whose positions are the index's own already */
  const noteDone = (path: string, order: number, entry: IndexedNote, isGroupNote: boolean, list: OutputFinding[], positionsShared = false) => {
    if (spill) spill.add(entry, order);
    else if (indexNotes) index.restore(entry, { positionsShared });
    filesChecked.push(path);
    checkedNotes.push({ order, isGroupNote });
    if (isGroupNote) groupNotes++;
    if (options.onNote) {
      list.sort(compareFindings);
      options.onNote({ path, order, isGroupNote, entry, findings: list, crossSeverity: (ruleId, defaultSeverity) => crossSeverity(path, ruleId, defaultSeverity) });
    }
    if (keep) for (const f of list) findings.push(f);
  };
  const useChecked = (slot: { path: string; absolute: string; stamp: string; configKey: string; order: number }, result: FileResult) => {
    if ('error' in result) {
      report(slot.path, result.error);
      return;
    }
    const list: OutputFinding[] = [];
    add(slot.path, result.findings, list);
    noteDone(slot.path, slot.order, result.entry, result.isGroupNote, list);
    if (result.fixed) {
      fixedFiles++;
      fixEdits += result.fixed.edits;
    }
    if (slot.stamp === 'stdin') return; // standard input has no file to cache
    if (result.contentHash) cache?.set(slot.absolute, {
      stamp: result.fixed?.stamp ?? slot.stamp,
      contentHash: result.contentHash,
      configKey: slot.configKey,
      isGroupNote: result.isGroupNote,
      findings: result.findings,
      summary: result.entry.directives ? null : result.entry.summary,
    });
  };
  const useSlot = (slot: Slot & { order: number }, result?: FileResult) => {
    if (slot.kind === 'error') {
      report(slot.path, slot.reason);
    } else if (slot.kind === 'cached') {
      const entry = slot.cached.read(findingsOf(slot.path, docsBase), index.sharedPosition);
      // a record that cannot be decoded (a damaged cache file) is checked again
      if (!entry) {
        useChecked(slot, checkFile(slot.job, treatmentPlans));
        return;
      }
      noteDone(slot.path, slot.order, { path: slot.path, stamp: slot.stamp, summary: entry.summary!, directives: null }, entry.isGroupNote, entry.findings, true);
    } else {
      useChecked(slot, result!);
    }
  };
  let nextSlot = 0;
  const usePending = () => {
    while (nextSlot < slots.length && slots[nextSlot]!.kind !== 'check') useNext();
  };
  // a slot is dropped once used: a folder's slots need not all stay in memory to the end
  const useNext = (result?: FileResult) => {
    const slot = slots[nextSlot]!;
    slots[nextSlot++] = null;
    useSlot(slot, result);
  };
  await checkFiles(jobs, {
    jobs: options.jobs,
    script: options.workerScript,
    treatmentPlans,
    onResult: () => progress?.tick(),
    inOrder: (_job, result) => {
      usePending();
      useNext(result);
    },
  });
  usePending();
  progress?.done();

  if (spill) {
    try {
      const onCrossNote = options.onCrossNote;
      spill.crossNoteFindings(crossSeverity, (path, list) => {
        if (!onCrossNote) return add(path, list, findings);
        const made: OutputFinding[] = [];
        add(path, list, made);
        onCrossNote(path, made);
      });
    } finally {
      spill.close();
    }
  } else if (options.crossNote !== false) {
    const cross = index.crossNoteFindings({ severity: crossSeverity });
    for (const [path, list] of cross) add(path, list, findings);
  }
  findings.sort(compareFindings);
  if (cache) {
    cache.retain(seen);
    const damage = cache.damage();
    if (damage) options.warn?.(`${options.cache}: the cache was damaged (${damage}); those files were checked again`);
    try {
      cache.save();
    } catch (e) {
      // the findings do not depend on the cache: say so, and keep the run's result
      options.warn?.(`${options.cache}: cannot write the cache (${(e as NodeJS.ErrnoException).code ?? 'error'}); the findings are complete, the next run checks every file again`);
    }
  }
  return { findings, groupNotes, filesChecked, failed, cacheHits: cache?.hits ?? 0, index, fixedFiles, fixEdits, checkedNotes, problems, crossSeverity };
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
