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
import { FileList } from './file-list.js';

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
  /** the files checked, in order: only in a run that keeps its findings (reports, SARIF and JUnit made in memory) */
  filesChecked: string[];
  /** how many files were checked */
  notesChecked: number;
  /** a file or configuration could not be read: exit code 2 */
  failed: boolean;
  cacheHits: number;
  /** summaries of each note, for reports (dates, clinicians) */
  index: WorkspaceIndex;
  /** --fix: files written back with safe fixes, and how many edits they got */
  fixedFiles: number;
  fixEdits: number;
  /** files and configuration files that could not be read, and why (what `fail` was told) */
  problems: { path: string; reason: string }[];
  /** a cross-note rule's severity in a note, from that note's configuration */
  crossSeverity: (path: string, ruleId: string, defaultSeverity: Severity) => Severity | 'off';
}

export interface LintOptions {
  paths: string[];
  /** the files to check, already found (cli/targets.ts: globs, ignore files); else `paths` are searched */
  files?: FileList | readonly FoundFile[];
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
  onCrossNote?: (path: string, findings: OutputFinding[], order: number) => void;
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
  | { kind: 'check'; path: string; absolute: string; stamp: string; configKey: string; job: FileJob };

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
  let notesChecked = 0;
  const seen = new Set<string>();
  let groupNotes = 0;

  // The files are read in order three times (treatment plans, what each needs, then the checks),
  // from a list that is on disk past a few thousand files (cli/file-list.ts), never all in memory.
  const given = options.files;
  const files = given instanceof FileList ? given : FileList.of(given ?? collectFiles(options.paths));
  try {
    return await lintListed(files);
  } finally {
    if (files !== given) files.close();
  }

  async function lintListed(files: FileList): Promise<LintRun> {
  const docsBase = options.docsBaseUrl;
  let fixedFiles = 0;
  let fixEdits = 0;
  // Each file is looked at once on disk (by collectFiles, or here when it could not): its stamp
  // (or why it cannot be read) serves the plan scan and the checks below. Only the files that
  // collectFiles could not stat are kept here (by their place in the list).
  const stamps = new Map<number, { stamp: string } | { error: string }>();
  const stampOf = (f: FoundFile, order: number): { stamp: string } | { error: string } => {
    if (f.stamp) return { stamp: f.stamp };
    let known = stamps.get(order);
    if (!known) {
      try {
        known = { stamp: diskStamp(statSync(f.path)) };
      } catch (e) {
        known = { error: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
      }
      stamps.set(order, known);
    }
    return known;
  };
  // Treatment plans first, so every note can be checked against its members' plan diagnoses.
  const treatmentPlans = new Map<string, { diagnoses: string[] }>();
  // Plans with the same diagnoses share one value (read only; a worker's copy shares them too):
  // a quarter of a generated folder's files are plans, and most name one of a few diagnoses.
  // Measured on 100,000 generated notes (24,657 plans): 7.5 MB of heap for the map, 1.9 MB shared.
  const byDiagnoses = new Map<string, { diagnoses: string[] }>();
  const sharedDiagnoses = (diagnoses: string[]) => {
    const key = JSON.stringify(diagnoses);
    let value = byDiagnoses.get(key);
    if (!value) byDiagnoses.set(key, (value = { diagnoses }));
    return value;
  };
  let listed = 0;
  for (const f of files) {
    const order = listed++;
    if (f.error) continue;
    const disk = stampOf(f, order);
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
    if (plan) treatmentPlans.set(plan.patient, sharedDiagnoses(plan.diagnoses));
  }
  // every note's cache key holds the plans' digest (hashed once: the plans can be megabytes)
  // (not kept in `digests`: the key holds every plan, megabytes in a large folder)
  const plansDigest = createHash('sha256').update(JSON.stringify([...treatmentPlans].sort())).digest('base64');
  const cwd = process.cwd();
  const shard = options.shard;
  const mine = (path: string) => !shard || inShard(path, shard, cwd);

  // What each file needs: an error, the cached result, or a check. Worked out twice per file: once
  // here, to count the checks and to load every configuration in order (its problems are reported
  // before any file's, as when all slots were made first), and again as the checks are handed out.
  const slotOf = (f: FoundFile, order: number): Slot => {
    const { path, root, relative: relativePath, error } = f;
    if (error) return { kind: 'error', path, reason: error };
    // the absolute path keys the cache; without one it is not kept (a string per file)
    const absolute = cache ? resolve(path) : '';
    const disk = stampOf(f, order);
    if ('error' in disk) return { kind: 'error', path, reason: disk.error };
    const stamp = disk.stamp;
    const loaded = configFor(path);
    const forceGroupNote =
      matchesAnyGlob(relativePath, options.groupGlobs) ||
      (root !== path && matchesAnyGlob(path, options.groupGlobs)) ||
      (!!loaded && matchesAnyGlob(relative(dirname(loaded.path), path), loaded.config.groupNoteGlobs ?? []));
    const configKey = hashOf(JSON.stringify([loaded?.path ?? null, loaded?.config ?? null, forceGroupNote, plansDigest]));
    const job: FileJob = { path, stamp, forceGroupNote, config: loaded?.config, hashContent: !!cache, ...(options.fix ? { fix: true } : {}) };
    const cached = options.fix ? undefined : cache?.get(absolute, stamp, configKey);
    if (cached && cached.hasSummary && unchanged(path, cached.contentHash)) return { kind: 'cached', path, absolute, stamp, configKey, cached, job };
    return { kind: 'check', path, absolute, stamp, configKey, job };
  };
  let stdinJob: FileJob | null = null;
  if (options.stdin) {
    const { path, text } = options.stdin;
    const loaded = configFor(path);
    const forceGroupNote =
      matchesAnyGlob(path, options.groupGlobs) || (!!loaded && matchesAnyGlob(relative(dirname(loaded.path), path), loaded.config.groupNoteGlobs ?? []));
    stdinJob = { path, stamp: 'stdin', forceGroupNote, config: loaded?.config, text };
  }
  let mineCount = 0;
  let checks = stdinJob ? 1 : 0;
  {
    let order = 0;
    for (const f of files) {
      if (!mine(f.path)) {
        order++;
        continue;
      }
      mineCount++;
      if (cache && !f.error) seen.add(resolve(f.path));
      // without a cache, a file that can be stat'ed is checked: only its configuration is loaded
      if (!cache && !f.error) {
        if (!('error' in stampOf(f, order))) {
          configFor(f.path);
          checks++;
        }
      } else if (slotOf(f, order).kind === 'check') checks++;
      order++;
    }
  }
  const progress = options.progress ? new Progress(mineCount) : null;

  // The slots, made in order as the checks are handed out: those waiting for a check before them
  // to be done are queued; a slot with every slot before it used is used at once.
  const queue: ((Slot & { order: number }) | null)[] = [];
  let head = 0;
  const filesInOrder = files[Symbol.iterator]();
  let nextOrder = 0;
  let stdinPending = !!stdinJob;
  /** the next slot in order, or null at the end */
  const produce = (): (Slot & { order: number }) | null => {
    if (stdinPending) {
      stdinPending = false;
      return { kind: 'check', path: stdinJob!.path, absolute: '', stamp: 'stdin', configKey: '', job: stdinJob!, order: 0 };
    }
    for (;;) {
      const next = filesInOrder.next();
      if (next.done) return null;
      const order = nextOrder++;
      if (!mine(next.value.path)) continue;
      const slot = slotOf(next.value, order);
      if (slot.kind === 'cached') cache!.hit();
      if (slot.kind !== 'check') progress?.tick();
      return { ...slot, order };
    }
  };
  const takeJob = (): FileJob => {
    for (;;) {
      const slot = produce();
      if (!slot) throw new Error('fewer files to check than counted');
      if (slot.kind === 'check') {
        queue.push(slot);
        return slot.job;
      }
      if (head === queue.length) useSlot(slot);
      else queue.push(slot);
    }
  };
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
    if (keep) filesChecked.push(path);
    notesChecked++;
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
  function useSlot(slot: Slot & { order: number }, result?: FileResult): void {
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
  }
  // the queued slots up to the first check not done yet; a slot is dropped once used
  const useQueued = (result?: FileResult) => {
    while (head < queue.length) {
      const slot = queue[head]!;
      if (slot.kind === 'check') {
        if (!result) break;
        queue[head++] = null;
        useSlot(slot, result);
        result = undefined;
      } else {
        queue[head++] = null;
        useSlot(slot);
      }
      if (head === queue.length || head > 4096) {
        queue.splice(0, head);
        head = 0;
      }
    }
  };
  await checkFiles(
    { count: checks, take: takeJob },
    {
      jobs: options.jobs,
      script: options.workerScript,
      treatmentPlans,
      onResult: () => progress?.tick(),
      inOrder: (_job, result) => useQueued(result),
    },
  );
  useQueued();
  for (let slot = produce(); slot; slot = produce()) {
    if (slot.kind === 'check') throw new Error('more files to check than counted');
    useSlot(slot);
  }
  progress?.done();

  if (spill) {
    try {
      const onCrossNote = options.onCrossNote;
      spill.crossNoteFindings(crossSeverity, (path, list, order) => {
        if (!onCrossNote) return add(path, list, findings);
        const made: OutputFinding[] = [];
        add(path, list, made);
        onCrossNote(path, made, order);
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
  return { findings, groupNotes, filesChecked, notesChecked, failed, cacheHits: cache?.hits ?? 0, index, fixedFiles, fixEdits, problems, crossSeverity };
  }
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
