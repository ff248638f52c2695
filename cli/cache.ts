// `--cache`: remembers each file's findings and index summary by modification time and size, so
// the next run re-reads only files that changed. The cache holds findings (which name members)
// and hashed shingles, never note text; keep it with the notes and out of version control.
//
// The cache file is written whole only now and then: a run that changed a few entries appends
// them to a journal next to it (`<cache>.journal`, one JSON record per line), which the next run
// reads after the cache file. Once the journal reaches a quarter of the cache file's size, the
// cache file is rewritten with everything and the journal removed.

import { appendFileSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Finding } from '../engine/index.js';
import type { NoteSummary } from '../engine/workspace/summary.js';

/** Bump when the engine's output for the same input can change. */
export const CACHE_VERSION = '4';

/** The journal is folded into the cache file once it is this large a share of it. */
const JOURNAL_SHARE = 0.25;

type JournalRecord = { entry: string; value: CacheEntry | null } | { plan: string; value: CachedPlan | null };

export interface CacheEntry {
  stamp: string;
  /** configuration and options the findings were computed with */
  configKey: string;
  isGroupNote: boolean;
  findings: Finding[];
  /** null when the note had disable comments (the index re-reads those) */
  summary: SerialisedSummary | null;
}

// Shingles and MinHash signatures are 32-bit numbers: kept as base64 of their bytes, a third of
// the size of a JSON list of numbers (the cache of 10,000 notes stays tens of megabytes).
type SerialisedMember = Omit<NoteSummary['members'][number], 'shingles' | 'signature'> & { shingles: string; signature: string };
type SerialisedSummary = Omit<NoteSummary, 'members'> & { members: SerialisedMember[] };

const toBase64 = (values: ArrayLike<number>) => Buffer.from(Uint32Array.from(values).buffer).toString('base64');
const fromBase64 = (text: string) => {
  const bytes = Buffer.from(text, 'base64');
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

export function serialiseSummary(summary: NoteSummary): SerialisedSummary {
  return { ...summary, members: summary.members.map((m) => ({ ...m, shingles: toBase64(m.shingles), signature: toBase64(m.signature) })) };
}

export function deserialiseSummary(summary: SerialisedSummary): NoteSummary {
  return { ...summary, members: summary.members.map((m) => ({ ...m, shingles: fromBase64(m.shingles), signature: Array.from(fromBase64(m.signature)) })) };
}

/** What a treatment plan file gives the other notes (null: the file is not a plan). */
export interface CachedPlan {
  stamp: string;
  plan: { patient: string; diagnoses: string[] } | null;
}

export class LintCache {
  private entries = new Map<string, CacheEntry>();
  private plans = new Map<string, CachedPlan>();
  /** records changed in this run, for the journal (null: forgotten) */
  private changedEntries = new Map<string, CacheEntry | null>();
  private changedPlans = new Map<string, CachedPlan | null>();
  /** the cache file this run read: its generation (which its journal must name) and size */
  private generation: string | null = null;
  private fileBytes = 0;
  private journalBytes = 0;
  hits = 0;

  constructor(private readonly location: string, private readonly engineKey: string) {
    try {
      const text = readFileSync(location, 'utf8');
      const data = JSON.parse(text) as { version?: string; engine?: string; generation?: string; entries?: Record<string, CacheEntry>; plans?: Record<string, CachedPlan> };
      if (data.version === CACHE_VERSION && data.engine === engineKey && data.entries && typeof data.generation === 'string') {
        this.entries = new Map(Object.entries(data.entries));
        this.plans = new Map(Object.entries(data.plans ?? {}));
        this.generation = data.generation;
        this.fileBytes = text.length;
        this.readJournal();
      }
    } catch {
      // no cache yet, or an unreadable one: start empty
    }
  }

  private get journalPath(): string {
    return `${this.location}.journal`;
  }

  /** Applies the journal written after the cache file; a journal of another generation is stale. */
  private readJournal(): void {
    let text: string;
    try {
      text = readFileSync(this.journalPath, 'utf8');
    } catch {
      return;
    }
    const lines = text.split('\n');
    if (lines[0] !== JSON.stringify({ generation: this.generation })) return;
    this.journalBytes = text.length;
    for (const line of lines.slice(1)) {
      if (!line) continue;
      let record: JournalRecord;
      try {
        record = JSON.parse(line) as JournalRecord;
      } catch {
        break; // a run stopped while appending: the records before it stand
      }
      if ('entry' in record) {
        if (record.value) this.entries.set(record.entry, record.value);
        else this.entries.delete(record.entry);
      } else if (record.value) this.plans.set(record.plan, record.value);
      else this.plans.delete(record.plan);
    }
  }

  get(path: string, stamp: string, configKey: string): CacheEntry | undefined {
    const entry = this.entries.get(path);
    if (entry && entry.stamp === stamp && entry.configKey === configKey) {
      this.hits++;
      return entry;
    }
    return undefined;
  }

  /** A plan file's patient and diagnoses, when the file has not changed. */
  getPlan(path: string, stamp: string): CachedPlan | undefined {
    const plan = this.plans.get(path);
    return plan?.stamp === stamp ? plan : undefined;
  }

  setPlan(path: string, plan: CachedPlan): void {
    this.plans.set(path, plan);
    this.changedPlans.set(path, plan);
  }

  set(path: string, entry: CacheEntry): void {
    this.entries.set(path, entry);
    this.changedEntries.set(path, entry);
  }

  /** Forgets files that were not seen in this run (deleted or no longer given). */
  retain(paths: Set<string>): void {
    for (const key of this.entries.keys()) {
      if (!paths.has(key)) {
        this.entries.delete(key);
        this.changedEntries.set(key, null);
      }
    }
    for (const key of this.plans.keys()) {
      if (!paths.has(key)) {
        this.plans.delete(key);
        this.changedPlans.set(key, null);
      }
    }
  }

  save(): void {
    if (this.changedEntries.size === 0 && this.changedPlans.size === 0) return;
    const records = [
      ...[...this.changedEntries].map(([entry, value]) => JSON.stringify({ entry, value })),
      ...[...this.changedPlans].map(([plan, value]) => JSON.stringify({ plan, value })),
    ].join('\n');
    if (this.generation && this.journalBytes + records.length < this.fileBytes * JOURNAL_SHARE) {
      if (this.journalBytes === 0) writeFileSync(this.journalPath, `${JSON.stringify({ generation: this.generation })}\n`);
      appendFileSync(this.journalPath, `${records}\n`);
      return;
    }
    const tmp = `${this.location}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: CACHE_VERSION, engine: this.engineKey, generation: randomUUID(), entries: Object.fromEntries(this.entries), plans: Object.fromEntries(this.plans) }));
    renameSync(tmp, this.location);
    // the new cache file holds everything; a journal of the old one no longer applies
    rmSync(this.journalPath, { force: true });
  }
}
