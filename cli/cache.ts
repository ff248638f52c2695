// `--cache`: remembers each file's findings and index summary by modification time and size, so
// the next run re-reads only files that changed. The cache holds findings (which name members)
// and hashed shingles, never note text; keep it with the notes and out of version control.

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Finding } from '../engine/index.js';
import type { NoteSummary } from '../engine/workspace/summary.js';

/** Bump when the engine's output for the same input can change. */
export const CACHE_VERSION = '3';

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
  private dirty = false;
  hits = 0;

  constructor(private readonly location: string, private readonly engineKey: string) {
    try {
      const data = JSON.parse(readFileSync(location, 'utf8')) as { version?: string; engine?: string; entries?: Record<string, CacheEntry>; plans?: Record<string, CachedPlan> };
      if (data.version === CACHE_VERSION && data.engine === engineKey && data.entries) {
        this.entries = new Map(Object.entries(data.entries));
        this.plans = new Map(Object.entries(data.plans ?? {}));
      }
    } catch {
      // no cache yet, or an unreadable one: start empty
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
    this.dirty = true;
  }

  set(path: string, entry: CacheEntry): void {
    this.entries.set(path, entry);
    this.dirty = true;
  }

  /** Forgets files that were not seen in this run (deleted or no longer given). */
  retain(paths: Set<string>): void {
    for (const key of this.entries.keys()) {
      if (!paths.has(key)) {
        this.entries.delete(key);
        this.dirty = true;
      }
    }
    for (const key of this.plans.keys()) {
      if (!paths.has(key)) {
        this.plans.delete(key);
        this.dirty = true;
      }
    }
  }

  save(): void {
    if (!this.dirty) return;
    const tmp = `${this.location}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: CACHE_VERSION, engine: this.engineKey, entries: Object.fromEntries(this.entries), plans: Object.fromEntries(this.plans) }));
    renameSync(tmp, this.location);
  }
}
