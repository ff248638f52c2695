// `--cache`: remembers each file's findings and index summary by modification time and size, so
// the next run re-reads only files that changed. The cache holds findings (which name members)
// and hashed shingles, never note text; keep it with the notes and out of version control.
//
// The cache is in V8's serialisation format (node:v8). Each file's record keeps its stamp and
// configuration key as they are, and its findings and summary as JSON (flat arrays, see
// cli/cache-codec.ts) plus an array of the members' shingle hashes; in the cache file every
// record's JSON is one string and every record's hashes one array. Loading the cache then reads two
// large blocks and small records instead of rebuilding every finding and summary as objects, and
// each record is decoded when it is used (`CachedFile.read`), by JSON.parse, which builds arrays
// faster than V8's deserialiser.
//
// The cache file is written whole only now and then: a run that changed a few entries appends
// them to a journal next to it (`<cache>.journal`: length-prefixed records), which the next run
// reads after the cache file. Once the journal reaches a quarter of the cache file's size, the
// cache file is rewritten with everything and the journal removed.

import { appendFileSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { Position } from '../engine/text.js';
import type { NoteSummary } from '../engine/workspace/summary.js';
import { decodeFindings, decodeSummary, encodeFindings, encodeSummary, type CachedFinding, type FindingMaker, type HashSpan } from './cache-codec.js';

/** Bump when the engine's output for the same input can change, or the format does. */
export const CACHE_VERSION = '10';

/** The journal is folded into the cache file once it is this large a share of it. */
const JOURNAL_SHARE = 0.25;

export interface CacheEntry<F = CachedFinding> {
  stamp: string;
  /** configuration and options the findings were computed with */
  configKey: string;
  isGroupNote: boolean;
  findings: F[];
  /** null when the note had disable comments (the index re-reads those) */
  summary: NoteSummary | null;
}

/** A file's record as stored: findings and summary stay encoded until read. */
interface StoredEntry {
  stamp: string;
  configKey: string;
  isGroupNote: boolean;
  /** false when the note had disable comments: it is checked again (the index re-reads those) */
  hasSummary: boolean;
  /** `{ findings, summary }` as cli/cache-codec.ts writes them; the summary's hashes are in `hashes` */
  json: string;
  hashes: Uint32Array;
}

/** A cached result for a file as it is now; `read()` decodes its findings and summary. */
export interface CachedFile {
  isGroupNote: boolean;
  hasSummary: boolean;
  /**
   * Its findings made by `make`, its summary's positions from `position` (one object per line and
   * column); null when the record cannot be decoded (a damaged cache file).
   */
  read<F>(make: FindingMaker<F>, position: (line: number, character: number) => Position): CacheEntry<F> | null;
}

function encode(entry: CacheEntry): StoredEntry {
  const { summary } = entry;
  let length = 0;
  for (const m of summary?.members ?? []) length += m.shingles.length + m.bands.length;
  const hashes = new Uint32Array(length);
  let at = 0;
  const span = (values: Uint32Array): HashSpan => {
    hashes.set(values, at);
    at += values.length;
    return [at - values.length, values.length];
  };
  const stored = summary && encodeSummary(summary, span);
  return { stamp: entry.stamp, configKey: entry.configKey, isGroupNote: entry.isGroupNote, hasSummary: summary !== null, json: JSON.stringify({ findings: encodeFindings(entry.findings), summary: stored }), hashes };
}

function decode<F>(stored: StoredEntry, make: FindingMaker<F>, position: (line: number, character: number) => Position): CacheEntry<F> | null {
  let record: { findings: unknown; summary: unknown } | null;
  try {
    record = JSON.parse(stored.json) as typeof record;
  } catch {
    return null;
  }
  if (typeof record !== 'object' || record === null) return null;
  const findings = decodeFindings(record.findings, make);
  const summary = record.summary === null ? null : decodeSummary(record.summary, stored.hashes, position);
  if (!findings || (record.summary !== null && !summary)) return null;
  return { stamp: stored.stamp, configKey: stored.configKey, isGroupNote: stored.isGroupNote, findings, summary };
}

/** What a treatment plan file gives the other notes (null: the file is not a plan). */
export interface CachedPlan {
  stamp: string;
  plan: { patient: string; diagnoses: string[] } | null;
}

/** A record in the cache file: its JSON and hashes are the next pieces of the file's `json` and `hashes`. */
type PackedEntry = Omit<StoredEntry, 'json' | 'hashes'> & { jsonLength: number; hashesLength: number };

interface CacheFile {
  version: string;
  engine: string;
  /** names this version of the file; a journal is read only after the file it was written for */
  generation: string;
  entries: Map<string, PackedEntry>;
  // Every record's JSON in one string and hashes in one array: V8 reads each as one block, where
  // ten thousand small strings and arrays would each be allocated and then copied by the garbage
  // collector. A record's pieces are slices of them (no copy).
  json: string;
  hashes: Uint32Array;
  plans: Map<string, CachedPlan>;
}

function pack(entries: Map<string, StoredEntry>): Pick<CacheFile, 'entries' | 'json' | 'hashes'> {
  const packed = new Map<string, PackedEntry>();
  const json: string[] = [];
  let hashCount = 0;
  for (const [path, { json: text, hashes, ...fields }] of entries) {
    packed.set(path, { ...fields, jsonLength: text.length, hashesLength: hashes.length });
    json.push(text);
    hashCount += hashes.length;
  }
  const hashes = new Uint32Array(hashCount);
  let at = 0;
  for (const entry of entries.values()) {
    hashes.set(entry.hashes, at);
    at += entry.hashes.length;
  }
  return { entries: packed, json: json.join(''), hashes };
}

function unpack(file: CacheFile): Map<string, StoredEntry> {
  const entries = new Map<string, StoredEntry>();
  let jsonAt = 0;
  let hashesAt = 0;
  for (const [path, { jsonLength, hashesLength, ...fields }] of file.entries) {
    const json = file.json.slice(jsonAt, (jsonAt += jsonLength));
    const hashes = file.hashes.subarray(hashesAt, (hashesAt += hashesLength));
    entries.set(path, { ...fields, json, hashes });
  }
  return entries;
}

type JournalRecord = { generation: string } | { entry: string; value: StoredEntry | null } | { plan: string; value: CachedPlan | null };

/** A record as 4 bytes of length then its V8 serialisation. */
function framed(record: JournalRecord): Buffer {
  const body = serialize(record);
  const frame = Buffer.allocUnsafe(4 + body.length);
  frame.writeUInt32LE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

/** The journal's records, up to one cut short by a run that stopped while appending. */
function* records(bytes: Buffer): Generator<JournalRecord> {
  let at = 0;
  while (at + 4 <= bytes.length) {
    const length = bytes.readUInt32LE(at);
    if (at + 4 + length > bytes.length) return;
    let record: JournalRecord;
    try {
      record = deserialize(bytes.subarray(at + 4, at + 4 + length)) as JournalRecord;
    } catch {
      return;
    }
    yield record;
    at += 4 + length;
  }
}

export class LintCache {
  private entries = new Map<string, StoredEntry>();
  private plans = new Map<string, CachedPlan>();
  /** records changed in this run, for the journal (null: forgotten) */
  private changedEntries = new Map<string, StoredEntry | null>();
  private changedPlans = new Map<string, CachedPlan | null>();
  /** the cache file this run read: its generation (which its journal must name) and size */
  private generation: string | null = null;
  private fileBytes = 0;
  private journalBytes = 0;
  hits = 0;

  constructor(private readonly location: string, private readonly engineKey: string) {
    try {
      const bytes = readFileSync(location);
      const data = deserialize(bytes) as Partial<CacheFile>;
      if (
        data.version === CACHE_VERSION &&
        data.engine === engineKey &&
        data.entries instanceof Map &&
        typeof data.json === 'string' &&
        data.hashes instanceof Uint32Array &&
        data.plans instanceof Map &&
        typeof data.generation === 'string'
      ) {
        this.entries = unpack(data as CacheFile);
        this.plans = data.plans;
        this.generation = data.generation;
        this.fileBytes = bytes.length;
        this.readJournal();
      }
    } catch {
      // no cache yet, or an unreadable one (an older format too): start empty
    }
  }

  private get journalPath(): string {
    return `${this.location}.journal`;
  }

  /** Applies the journal written after the cache file; a journal of another generation is stale. */
  private readJournal(): void {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.journalPath);
    } catch {
      return;
    }
    const all = records(bytes);
    const first = all.next().value;
    if (!first || !('generation' in first) || first.generation !== this.generation) return;
    this.journalBytes = bytes.length;
    for (const record of all) {
      if ('entry' in record) {
        if (record.value) this.entries.set(record.entry, record.value);
        else this.entries.delete(record.entry);
      } else if ('plan' in record) {
        if (record.value) this.plans.set(record.plan, record.value);
        else this.plans.delete(record.plan);
      }
    }
  }

  get(path: string, stamp: string, configKey: string): CachedFile | undefined {
    const stored = this.entries.get(path);
    if (!stored || stored.stamp !== stamp || stored.configKey !== configKey) return undefined;
    this.hits++;
    return { isGroupNote: stored.isGroupNote, hasSummary: stored.hasSummary, read: (make, position) => decode(stored, make, position) };
  }

  /** The cache holds a result for this file as it is now (under any configuration). */
  has(path: string, stamp: string): boolean {
    return this.entries.get(path)?.stamp === stamp;
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
    const stored = encode(entry);
    this.entries.set(path, stored);
    this.changedEntries.set(path, stored);
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
    const frames = Buffer.concat([
      ...[...this.changedEntries].map(([entry, value]) => framed({ entry, value })),
      ...[...this.changedPlans].map(([plan, value]) => framed({ plan, value })),
    ]);
    if (this.generation && this.journalBytes + frames.length < this.fileBytes * JOURNAL_SHARE) {
      if (this.journalBytes === 0) writeFileSync(this.journalPath, framed({ generation: this.generation }));
      appendFileSync(this.journalPath, frames);
      return;
    }
    const tmp = `${this.location}.${process.pid}.tmp`;
    const file: CacheFile = { version: CACHE_VERSION, engine: this.engineKey, generation: randomUUID(), ...pack(this.entries), plans: this.plans };
    writeFileSync(tmp, serialize(file));
    renameSync(tmp, this.location);
    // the new cache file holds everything; a journal of the old one no longer applies
    rmSync(this.journalPath, { force: true });
  }
}
