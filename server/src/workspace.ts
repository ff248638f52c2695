// The server's view of the workspace folders: every note on disk in the index (open editors
// override the disk), scanned in small batches so the editor stays responsive, cancellable, and
// updated one file at a time when files change. Used for workspace diagnostics and cross-note rules.
//
// Each note's findings carry a result version that changes only when they change (its own
// findings or its cross-note ones), so workspace diagnostics can answer "unchanged" for the rest
// and the editor is asked to pull again only when something it shows has changed. After an edit
// the cross-note rules run only over the notes the edit can affect (see relationKeys).

import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { collectFiles, decodeNote, diskStamp, IgnoreFiles, matchesAnyGlob, MAX_NOTE_BYTES } from '../../engine/workspace/files.js';
import { lintText, type Finding, type GroupNote, type LintConfig, type Severity } from '../../engine/index.js';
import { relationKeys, WorkspaceIndex, type WorkspaceFinding } from '../../engine/workspace/index.js';

export interface ScanHooks {
  isCancelled: () => boolean;
  report: (done: number, total: number) => void;
}

export interface NoteConfig {
  config: LintConfig;
  forceGroupNote: boolean;
}

/**
 * Whether a file that is not a group note is another note the cross-note rules read: an individual
 * session note or a treatment plan (frontmatter with `note:`, `type:`, `cpt:` or `patient:`).
 */
function isOtherNote(text: string): boolean {
  return /^\uFEFF?---[ \t]*\r?\n[\s\S]*?^(?:note|type|cpt|codes|patient|mrn)[ \t]*:/m.test(text.slice(0, 4096));
}

/**
 * The folders to index: each once, and none inside another (its notes are found from the outer
 * folder; listed twice, every note would be read and reported twice).
 */
export function outermostFolders(folders: readonly string[]): string[] {
  const normal = [...new Set(folders.map((f) => (f.length > 1 && f.endsWith(sep) ? f.slice(0, -1) : f)))];
  const inside = (outer: string, f: string) => {
    const rel = relative(outer, f);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  };
  return normal.filter((f) => !normal.some((outer) => inside(outer, f)));
}

/** Notes per batch of a scan (the editor's requests get a turn between batches), and in its first batch. */
const SCAN_BATCH = 25;
const FIRST_SCAN_BATCH = 4;
/**
 * Until this many notes have gone out, a batch also ends after BATCH_MS_AT_START of work: the
 * first notes are checked by code not yet optimised (25 of them took 630 ms after the first batch
 * of 4 at 1,000 notes, and the first error showed only then), so the first findings go out as
 * they are ready rather than after a batch of 25.
 */
const NOTES_AT_START = 100;
const BATCH_MS_AT_START = 100;

/** Same findings, compared as JSON (one note's at a time). */
const sameList = (a: readonly unknown[] | undefined, b: readonly unknown[] | undefined) => (a?.length ?? 0) === (b?.length ?? 0) && JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

export class ServerWorkspace {
  readonly index = new WorkspaceIndex();
  /** single-note findings of files on disk that are not open in the editor, with the configuration generation they were checked under */
  private readonly diskFindings = new Map<string, { findings: Finding[]; generation: number }>();
  private readonly ignores = new IgnoreFiles();
  private scanned = false;
  /** bumped when settings, a config file or the treatment plans change: every note is checked again */
  private generation = 0;
  /** cross-note findings last computed */
  private crossCache = new Map<string, WorkspaceFinding[]>();
  /** no cross-note findings computed under the current configuration yet: the next run covers every note */
  private crossAll = true;
  /** notes whose summary changed since cross-note findings were last computed, and the keys they had before */
  private readonly dirtyPaths = new Set<string>();
  private readonly dirtyKeys = new Set<string>();
  /** which notes hold each relation key (member id, name, patient), for finding the notes an edit can affect */
  private readonly notesByKey = new Map<string, Set<string>>();
  /** per note, the number that changes whenever its findings (own or cross-note) change */
  private readonly versions = new Map<string, number>();
  private lastVersion = 0;
  /** notes whose findings changed since takeChanged() */
  private changed = new Set<string>();
  /** open editors' latest text, put in the index when cross-note findings are next computed */
  private readonly editorText = new Map<string, { stamp: string; text: string; forceGroupNote: boolean; note?: GroupNote }>();
  /** how many notes the last cross-note run covered (for the log and the tests) */
  lastCrossNoteRun = { notes: 0, all: true };

  constructor(
    private readonly folders: () => string[],
    private readonly configFor: (path: string) => NoteConfig,
    private readonly globs: () => { include: string[]; exclude: string[] },
    /** open notes are indexed from the editor's text, not from disk */
    private readonly isOpen: (path: string) => boolean,
    /** plan diagnoses by patient, for diagnosis-plan-mismatch */
    private readonly treatmentPlans: () => ReadonlyMap<string, { diagnoses: string[] }>,
    /** told every Markdown file a scan found in the folders, before any is read (the plan index reads its plans from them) */
    private readonly listed?: (paths: string[]) => void,
  ) {}

  get isScanned(): boolean {
    return this.scanned;
  }

  /** Should this file be in the index? Include/exclude globs and .gitignore-style ignore files. */
  includes(path: string): boolean {
    let rel: string | undefined;
    const folder = this.folders().find((f) => {
      rel = relative(f, path);
      return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
    });
    if (!folder || rel === undefined) return false;
    rel = sep === '/' ? rel : rel.split(sep).join('/');
    const { include, exclude } = this.globs();
    if (!matchesAnyGlob(rel, include) || matchesAnyGlob(rel, exclude)) return false;
    return !this.ignores.ignores(folder, rel);
  }

  private running: Promise<boolean> | null = null;

  /**
   * Scans every folder; unchanged files (same mtime and size, checked under the current
   * configuration) are not read again. A scan already under way is joined rather than started
   * twice (its progress goes to whoever started it); one asked for by a configuration change
   * while another runs follows it.
   */
  scan(hooks: ScanHooks): Promise<boolean> {
    this.scanStarted = true;
    if (this.running && this.runningGeneration !== this.generation) {
      const after = this.running.then(() => this.scan(hooks));
      return after;
    }
    this.runningGeneration = this.generation;
    this.running ??= this.scanOnce(hooks).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private runningGeneration = -1;
  /** a scan has been asked for (its notes may have been checked under the settings of that time) */
  scanStarted = false;
  private readonly batchListeners = new Set<(paths: string[]) => void>();

  /** Calls `listener` with each batch of files a scan has read; returns the unsubscribe function. */
  onScannedBatch(listener: (paths: string[]) => void): () => void {
    this.batchListeners.add(listener);
    return () => this.batchListeners.delete(listener);
  }

  private async scanOnce(hooks: ScanHooks): Promise<boolean> {
    const listed = [...collectFiles(this.folders())].filter((f) => !f.error);
    // the treatment plans are found in the same listing (not by a second walk of the folders)
    this.listed?.(listed.map((f) => f.path));
    const files = listed.filter((f) => this.includes(f.path));
    const seen = new Set(files.map((f) => f.path));
    for (const path of [...this.index.paths(), ...this.diskFindings.keys()]) if (!seen.has(path) && !this.isOpen(path)) this.forget(path);
    // The first batch is small, so that the first findings go out moments after the scan starts
    // (the first notes are checked by code not yet optimised); then batches of SCAN_BATCH.
    let batchStart = 0;
    let batchStarted = performance.now();
    const flush = (end: number) => {
      if (end > batchStart) for (const listener of this.batchListeners) listener(files.slice(batchStart, end).map((f) => f.path));
      batchStart = end;
    };
    for (let i = 0; i < files.length; i++) {
      const full = i - batchStart >= (batchStart === 0 ? FIRST_SCAN_BATCH : SCAN_BATCH);
      const slow = i > batchStart && batchStart < NOTES_AT_START && performance.now() - batchStarted >= BATCH_MS_AT_START;
      if (i === 0 || full || slow) {
        flush(i);
        if (hooks.isCancelled()) return false;
        hooks.report(i, files.length);
        // give the editor's requests a turn between batches
        await new Promise((resolve) => setImmediate(resolve));
        batchStarted = performance.now();
      }
      this.readFromDisk(files[i].path);
    }
    flush(files.length);
    hooks.report(files.length, files.length);
    this.scanned = true;
    return true;
  }

  /**
   * Settings, a config file or the treatment plans changed: every note is checked again on the
   * next scan, and the next cross-note run covers every note (severities may have changed).
   */
  configurationChanged(): void {
    this.generation++;
    this.crossAll = true;
  }

  /** Re-reads one file from disk (after a change event, a close, or a configuration change). */
  readFromDisk(path: string): void {
    if (this.isOpen(path)) return;
    this.editorText.delete(path);
    let stamp: string;
    try {
      const st = statSync(path);
      if (st.size > MAX_NOTE_BYTES) return this.forget(path);
      stamp = diskStamp(st);
    } catch {
      return this.forget(path);
    }
    if (this.index.isCurrent(path, stamp) && this.diskFindings.get(path)?.generation === this.generation) return;
    if (this.notNotes.get(path) === `${stamp} ${this.generation}`) return;
    let text: string;
    try {
      const decoded = decodeNote(readFileSync(path));
      if ('error' in decoded) return this.forget(path);
      text = decoded.text;
    } catch {
      return this.forget(path);
    }
    const { config, forceGroupNote } = this.configFor(path);
    const result = lintText(text, { forceGroupNote, config, treatmentPlans: this.treatmentPlans() });
    if (!result.isGroupNote && !isOtherNote(text)) {
      // a README, a document that is no note: not indexed, nothing reported (a folder without notes stays idle)
      if (this.index.get(path) || this.diskFindings.has(path)) this.forget(path);
      this.notNotes.set(path, `${stamp} ${this.generation}`);
      return;
    }
    this.notNotes.delete(path);
    // a new configuration can make the same file a group note (or not): summarise it again
    this.indexNote(path, stamp, text, forceGroupNote, result.note, !this.index.isCurrent(path, stamp) || this.indexedForced.get(path) !== forceGroupNote);
    const previous = this.diskFindings.get(path)?.findings;
    // copied, so that no string cut from the note keeps its text in memory (see indexEntry)
    const findings = structuredClone(result.findings);
    this.diskFindings.set(path, { findings, generation: this.generation });
    if (!sameList(previous, findings)) this.bump(path);
  }

  /** Markdown files that are not notes, with the stamp and generation they were read at */
  private readonly notNotes = new Map<string, string>();

  /** whether each note was indexed as a group note by a glob */
  private readonly indexedForced = new Map<string, boolean>();

  /** Puts a note's summary in the index (when `replace`), keeping notesByKey and the dirty set current. */
  private indexNote(path: string, stamp: string, text: string, forceGroupNote: boolean, note: GroupNote | undefined, replace = true): boolean {
    if (!replace) return false;
    const before = this.index.get(path);
    if (before) this.index.delete(path);
    this.index.update(path, stamp, text, { forceGroupNote, note });
    this.indexedForced.set(path, forceGroupNote);
    this.relink(path, before ? relationKeys(before.summary) : new Set(), relationKeys(this.index.get(path)!.summary));
    return true;
  }

  /** Records that a note's summary changed, from notes holding `before` keys to `after` keys. */
  private relink(path: string, before: Set<string>, after: Set<string>): void {
    for (const key of before) {
      this.dirtyKeys.add(key);
      if (after.has(key)) continue;
      const holders = this.notesByKey.get(key);
      holders?.delete(path);
      if (holders?.size === 0) this.notesByKey.delete(key);
    }
    for (const key of after) {
      this.dirtyKeys.add(key);
      let holders = this.notesByKey.get(key);
      if (!holders) this.notesByKey.set(key, (holders = new Set()));
      holders.add(path);
    }
    this.dirtyPaths.add(path);
  }

  private bump(path: string): void {
    this.versions.set(path, ++this.lastVersion);
    this.changed.add(path);
  }

  /**
   * An open editor's text replaces the file on disk in the index. Summarising it waits until the
   * cross-note findings are next needed: typing only keeps the newest text.
   */
  updateFromEditor(path: string, version: number, text: string, forceGroupNote: boolean, note?: GroupNote): void {
    const stamp = `editor:${version}`;
    if (this.editorText.get(path)?.stamp === stamp || this.index.isCurrent(path, stamp)) return;
    this.editorText.set(path, { stamp, text, forceGroupNote, note });
  }

  forget(path: string): void {
    this.editorText.delete(path);
    this.notNotes.delete(path);
    const before = this.index.get(path);
    if (before && this.index.delete(path)) this.relink(path, relationKeys(before.summary), new Set());
    this.indexedForced.delete(path);
    if (this.diskFindings.delete(path) || before) this.bump(path);
  }

  findingsOnDisk(path: string): Finding[] | undefined {
    return this.diskFindings.get(path)?.findings;
  }

  diskPaths(): string[] {
    return [...this.diskFindings.keys()];
  }

  /**
   * A string that changes whenever the findings of a note on disk change (own or cross-note), for
   * the result ids of workspace diagnostics; null for a file that is not in the index.
   */
  resultVersion(path: string): number | null {
    if (!this.diskFindings.has(path)) return null;
    return this.versions.get(path) ?? 0;
  }

  /** The notes whose findings changed since the last call. */
  takeChanged(): Set<string> {
    const changed = this.changed;
    this.changed = new Set();
    return changed;
  }

  /** True when no cross-note findings were computed under the current configuration yet. */
  get crossNoteNeverRun(): boolean {
    return this.crossAll;
  }

  /** True when notes changed after the cross-note findings were last computed. */
  get crossNoteStale(): boolean {
    return this.crossAll || this.dirtyPaths.size > 0 || this.editorText.size > 0;
  }

  /**
   * Cross-note findings for a note. `current: false` (while typing) answers at once with the
   * findings last computed, which refreshCrossNote() brings up to date once typing pauses.
   */
  crossNoteFor(path: string, { current = true }: { current?: boolean } = {}): WorkspaceFinding[] {
    if (current || this.crossAll) this.refreshCrossNote();
    return this.crossCache.get(path) ?? [];
  }

  /**
   * Puts editors' text in the index and recomputes the cross-note findings that can have changed:
   * those of every note after a configuration change, otherwise those of the changed notes and of
   * the notes sharing a key with them (before or after the change), computed over those notes and
   * the notes sharing a key with any of them. True when some note's findings changed.
   */
  refreshCrossNote(): boolean {
    for (const [path, entry] of this.editorText) {
      if (!this.index.isCurrent(path, entry.stamp)) this.indexNote(path, entry.stamp, entry.text, entry.forceGroupNote, entry.note);
    }
    this.editorText.clear();
    if (!this.crossAll && this.dirtyPaths.size === 0) return false;
    const severity = (p: string, ruleId: string, defaultSeverity: Severity) => this.configFor(p).config.rules?.[ruleId] ?? defaultSeverity;
    let affected: Set<string>;
    let fresh: Map<string, WorkspaceFinding[]>;
    if (this.crossAll) {
      fresh = this.index.crossNoteFindings({ severity });
      affected = new Set([...this.crossCache.keys(), ...fresh.keys()]);
      this.lastCrossNoteRun = { notes: this.index.size, all: true };
    } else {
      affected = new Set(this.dirtyPaths);
      for (const key of this.dirtyKeys) for (const p of this.notesByKey.get(key) ?? []) affected.add(p);
      const related = new Set(affected);
      for (const p of affected) {
        const entry = this.index.get(p);
        if (entry) for (const key of relationKeys(entry.summary)) for (const q of this.notesByKey.get(key) ?? []) related.add(q);
      }
      fresh = this.index.crossNoteFindings({ severity, only: related });
      this.lastCrossNoteRun = { notes: related.size, all: false };
    }
    this.crossAll = false;
    this.dirtyPaths.clear();
    this.dirtyKeys.clear();
    let changed = false;
    for (const path of affected) {
      const before = this.crossCache.get(path);
      const after = fresh.get(path);
      if (after) this.crossCache.set(path, after);
      else this.crossCache.delete(path);
      if (!sameList(before, after)) {
        changed = true;
        this.bump(path);
      }
    }
    return changed;
  }

  invalidateIgnores(): void {
    this.ignores.clear();
  }
}
