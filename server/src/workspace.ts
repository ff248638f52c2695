// The server's view of the workspace folders: every note on disk in the index (open editors
// override the disk), scanned in small batches so the editor stays responsive, cancellable, and
// updated one file at a time when files change. Used for workspace diagnostics and cross-note rules.

import { readFileSync, statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { collectFiles, decodeNote, diskStamp, IgnoreFiles, matchesAnyGlob, MAX_NOTE_BYTES } from '../../engine/files.js';
import { lintText, type Finding, type GroupNote, type LintConfig } from '../../engine/index.js';
import { WorkspaceIndex, type WorkspaceFinding } from '../../engine/workspace/index.js';

export interface ScanHooks {
  isCancelled: () => boolean;
  report: (done: number, total: number) => void;
}

export interface NoteConfig {
  config: LintConfig;
  forceGroupNote: boolean;
}

/** Same cross-note findings, note by note (one small string at a time, not the whole folder's). */
function sameFindings(a: Map<string, WorkspaceFinding[]>, b: Map<string, WorkspaceFinding[]>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, list] of a) {
    const other = b.get(path);
    if (!other || other.length !== list.length || JSON.stringify(list) !== JSON.stringify(other)) return false;
  }
  return true;
}

export class ServerWorkspace {
  readonly index = new WorkspaceIndex();
  /** single-note findings of files on disk that are not open in the editor */
  private readonly diskFindings = new Map<string, Finding[]>();
  private readonly ignores = new IgnoreFiles();
  private scanned = false;
  /** cross-note findings last computed, and whether the index has changed since */
  private crossCache: Map<string, WorkspaceFinding[]> | null = null;
  private crossStale = true;
  /** open editors' latest text, put in the index when cross-note findings are next computed */
  private readonly editorText = new Map<string, { stamp: string; text: string; forceGroupNote: boolean; note?: GroupNote }>();

  constructor(
    private readonly folders: () => string[],
    private readonly configFor: (path: string) => NoteConfig,
    private readonly globs: () => { include: string[]; exclude: string[] },
    /** open notes are indexed from the editor's text, not from disk */
    private readonly isOpen: (path: string) => boolean,
    /** plan diagnoses by patient, for diagnosis-plan-mismatch */
    private readonly treatmentPlans: () => ReadonlyMap<string, { diagnoses: string[] }>,
  ) {}

  get isScanned(): boolean {
    return this.scanned;
  }

  /** Should this file be in the index? Include/exclude globs and .gitignore-style ignore files. */
  includes(path: string): boolean {
    const folder = this.folders().find((f) => !relative(f, path).startsWith('..'));
    if (!folder) return false;
    const rel = relative(folder, path).split(sep).join('/');
    const { include, exclude } = this.globs();
    if (!matchesAnyGlob(rel, include) || matchesAnyGlob(rel, exclude)) return false;
    return !this.ignores.ignores(folder, rel);
  }

  private running: Promise<boolean> | null = null;

  /**
   * Scans every folder; unchanged files (same mtime and size) are not read again. A scan already
   * under way is joined rather than started twice (its progress goes to whoever started it).
   */
  scan(hooks: ScanHooks): Promise<boolean> {
    this.running ??= this.scanOnce(hooks).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async scanOnce(hooks: ScanHooks): Promise<boolean> {
    const files = [...collectFiles(this.folders())].filter((f) => !f.error && this.includes(f.path));
    const seen = new Set(files.map((f) => f.path));
    for (const path of this.index.paths()) if (!seen.has(path) && !this.isOpen(path)) this.forget(path);
    for (let i = 0; i < files.length; i++) {
      if (i % 25 === 0) {
        if (hooks.isCancelled()) return false;
        hooks.report(i, files.length);
        // give the editor's requests a turn between batches
        await new Promise((resolve) => setImmediate(resolve));
      }
      this.readFromDisk(files[i].path);
    }
    hooks.report(files.length, files.length);
    this.scanned = true;
    return true;
  }

  /** Re-reads one file from disk (after a change event). */
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
    if (this.index.isCurrent(path, stamp)) return;
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
    this.index.update(path, stamp, text, { forceGroupNote, note: result.note });
    // copied, so that no string cut from the note keeps its text in memory (see indexEntry)
    this.diskFindings.set(path, structuredClone(result.findings));
    this.crossStale = true;
  }

  /** An open editor's text replaces the file on disk in the index. */
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
    if (this.index.delete(path)) this.crossStale = true;
    this.diskFindings.delete(path);
  }

  findingsOnDisk(path: string): Finding[] | undefined {
    return this.diskFindings.get(path);
  }

  diskPaths(): string[] {
    return [...this.diskFindings.keys()];
  }

  /** True when notes changed after the cross-note findings were last computed. */
  get crossNoteStale(): boolean {
    return this.crossStale || this.editorText.size > 0 || !this.crossCache;
  }

  /**
   * Cross-note findings for a note. `current: false` (while typing) answers at once with the
   * findings last computed, which refreshCrossNote() brings up to date once typing pauses: the
   * cross-note rules read every note in the folder, too much work for each keystroke.
   */
  crossNoteFor(path: string, { current = true }: { current?: boolean } = {}): WorkspaceFinding[] {
    if (current || !this.crossCache) this.refreshCrossNote();
    return this.crossCache!.get(path) ?? [];
  }

  /** Puts editors' text in the index and recomputes cross-note findings when notes changed; true when the findings changed. */
  refreshCrossNote(): boolean {
    for (const [path, entry] of this.editorText) {
      if (this.index.update(path, entry.stamp, entry.text, { forceGroupNote: entry.forceGroupNote, note: entry.note })) this.crossStale = true;
    }
    this.editorText.clear();
    if (!this.crossStale && this.crossCache) return false;
    const previous = this.crossCache;
    this.crossCache = this.index.crossNoteFindings({
      severity: (p, ruleId, defaultSeverity) => this.configFor(p).config.rules?.[ruleId] ?? defaultSeverity,
    });
    this.crossStale = false;
    return !previous || !sameFindings(previous, this.crossCache);
  }

  invalidateIgnores(): void {
    this.ignores.clear();
  }
}
