// The workspace index: one summary per note in a folder tree, updated incrementally, and the
// cross-note rules that run over it. Plain TypeScript: used by the CLI and the language server.

import type { Severity } from '../rules/rule.js';
import type { Position } from '../parse/text.js';
import { parseDisableComments, isSuppressed } from '../parse/disable-comments.js';
import { summarize, type NoteSummary } from './summary.js';
import type { GroupNote } from '../facts/note.js';
import { WORKSPACE_RULES } from '../rules/cross-note.js';
import type { CrossNoteOptions, IndexedNote, WorkspaceFinding } from './types.js';

export type { CrossNoteOptions, IndexedNote, RawWorkspaceFinding, WorkspaceFinding, WorkspaceLocation, WorkspaceRule } from './types.js';

export const DEFAULT_CLONE_SIMILARITY = 0.7;

/**
 * The keys through which the cross-note rules relate one note to another: its members' keys, ids
 * and names, an individual note's patient and a plan's patient. Every cross-note rule compares
 * notes only through equal keys (same member billed twice, same member's earlier sections, the
 * patient's group session that day, the member's plan), so a note's cross-note findings depend
 * only on the notes that share a key with it.
 */
export function relationKeys(summary: NoteSummary): Set<string> {
  const keys = new Set<string>();
  for (const m of summary.members) {
    keys.add(m.key);
    if (m.id) keys.add(m.id);
    if (m.name) keys.add(m.name);
  }
  if (summary.patient) keys.add(summary.patient);
  if (summary.plan) keys.add(summary.plan.patient);
  return keys;
}

const KNOWN_RULE_IDS = () => WORKSPACE_RULES.map((r) => r.id);

/**
 * What the index keeps of one note: its summary, and its disable comments when it has any. Copied
 * with structuredClone: a string cut from the note (a name, an id) would otherwise keep the whole
 * note's text in memory, for every note in the folder. `copy: false` leaves the copying to the
 * caller (a worker thread's postMessage copies anyway).
 */
export function indexEntry(path: string, stamp: string, text: string, options: { forceGroupNote?: boolean; note?: GroupNote; copy?: boolean } = {}): IndexedNote {
  const hasDirectives = text.includes('groupnote-');
  const entry = { summary: summarize(text, options), directives: hasDirectives ? parseDisableComments(text, KNOWN_RULE_IDS()) : null };
  return { path, stamp, ...(options.copy === false ? entry : structuredClone(entry)) };
}

export class WorkspaceIndex {
  private readonly notes = new Map<string, IndexedNote>();
  /**
   * One copy of each member id, name, date and code: the same members and dates recur in every
   * session of a group, and each summary arrives with its own copies (cloned, or read from a cache).
   */
  private readonly strings = new Map<string, string>();

  private intern<T extends string | null>(value: T): T {
    if (value === null) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    this.strings.set(value, value);
    return value;
  }

  /** One object per line and column: positions recur from note to note (same templates). */
  private readonly positions = new Map<number, Position>();

  /** The object the index holds for this line and column, if any. */
  private knownPosition(line: number, character: number): Position | undefined {
    const known = this.positions.get(line * 0x200000 + character);
    return known && known.line === line && known.character === character ? known : undefined;
  }

  private position(p: Position): Position {
    const known = this.knownPosition(p.line, p.character);
    if (known) return known;
    this.positions.set(p.line * 0x200000 + p.character, p);
    return p;
  }

  /**
   * The index's object for a line and column, for summaries read from elsewhere (a cache) and
   * given to restore() with `positionsShared`.
   */
  readonly sharedPosition = (line: number, character: number): Position => this.knownPosition(line, character) ?? this.position({ line, character });

  private range<T extends { start: Position; end: Position } | null>(r: T): T {
    if (r === null) return r;
    r.start = this.position(r.start);
    r.end = this.position(r.end);
    return r;
  }

  /** Replaces the summary's ids, names, dates and codes by the index's copies. */
  private shareStrings(summary: NoteSummary): void {
    summary.date = this.intern(summary.date);
    summary.clinician = this.intern(summary.clinician);
    summary.cpt = summary.cpt.map((c) => this.intern(c));
    summary.modifiers = summary.modifiers.map((c) => this.intern(c));
    for (const m of summary.members) {
      m.key = this.intern(m.key);
      m.id = this.intern(m.id);
      m.name = this.intern(m.name);
      for (const g of m.goalRefs) g.ref = this.intern(g.ref);
    }
  }

  /** Replaces the summary's positions by the index's objects. */
  private sharePositions(summary: NoteSummary): void {
    this.range(summary.header);
    for (const m of summary.members) {
      this.range(m.heading);
      this.range(m.responseRange);
      for (const g of m.goalRefs) this.range(g);
    }
  }

  private shared(entry: IndexedNote, positionsShared = false): IndexedNote {
    this.shareStrings(entry.summary);
    if (!positionsShared) this.sharePositions(entry.summary);
    return entry;
  }

  get size(): number {
    return this.notes.size;
  }

  /** True when the index already holds this version of the file. */
  isCurrent(path: string, stamp: string): boolean {
    return this.notes.get(path)?.stamp === stamp;
  }

  /** Reads a note into the index; returns false when that version was already there. */
  update(path: string, stamp: string, text: string, options: { forceGroupNote?: boolean; note?: GroupNote } = {}): boolean {
    if (this.isCurrent(path, stamp)) return false;
    this.notes.set(path, this.shared(indexEntry(path, stamp, text, options)));
    return true;
  }

  /**
   * Puts a summary read from a cache back in place. `positionsShared`: its positions already come
   * from sharedPosition(), so they need no look-up.
   */
  restore(entry: IndexedNote, { positionsShared = false }: { positionsShared?: boolean } = {}): void {
    this.notes.set(entry.path, this.shared(entry, positionsShared));
  }

  get(path: string): IndexedNote | undefined {
    return this.notes.get(path);
  }

  delete(path: string): boolean {
    return this.notes.delete(path);
  }

  paths(): string[] {
    return [...this.notes.keys()];
  }

  /**
   * Runs every cross-note rule; findings grouped by the note they are reported in. `only`: run the
   * rules over these notes alone (in index order), e.g. notesRelatedTo(): the findings of a note
   * whose related notes are all in the set are then the same as over the whole index.
   */
  crossNoteFindings(options: Partial<CrossNoteOptions> & { only?: ReadonlySet<string> } = {}): Map<string, WorkspaceFinding[]> {
    const { only, ...rest } = options;
    const full: CrossNoteOptions = { cloneSimilarity: DEFAULT_CLONE_SIMILARITY, severity: (_p, _r, d) => d, ...rest };
    const notes = only ? [...this.notes.values()].filter((n) => only.has(n.path)) : [...this.notes.values()];
    const byPath = new Map<string, WorkspaceFinding[]>();
    for (const rule of WORKSPACE_RULES) {
      // a rule can report thousands of findings: its setting is looked up once per note
      const settings = new Map<string, Severity | 'off'>();
      for (const f of rule.check(notes, full)) {
        let configured = settings.get(f.path);
        if (configured === undefined) settings.set(f.path, (configured = full.severity(f.path, rule.id, rule.defaultSeverity)));
        if (configured === 'off') continue;
        const directives = this.notes.get(f.path)?.directives;
        if (directives && isSuppressed(directives, rule.id, f.start.line).suppressed) continue;
        const finding: WorkspaceFinding = { path: f.path, start: f.start, end: f.end, ruleId: rule.id, severity: f.reminder ? 'info' : configured, message: f.message, member: f.member, related: f.related };
        if (f.data !== undefined) finding.data = f.data;
        const list = byPath.get(f.path);
        if (list) list.push(finding);
        else byPath.set(f.path, [finding]);
      }
    }
    for (const list of byPath.values()) list.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character || a.ruleId.localeCompare(b.ruleId));
    return byPath;
  }
}
