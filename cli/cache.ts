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
//
// The cache can only make a run faster, never change its output:
// - a record is used only when the file's mtime and size agree and then its content hash (SHA-1 of
//   the bytes, read and hashed only in that case) agrees too: a same-size edit that kept the
//   modification time is checked again;
// - every record carries a checksum of all it holds (its path included), the cache file one of its
//   whole body and each journal frame one of its own: a damaged record or frame is not used, the
//   file is checked again, and the run says so on stderr (`damage()`). Records are checked one by
//   one only when the cache file failed its checksum (an intact file's records need no check);
// - the cache file is written to a temporary file renamed over it; a temporary file left by a
//   stopped run is removed at the next start (when its process is gone), and one this run could
//   not finish is removed at once. A cache that cannot be written is the caller's warning, not a
//   failed run (cli/lint-files.ts).

import { appendFileSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Position } from '../engine/parse/text.js';
import type { NoteSummary } from '../engine/workspace/summary.js';
import { decodeFindings, decodeSummary, encodeFindings, encodeSummary, type CachedFinding, type FindingMaker, type HashSpan } from './cache-codec.js';

/** Bump when the engine's output for the same input can change, or the format does. */
export const CACHE_VERSION = '11';

/** The journal is folded into the cache file once it is this large a share of it. */
const JOURNAL_SHARE = 0.25;

/** The start of a cache file in this format (one without it is another format, or none: ignored). */
const MAGIC = Buffer.from('groupnote-lint cache\n', 'latin1');
/** Bytes of a SHA-1 digest: the cache file's and each journal frame's checksum. */
const DIGEST_BYTES = 20;

const digest = (...parts: (string | Uint8Array)[]): Buffer => {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** A file's content hash as the cache keeps it: SHA-1 of its bytes, in base64. */
export function contentHash(bytes: Uint8Array): string {
  return digest(bytes).toString('base64');
}

const bytesOf = (values: Uint32Array) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);

export interface CacheEntry<F = CachedFinding> {
  stamp: string;
  /** contentHash() of the bytes that were checked */
  contentHash: string;
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
  contentHash: string;
  configKey: string;
  isGroupNote: boolean;
  /** false when the note had disable comments: it is checked again (the index re-reads those) */
  hasSummary: boolean;
  /** `{ findings, summary }` as cli/cache-codec.ts writes them; the summary's hashes are in `hashes` */
  json: string;
  hashes: Uint32Array;
  /** checksum of the record with its path (entrySum) */
  sum: string;
}

/** The checksum of a file's record: every field, its JSON and hashes, and the path it is kept under. */
function entrySum(path: string, e: Omit<StoredEntry, 'sum'>): string {
  return digest(JSON.stringify([path, e.stamp, e.contentHash, e.configKey, e.isGroupNote, e.hasSummary, e.json.length]), e.json, bytesOf(e.hashes)).toString('base64');
}

/** A cached result for a file as it is now; `read()` decodes its findings and summary. */
export interface CachedFile {
  /** the content hash of the bytes its findings were computed from */
  contentHash: string;
  isGroupNote: boolean;
  hasSummary: boolean;
  /**
   * Its findings made by `make`, its summary's positions from `position` (one object per line and
   * column); null when the record cannot be decoded (a damaged cache file).
   */
  read<F>(make: FindingMaker<F>, position: (line: number, character: number) => Position): CacheEntry<F> | null;
}

function encode(path: string, entry: CacheEntry): StoredEntry {
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
  const fields = { stamp: entry.stamp, contentHash: entry.contentHash, configKey: entry.configKey, isGroupNote: entry.isGroupNote, hasSummary: summary !== null, json: JSON.stringify({ findings: encodeFindings(entry.findings), summary: stored }), hashes };
  return { ...fields, sum: entrySum(path, fields) };
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
  return { stamp: stored.stamp, contentHash: stored.contentHash, configKey: stored.configKey, isGroupNote: stored.isGroupNote, findings, summary };
}

/** What a treatment plan file gives the other notes (null: the file is not a plan). */
export interface CachedPlan {
  stamp: string;
  contentHash: string;
  plan: { patient: string; diagnoses: string[] } | null;
}

/** A plan record as stored: with the checksum of its fields and path. */
type StoredPlan = CachedPlan & { sum: string };

const planSum = (path: string, p: CachedPlan): string => digest(JSON.stringify([path, p.stamp, p.contentHash, p.plan])).toString('base64');

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
  plans: Map<string, StoredPlan>;
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

type JournalRecord = { generation: string } | { entry: string; value: StoredEntry | null } | { plan: string; value: StoredPlan | null };

/** A record as 4 bytes of length, the SHA-1 of its body, then its body (V8 serialisation). */
function framed(record: JournalRecord): Buffer {
  const body = serialize(record);
  const frame = Buffer.allocUnsafe(4 + DIGEST_BYTES + body.length);
  frame.writeUInt32LE(body.length, 0);
  digest(body).copy(frame, 4);
  body.copy(frame, 4 + DIGEST_BYTES);
  return frame;
}

/**
 * The journal's records, up to one cut short by a run that stopped while appending; `damaged()`
 * is called when a complete frame fails its checksum or cannot be read (the rest is not read).
 */
function* records(bytes: Buffer, damaged: () => void): Generator<JournalRecord> {
  let at = 0;
  while (at + 4 + DIGEST_BYTES <= bytes.length) {
    const length = bytes.readUInt32LE(at);
    const bodyStart = at + 4 + DIGEST_BYTES;
    if (bodyStart + length > bytes.length) return;
    const body = bytes.subarray(bodyStart, bodyStart + length);
    let record: JournalRecord;
    try {
      if (!digest(body).equals(bytes.subarray(at + 4, bodyStart))) throw new Error('checksum');
      record = deserialize(body) as JournalRecord;
    } catch {
      damaged();
      return;
    }
    yield record;
    at = bodyStart + length;
  }
}

/** A process with this id is running (a temporary file of its is not stale). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class LintCache {
  private entries = new Map<string, StoredEntry>();
  private plans = new Map<string, StoredPlan>();
  /** records changed in this run, for the journal (null: forgotten) */
  private changedEntries = new Map<string, StoredEntry | null>();
  private changedPlans = new Map<string, StoredPlan | null>();
  /** the cache file this run read: its generation (which its journal must name) and size */
  private generation: string | null = null;
  private fileBytes = 0;
  private journalBytes = 0;
  /** what was found damaged: the cache file, journal frames, records (each checked again) */
  private damagedFile = false;
  private damagedJournal = false;
  private damagedRecords = 0;
  /**
   * Records of a cache file that failed its checksum, each still to be checked against its own
   * (the records of an intact file, of journal frames that passed theirs, and of this run are not)
   */
  private unverifiedEntries = new Set<string>();
  private unverifiedPlans = new Set<string>();
  hits = 0;

  constructor(private readonly location: string, private readonly engineKey: string) {
    this.removeStaleTemporaryFiles();
    let bytes: Buffer;
    try {
      bytes = readFileSync(location);
    } catch {
      return; // no cache yet (or not readable: then it cannot be written either, which is reported)
    }
    if (bytes.length < MAGIC.length + DIGEST_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
      // another format, or none; a file cut short inside its first bytes is a damaged cache
      if (bytes.length > 0 && (bytes.length >= MAGIC.length ? bytes.subarray(0, MAGIC.length).equals(MAGIC) : MAGIC.subarray(0, bytes.length).equals(bytes))) this.damagedFile = true;
      return;
    }
    const body = bytes.subarray(MAGIC.length + DIGEST_BYTES);
    // a body that fails its checksum is still read: each record has a checksum of its own
    if (!digest(body).equals(bytes.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES))) this.damagedFile = true;
    try {
      const data = deserialize(body) as Partial<CacheFile>;
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
        if (this.damagedFile) {
          this.unverifiedEntries = new Set(this.entries.keys());
          this.unverifiedPlans = new Set(this.plans.keys());
        }
        this.readJournal();
      }
    } catch {
      // unreadable: start empty
      this.damagedFile = true;
      this.entries = new Map();
      this.plans = new Map();
    }
  }

  private get journalPath(): string {
    return `${this.location}.journal`;
  }

  /** Temporary files of runs that stopped while saving (`<cache>.<pid>.tmp`, the process gone). */
  private removeStaleTemporaryFiles(): void {
    const folder = dirname(this.location);
    const prefix = `${basename(this.location)}.`;
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
      const pid = name.slice(prefix.length, -'.tmp'.length);
      if (!/^\d+$/.test(pid) || (Number(pid) !== process.pid && running(Number(pid)))) continue;
      rmSync(join(folder, name), { force: true });
    }
  }

  /** Applies the journal written after the cache file; a journal of another generation is stale. */
  private readJournal(): void {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.journalPath);
    } catch {
      return;
    }
    const all = records(bytes, () => (this.damagedJournal = true));
    const first = all.next().value;
    if (!first || !('generation' in first) || first.generation !== this.generation) return;
    this.journalBytes = bytes.length;
    for (const record of all) {
      // (a frame that passed its checksum: its record needs no other check)
      if ('entry' in record) {
        if (record.value) this.entries.set(record.entry, record.value);
        else this.entries.delete(record.entry);
        this.unverifiedEntries.delete(record.entry);
      } else if ('plan' in record) {
        if (record.value) this.plans.set(record.plan, record.value);
        else this.plans.delete(record.plan);
        this.unverifiedPlans.delete(record.plan);
      }
    }
  }

  /** The record kept for `path` if it is intact; a damaged one is forgotten and counted. */
  private entry(path: string): StoredEntry | undefined {
    const stored = this.entries.get(path);
    if (!stored || !this.unverifiedEntries.has(path)) return stored;
    this.unverifiedEntries.delete(path);
    let intact = false;
    try {
      intact = typeof stored.sum === 'string' && typeof stored.json === 'string' && stored.hashes instanceof Uint32Array && entrySum(path, stored) === stored.sum;
    } catch {
      // a field of the wrong type
    }
    if (intact) return stored;
    this.damagedRecords++;
    this.entries.delete(path);
    this.changedEntries.set(path, null);
    return undefined;
  }

  /**
   * The record for this file under this configuration, when its stamp agrees; the caller checks
   * its `contentHash` against the file's bytes before using it.
   */
  get(path: string, stamp: string, configKey: string): CachedFile | undefined {
    const stored = this.entry(path);
    if (!stored || stored.stamp !== stamp || stored.configKey !== configKey) return undefined;
    return { contentHash: stored.contentHash, isGroupNote: stored.isGroupNote, hasSummary: stored.hasSummary, read: (make, position) => decode(stored, make, position) };
  }

  /** Counts a record the caller used. */
  hit(): void {
    this.hits++;
  }

  /** The content hash of the file's record when its stamp agrees (under any configuration). */
  contentHashOf(path: string, stamp: string): string | undefined {
    const stored = this.entry(path);
    return stored?.stamp === stamp ? stored.contentHash : undefined;
  }

  /** A plan file's record when its stamp agrees; the caller checks its `contentHash`. */
  getPlan(path: string, stamp: string): CachedPlan | undefined {
    const plan = this.plans.get(path);
    if (!plan) return undefined;
    let intact = !this.unverifiedPlans.has(path);
    if (!intact) {
      this.unverifiedPlans.delete(path);
      try {
        intact = planSum(path, plan) === plan.sum;
      } catch {
        // a field of the wrong type
      }
    }
    if (!intact) {
      this.damagedRecords++;
      this.plans.delete(path);
      this.changedPlans.set(path, null);
      return undefined;
    }
    return plan.stamp === stamp ? plan : undefined;
  }

  setPlan(path: string, plan: CachedPlan): void {
    const stored = { ...plan, sum: planSum(path, plan) };
    this.plans.set(path, stored);
    this.changedPlans.set(path, stored);
  }

  set(path: string, entry: CacheEntry): void {
    const stored = encode(path, entry);
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

  /** What was found damaged, for a warning (null: nothing). */
  damage(): string | null {
    const parts: string[] = [];
    if (this.damagedFile) parts.push('the cache file failed its checksum');
    if (this.damagedJournal) parts.push('its journal has a damaged record');
    if (this.damagedRecords > 0) parts.push(`${this.damagedRecords} record${this.damagedRecords === 1 ? '' : 's'} failed their checksum`);
    return parts.length ? parts.join('; ') : null;
  }

  /** Writes what changed (journal) or everything (cache file). Throws when it cannot be written; leaves no temporary file. */
  save(): void {
    // records of a damaged file not looked at in this run are checked before they are written
    // into a new file (whose checksum would vouch for them)
    for (const path of [...this.unverifiedEntries]) this.entry(path);
    for (const path of [...this.unverifiedPlans]) this.getPlan(path, '');
    const damaged = this.damagedFile || this.damagedJournal;
    if (this.changedEntries.size === 0 && this.changedPlans.size === 0 && !damaged) return;
    const frames = Buffer.concat([
      ...[...this.changedEntries].map(([entry, value]) => framed({ entry, value })),
      ...[...this.changedPlans].map(([plan, value]) => framed({ plan, value })),
    ]);
    // a damaged cache file or journal is replaced whole, not appended to
    if (!damaged && this.generation && this.journalBytes + frames.length < this.fileBytes * JOURNAL_SHARE) {
      if (this.journalBytes === 0) writeFileSync(this.journalPath, framed({ generation: this.generation }));
      appendFileSync(this.journalPath, frames);
      return;
    }
    const tmp = `${this.location}.${process.pid}.tmp`;
    const file: CacheFile = { version: CACHE_VERSION, engine: this.engineKey, generation: randomUUID(), ...pack(this.entries), plans: this.plans };
    const body = serialize(file);
    try {
      writeFileSync(tmp, Buffer.concat([MAGIC, digest(body), body]));
      renameSync(tmp, this.location);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    // the new cache file holds everything; a journal of the old one no longer applies
    rmSync(this.journalPath, { force: true });
  }
}
