// Summary files: what a sharded run (`--shard i/n --summary-out <file>`) hands to
// `groupnote-lint merge`. One JSON value per line (NDJSON), written as each note is done and read
// line by line, so neither side holds more than the compact summaries:
//
//   {"groupnoteLintSummary":1,"version":"0.1.0","engine":"<digest>","shard":[2,8],"files":10000,"filesDigest":"<digest>"}
//   {"note":"notes/a.md","order":17,"group":true,"summary":[...],"hashes":"<base64>","severity":{...},"suppress":{...},"findings":[...]}
//   {"problem":"notes/b.md","reason":"cannot read (EACCES)"}
//   {"end":true,"notes":1250,"failed":false}
//
// A note's line holds its per-note findings (rule, severity, message, range, member) and the
// summary the cross-note rules read (cli/cache-codec.ts encodeSummary: kind, date, times, CPT
// codes and modifiers, clinician, patient id, header range; a treatment plan's patient id and
// name, dates, diagnoses and goal numbers, without the goals' wording; per member: key, id, name, attendance, heading range, hashed word shingles and LSH
// bands, the response's hash and word count, goal references), the note's own severities for the
// cross-note rules where its configuration changes them, and which lines its disable comments
// cover (no comment text). No sentence of a note is in it, but it names members: see
// docs/robustness.md.

import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Severity } from '../engine/index.js';
import { directivesFromPortable, portableDirectives, type PortableDirectives } from '../engine/parse/disable-comments.js';
import type { IndexedNote } from '../engine/workspace/index.js';
import type { NoteSummary } from '../engine/workspace/summary.js';
import type { Position } from '../engine/parse/text.js';
import { WORKSPACE_RULES } from '../engine/rules/cross-note.js';
import { ALL_RULES } from '../engine/rules/catalog.js';
import { VERSION } from '../engine/version.js';
import { decodeFindings, decodeSummary, encodeFindings, encodeSummary, type CachedFinding, type FindingMaker } from './cache-codec.js';

export const SUMMARY_FORMAT = 1;

/** Changes when the rules or their defaults change: summaries of different engines are not merged. */
export const ENGINE_DIGEST = createHash('sha1')
  .update(`${VERSION}\n${ALL_RULES.map((r) => `${r.id}:${r.defaultSeverity}`).join(',')}`)
  .digest('base64');

export interface SummaryHeader {
  groupnoteLintSummary: number;
  version: string;
  engine: string;
  shard: [index: number, count: number];
  /** files given to the run, in every shard */
  files: number;
  /** digest of every file's shard key: all shards of one run saw the same files */
  filesDigest: string;
}

export const filesDigest = (keys: Iterable<string>): string => {
  // the digest of the keys joined by line breaks, hashed as they come
  const hash = createHash('sha1');
  let first = true;
  for (const key of keys) {
    hash.update(first ? key : `\n${key}`);
    first = false;
  }
  return hash.digest('base64');
};

interface NoteLine {
  note: string;
  order: number;
  group: boolean;
  summary: unknown[];
  hashes: string;
  severity?: Record<string, Severity | 'off'>;
  suppress?: PortableDirectives;
  findings: unknown[];
}

/** Writes a summary file line by line (synchronously: a shard's output must not race its summary). */
export class SummaryWriter {
  private readonly fd: number;
  private notes = 0;
  constructor(path: string, header: Omit<SummaryHeader, 'groupnoteLintSummary' | 'version' | 'engine'>) {
    this.fd = openSync(path, 'w');
    this.line({ groupnoteLintSummary: SUMMARY_FORMAT, version: VERSION, engine: ENGINE_DIGEST, ...header });
  }

  private line(value: unknown): void {
    writeSync(this.fd, `${JSON.stringify(value)}\n`);
  }

  /**
   * One note. `severity` gives the note's configured severity of a cross-note rule; only those that
   * differ from the rule's default are written.
   */
  note(entry: IndexedNote, order: number, isGroupNote: boolean, findings: readonly CachedFinding[], severity: (ruleId: string, defaultSeverity: Severity) => Severity | 'off'): void {
    const hashes: number[] = [];
    // a treatment plan's goals travel as their numbers: the cross-note rules read no goal's wording
    const plan = entry.summary.plan && { ...entry.summary.plan, goals: entry.summary.plan.goals.map((g) => ({ ...g, text: '' })) };
    const summary = encodeSummary({ ...entry.summary, plan }, (values) => {
      const start = hashes.length;
      for (const v of values) hashes.push(v);
      return [start, values.length];
    });
    const bytes = Buffer.from(Uint32Array.from(hashes).buffer);
    const line: NoteLine = { note: entry.path, order, group: isGroupNote, summary, hashes: bytes.toString('base64'), findings: encodeFindings(findings) };
    const changed: Record<string, Severity | 'off'> = {};
    let any = false;
    for (const rule of WORKSPACE_RULES) {
      const configured = severity(rule.id, rule.defaultSeverity);
      if (configured !== rule.defaultSeverity) {
        changed[rule.id] = configured;
        any = true;
      }
    }
    if (any) line.severity = changed;
    if (entry.directives) line.suppress = portableDirectives(entry.directives);
    this.line(line);
    this.notes++;
  }

  problem(path: string, reason: string): void {
    this.line({ problem: path, reason });
  }

  end(failed: boolean): void {
    this.line({ end: true, notes: this.notes, failed });
    closeSync(this.fd);
  }
}

export interface ReadNote<F> {
  entry: IndexedNote;
  order: number;
  isGroupNote: boolean;
  findings: F[];
  severity: Record<string, Severity | 'off'> | null;
}

export type SummaryItem<F> = { header: SummaryHeader } | { note: ReadNote<F> } | { problem: { path: string; reason: string } } | { end: { notes: number; failed: boolean } };

export class SummaryFileError extends Error {}

/**
 * Reads a summary file line by line. Findings are made by `make`, positions by `position` (the
 * index's shared objects). Throws SummaryFileError (with a message naming no note text) when the
 * file is not a summary file, is from another engine, is damaged or was cut short.
 */
export async function* readSummaryFile<F>(path: string, make: (file: string) => FindingMaker<F>, position: (line: number, character: number) => Position): AsyncGenerator<SummaryItem<F>> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    yield* readLines(lines, make, position);
  } finally {
    // a reader that stops early (the header alone) closes the file
    lines.close();
    input.destroy();
  }
}

async function* readLines<F>(lines: AsyncIterable<string>, make: (file: string) => FindingMaker<F>, position: (line: number, character: number) => Position): AsyncGenerator<SummaryItem<F>> {
  let lineNumber = 0;
  let header: SummaryHeader | null = null;
  let ended = false;
  let notes = 0;
  for await (const text of lines) {
    lineNumber++;
    if (text === '') continue;
    if (ended) throw new SummaryFileError(`line ${lineNumber}: text after the end line`);
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new SummaryFileError(`line ${lineNumber} is not JSON (the file is damaged)`);
    }
    if (!header) {
      if (value?.groupnoteLintSummary === undefined) throw new SummaryFileError('is not a groupnote-lint summary file');
      if (value.groupnoteLintSummary !== SUMMARY_FORMAT) throw new SummaryFileError(`is summary format ${String(value.groupnoteLintSummary)}; this version reads format ${SUMMARY_FORMAT}`);
      if (value.engine !== ENGINE_DIGEST) throw new SummaryFileError(`was written by another version of groupnote-lint (${String(value.version)}; this is ${VERSION}): run every shard with the same version`);
      header = value as unknown as SummaryHeader;
      yield { header };
      continue;
    }
    if (typeof value.note === 'string') {
      const line = value as unknown as NoteLine;
      const bytes = Buffer.from(String(line.hashes ?? ''), 'base64');
      if (bytes.length % 4 !== 0) throw new SummaryFileError(`line ${lineNumber}: damaged hashes`);
      const hashes = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
      const summary: NoteSummary | null = decodeSummary(line.summary, hashes, position);
      const findings = decodeFindings(line.findings, make(line.note));
      if (!summary || !findings || typeof line.order !== 'number') throw new SummaryFileError(`line ${lineNumber}: damaged note record`);
      notes++;
      yield {
        note: {
          entry: { path: line.note, stamp: 'summary', summary, directives: line.suppress ? directivesFromPortable(line.suppress) : null },
          order: line.order,
          isGroupNote: line.group === true,
          findings,
          severity: line.severity ?? null,
        },
      };
    } else if (typeof value.problem === 'string') {
      yield { problem: { path: value.problem, reason: String(value.reason) } };
    } else if (value.end === true) {
      if (value.notes !== notes) throw new SummaryFileError(`holds ${notes} notes where its end line says ${String(value.notes)} (damaged)`);
      ended = true;
      yield { end: { notes, failed: value.failed === true } };
    } else {
      throw new SummaryFileError(`line ${lineNumber}: unknown record`);
    }
  }
  if (!header) throw new SummaryFileError('is empty');
  if (!ended) throw new SummaryFileError('ends before its end line (the shard did not finish, or the file was cut short)');
}
