// SARIF and JUnit written without holding a folder's findings in memory. Both documents are in an
// order the run does not check files in (SARIF: findings sorted by file, line, column and rule;
// JUnit: a suite per file in the order given, with totals before the first suite), so each note's
// findings go to a temporary file as the note is done (cli/temp-records.ts), and each note's
// cross-note findings as its group of notes is checked. At the end the document is written file
// by file, each file's findings read back and merged in the order one sorted list would give:
// the same text as formatMachine (cli/reports.ts) writes from the whole run.

import { ALL_RULES } from '../engine/rules/catalog.js';
import { HOMEPAGE, DEFAULT_DOCS_BASE_URL } from '../engine/version.js';
import { junitHead, junitRuleIds, junitSuite, junitTail } from '../engine/report/junit.js';
import { normalizePath, sarifFingerprints, sarifLog, sarifResult, sarifRuleIndex, sarifRules } from '../engine/report/sarif.js';
import { toReportFinding, toRuleInfos, type ReportFinding } from '../engine/report/types.js';
import { decodeFindings, encodeFindings } from './cache-codec.js';
import { compareFindings, findingsOf, type OutputFinding } from './lint-files.js';
import { TempRecords } from './temp-records.js';

/** A finding of the output as the engine gives it (lines and characters from 0). */
export const engineFinding = (f: OutputFinding) => ({
  ruleId: f.ruleId,
  severity: f.severity,
  message: f.message,
  start: { line: f.line - 1, character: f.column - 1 },
  end: { line: f.endLine - 1, character: f.endColumn - 1 },
  member: f.member,
});

/** SARIF and JUnit read no clinician, date or member name: a finding's file and place are enough. */
const reportFinding = (f: OutputFinding): ReportFinding => toReportFinding(engineFinding(f), { file: f.file });

/** Output is written in pieces of about this many characters. */
const PIECE = 1 << 16;

export class MachineOutput {
  private readonly records = new TempRecords();
  /** per note, in the order done: its path and its record (-1: no findings) */
  private readonly paths: string[] = [];
  private readonly noteRecords: number[] = [];
  /** per note: its place in the order the files were given (a merge reads notes shard by shard) */
  private readonly orders: number[] = [];
  /** cross-note findings: per path, their records */
  private readonly crossRecords = new Map<string, number[]>();
  /** rule ids of the findings that are not the CLI's rules (none, unless a rule is added without its catalog entry) */
  private readonly otherRules: Pick<ReportFinding, 'ruleId' | 'severity'>[] = [];
  private readonly known = new Set(ALL_RULES.map((r) => r.id));
  private errorCount = 0;
  private buffered = '';
  /** set when the reader went away (| head): nothing more is written */
  closed = false;

  constructor(
    private readonly format: 'sarif' | 'junit',
    private readonly version: string,
    private readonly docsBaseUrl: string | undefined,
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {}

  /** Findings of severity error so far (for the exit code). */
  get errors(): number {
    return this.errorCount;
  }

  private store(findings: readonly OutputFinding[]): number {
    for (const f of findings) {
      if (f.severity === 'error') this.errorCount++;
      if (!this.known.has(f.ruleId)) {
        this.known.add(f.ruleId);
        this.otherRules.push(reportFinding(f));
      }
    }
    return this.records.add(Buffer.from(JSON.stringify(encodeFindings(findings.map(engineFinding)))));
  }

  /** A note checked, with its own findings (sorted) and its place in the order the files were given. */
  note(path: string, findings: readonly OutputFinding[], order = this.paths.length): void {
    this.paths.push(path);
    this.orders.push(order);
    this.noteRecords.push(findings.length > 0 ? this.store(findings) : -1);
  }

  /** A note's cross-note findings (sorted). */
  cross(path: string, findings: readonly OutputFinding[]): void {
    if (findings.length === 0) return;
    const record = this.store(findings);
    const list = this.crossRecords.get(path);
    if (list) list.push(record);
    else this.crossRecords.set(path, [record]);
  }

  private read(record: number, path: string): OutputFinding[] {
    const findings = decodeFindings(JSON.parse(this.records.read(record).toString('utf8')), findingsOf(path, this.docsBaseUrl));
    if (!findings) throw new Error('a temporary file is damaged');
    return findings;
  }

  /**
   * A file's findings in the order of the run's sorted list: its notes' own findings, then its
   * cross-note findings, sorted stably (so a note's own finding comes first among equals).
   */
  private findingsOf(path: string, notes: readonly number[]): OutputFinding[] {
    const own: OutputFinding[] = [];
    for (const note of notes) if (this.noteRecords[note] >= 0) for (const f of this.read(this.noteRecords[note], path)) own.push(f);
    const cross: OutputFinding[] = [];
    for (const record of this.crossRecords.get(path) ?? []) for (const f of this.read(record, path)) cross.push(f);
    return cross.length === 0 && notes.length <= 1 ? own : [...own, ...cross].sort(compareFindings);
  }

  private write(text: string): void {
    this.buffered += text;
    if (this.buffered.length >= PIECE) this.flush();
  }

  private flush(): void {
    if (!this.closed && this.buffered) this.out.write(this.buffered);
    this.buffered = '';
  }

  /** Writes the document; the temporary file is removed. */
  end(): void {
    try {
      if (this.format === 'sarif') this.sarif();
      else this.junit();
      this.flush();
    } finally {
      this.records.close();
    }
  }

  /** Every file with findings, in the order of the run's sorted list (file names compared as compareFindings does). */
  private *filesSorted(): Generator<{ path: string; notes: number[] }> {
    const order = Array.from(this.paths.keys()).sort((a, b) => (this.paths[a] < this.paths[b] ? -1 : this.paths[a] > this.paths[b] ? 1 : this.orders[a] - this.orders[b] || a - b));
    // cross-note findings of a file that is not among the notes (none in a run) come at their place too
    const others = [...this.crossRecords.keys()].filter((p) => !this.pathsSet().has(p)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let other = 0;
    for (let i = 0; i < order.length; ) {
      const path = this.paths[order[i]];
      while (other < others.length && others[other] < path) yield { path: others[other++], notes: [] };
      const notes: number[] = [];
      for (; i < order.length && this.paths[order[i]] === path; i++) notes.push(order[i]);
      yield { path, notes };
    }
    while (other < others.length) yield { path: others[other++], notes: [] };
  }

  private pathsSetCache: Set<string> | null = null;
  private pathsSet(): Set<string> {
    return (this.pathsSetCache ??= new Set(this.paths));
  }

  private sarif(): void {
    const tool = { name: 'groupnote-lint', version: this.version, informationUri: HOMEPAGE, docsBaseUri: this.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL };
    const allRules = sarifRules(toRuleInfos(ALL_RULES), this.otherRules);
    const index = sarifRuleIndex(allRules);
    const MARK = '\u0000results\u0000';
    const text = `${JSON.stringify(sarifLog(allRules, tool, [MARK]), null, 2)}\n`;
    const at = text.indexOf(JSON.stringify(MARK));
    const indent = text.slice(text.lastIndexOf('\n', at) + 1, at);
    let written = 0;
    for (const { path, notes } of this.filesSorted()) {
      const findings = this.findingsOf(path, notes).map(reportFinding);
      if (findings.length === 0) continue;
      const fingerprints = sarifFingerprints(findings);
      findings.forEach((f, i) => {
        const result = JSON.stringify(sarifResult(f, index, fingerprints[i]), null, 2).replaceAll('\n', `\n${indent}`);
        this.write(written++ === 0 ? `${text.slice(0, at)}${result}` : `,\n${indent}${result}`);
      });
    }
    if (written === 0) this.write(`${JSON.stringify(sarifLog(allRules, tool, []), null, 2)}\n`);
    else this.write(text.slice(at + JSON.stringify(MARK).length));
  }

  /** JUnit: a suite per note in the order done, then any other file with findings; totals first (two passes). */
  private junit(): void {
    const ruleIds = junitRuleIds(toRuleInfos(ALL_RULES));
    // the notes of each file (normalised as toJUnit does), files in the order first given
    const files: { path: string; notes: number[] }[] = [];
    const byKey = new Map<string, { path: string; notes: number[] }>();
    const fileOf = (path: string) => {
      const key = normalizePath(path);
      let file = byKey.get(key);
      if (!file) {
        byKey.set(key, (file = { path, notes: [] }));
        files.push(file);
      }
      return file;
    };
    const inOrder = Array.from(this.paths.keys()).sort((a, b) => this.orders[a] - this.orders[b] || a - b);
    for (const note of inOrder) fileOf(this.paths[note]).notes.push(note);
    // cross-note findings of a file not among the notes (none in a run) are added after them, in sorted order
    for (const path of [...this.crossRecords.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) fileOf(path);
    const findingsOfFile = (file: { path: string; notes: number[] }) => {
      // every spelling of the file's path that has findings (one, unless a file was given twice)
      const spellings = [...new Set(file.notes.map((n) => this.paths[n]))];
      if (!spellings.includes(file.path)) spellings.push(file.path);
      const list = spellings.flatMap((path) => this.findingsOf(path, file.notes.filter((n) => this.paths[n] === path)));
      return (spellings.length > 1 ? list.sort(compareFindings) : list).map(reportFinding);
    };
    let tests = 0;
    let failures = 0;
    for (const file of files) {
      const suite = junitSuite(file.path, findingsOfFile(file), ruleIds);
      tests += suite.tests;
      failures += suite.failures;
    }
    this.write(junitHead(tests, failures));
    for (const file of files) this.write(`\n${junitSuite(file.path, findingsOfFile(file), ruleIds).text}`);
    this.write(`\n${junitTail()}`);
  }
}
