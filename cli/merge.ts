// `groupnote-lint merge <summary files...>`: the second half of a sharded run. Reads the summary
// files every shard wrote (cli/summary-file.ts), runs the cross-note rules over all the notes'
// summaries, and prints the complete report (each shard's per-note findings and the cross-note
// findings) in any format, as one run over all the files would have.

import { parseArgs } from 'node:util';
import type { Severity } from '../engine/index.js';
import { WorkspaceIndex } from '../engine/workspace/index.js';
import { compareFindings, findingsOf, type LintRun, type OutputFinding } from './lint-files.js';
import { StreamingOutput, writeOutput, type OutputFormat } from './output.js';
import { readFeeSchedule, writeReports } from './reports.js';
import { readSummaryFile, SummaryFileError, type ReadNote, type SummaryHeader } from './summary-file.js';
import { terminalSafe } from './terminal-text.js';
import { SpilledIndex } from './spilled-index.js';
import { MachineOutput } from './machine-output.js';
import { VERSION } from '../engine/version.js';

export const MERGE_USAGE = `Usage: groupnote-lint merge [options] <summary files...>

Joins the summary files of a sharded run (groupnote-lint --shard i/n --summary-out <file>, one
per shard): runs the cross-note rules over every note and prints the complete report, the same
findings as one run over all the files. Every shard 1..n of one run must be given, once.

Options:
  -f, --format <name>           stylish (default), json, sarif or junit
  --report <file>               also write a reviewer report (.html or .csv)
  --fee-schedule <file.json>    expected allowed amount per CPT code for the revenue estimate
  --docs-base-url <url>         base the rule pages are resolved against in json, sarif and html
  -h, --help                    show this help

Exit codes: 0 no errors, 1 errors found, 2 usage errors, unreadable or incomplete summary files,
or a shard that could not read a file.`;

const FORMATS: readonly OutputFormat[] = ['stylish', 'json', 'sarif', 'junit'];

export async function runMerge(argv: string[], stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  let values;
  let files: string[];
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        report: { type: 'string', multiple: true },
        'fee-schedule': { type: 'string' },
        'docs-base-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    values = parsed.values;
    files = parsed.positionals;
    if (values.help) {
      stdout.write(`${MERGE_USAGE}\n`);
      return 0;
    }
    if (values.format !== undefined && !(FORMATS as readonly string[]).includes(values.format)) throw new Error(`unknown format "${values.format}" (use stylish, json, sarif or junit)`);
    for (const file of values.report ?? []) if (!/\.(?:html?|csv)$/i.test(file)) throw new Error(`--report needs a file ending in .html or .csv, not "${file}"`);
    if (values['docs-base-url'] !== undefined && !URL.canParse(values['docs-base-url'])) throw new Error(`--docs-base-url needs an absolute URL, not "${values['docs-base-url']}"`);
    if (files.length === 0) throw new Error('no summary files given');
  } catch (error) {
    stderr.write(`groupnote-lint merge: ${error instanceof Error ? error.message.split('\n')[0] : 'cannot read the arguments'}\n\n${MERGE_USAGE}\n`);
    return 2;
  }
  const format = (values.format ?? 'stylish') as OutputFormat;
  const docsBaseUrl = values['docs-base-url'];
  let fees: Record<string, number> = {};
  if (values['fee-schedule']) {
    const read = readFeeSchedule(values['fee-schedule']);
    if (typeof read === 'string') {
      stderr.write(`groupnote-lint: ${values['fee-schedule']}: ${read}\n`);
      return 2;
    }
    fees = read;
  }

  const index = new WorkspaceIndex();
  const reportError = (file: string, error: unknown) => {
    const reason = error instanceof SummaryFileError ? error.message : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    stderr.write(`groupnote-lint merge: ${terminalSafe(file)}${reason.startsWith('and ') ? ' ' : ': '}${reason}\n`);
    return 2;
  };

  // First the header lines: every shard of one run, once (a missing shard would silently drop
  // notes and cross-note findings), before anything is printed.
  const headers: { file: string; header: SummaryHeader }[] = [];
  for (const file of files) {
    try {
      for await (const item of readSummaryFile(file, (path) => findingsOf(path, docsBaseUrl), index.sharedPosition)) {
        if (!('header' in item)) break;
        const first = headers[0];
        if (first && (item.header.shard[1] !== first.header.shard[1] || item.header.filesDigest !== first.header.filesDigest)) {
          throw new SummaryFileError(`is from another run than ${terminalSafe(first.file)} (other files or another number of shards)`);
        }
        const twin = headers.find((h) => h.header.shard[0] === item.header.shard[0]);
        if (twin) throw new SummaryFileError(`and ${terminalSafe(twin.file)} are both shard ${item.header.shard[0]}/${item.header.shard[1]}`);
        headers.push({ file, header: item.header });
        break;
      }
    } catch (error) {
      return reportError(file, error);
    }
  }
  const count = headers[0].header.shard[1];
  const shardsGiven = new Set(headers.map((h) => h.header.shard[0]));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !shardsGiven.has(i));
  if (missing.length > 0) {
    stderr.write(`groupnote-lint merge: shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: give every shard's summary file\n`);
    return 2;
  }

  // json and stylish: each note's findings are written as its summary file is read, as one run
  // writes them, and the summaries are kept on disk (cli/spilled-index.ts), so that memory does
  // not grow with the folder (reports are made from the whole run in memory)
  const stream = (format === 'json' || format === 'stylish') && (values.report ?? []).length === 0 ? new StreamingOutput(format, stdout) : null;
  // SARIF and JUnit: from findings kept in a temporary file (cli/machine-output.ts)
  const machine = (format === 'sarif' || format === 'junit') && (values.report ?? []).length === 0 ? new MachineOutput(format, VERSION, docsBaseUrl, stdout) : null;
  const spill = stream || machine ? new SpilledIndex() : null;
  const reports: string[] = values.report ?? [];
  try {
    return await mergeNotes();
  } finally {
    spill?.close();
  }

  async function mergeNotes(): Promise<number> {
    const notes: ReadNote<OutputFinding>[] = [];
    let notesRead = 0;
    let groupNotesRead = 0;
    const severities = new Map<string, Record<string, Severity | 'off'>>();
    const seenPaths = new Set<string>();
    let failed = false;
    const problemsSaid = new Set<string>();
    for (const file of files) {
      try {
        for await (const item of readSummaryFile(file, (path) => findingsOf(path, docsBaseUrl), index.sharedPosition)) {
          if ('header' in item) continue;
          if ('problem' in item) {
            failed = true;
            // a configuration file's problem is found by every shard that read it: said once
            const key = `${item.problem.path}\n${item.problem.reason}`;
            if (problemsSaid.has(key)) continue;
            problemsSaid.add(key);
            stderr.write(`groupnote-lint: ${terminalSafe(item.problem.path)}: ${item.problem.reason}\n`);
          } else if ('end' in item) {
            if (item.end.failed) failed = true;
          } else {
            const path = item.note.entry.path;
            if (seenPaths.has(path)) throw new SummaryFileError(`holds ${terminalSafe(path)}, which another summary file holds too (the same shard given twice?)`);
            seenPaths.add(path);
            if (spill) {
              item.note.findings.sort(compareFindings);
              stream?.findings(item.note.findings, item.note.order);
              machine?.note(path, item.note.findings, item.note.order);
              spill.add(item.note.entry, item.note.order);
              notesRead++;
              if (item.note.isGroupNote) groupNotesRead++;
              if (item.note.severity) severities.set(path, item.note.severity);
            } else notes.push(item.note);
          }
        }
      } catch (error) {
        // what was written of the output is incomplete: exit code 2 says so
        return reportError(file, error);
      }
    }

    // the order one run would have checked the files in (the cross-note rules read them in it)
    notes.sort((a, b) => a.order - b.order);
    const findings: OutputFinding[] = [];
    const filesChecked: string[] = [];
    let groupNotes = groupNotesRead;
    for (const note of notes) {
      index.restore(note.entry, { positionsShared: true });
      filesChecked.push(note.entry.path);
      if (note.isGroupNote) groupNotes++;
      for (const f of note.findings) findings.push(f);
      if (note.severity) severities.set(note.entry.path, note.severity);
    }
    notes.length = 0;
    const crossSeverity = (path: string, ruleId: string, defaultSeverity: Severity): Severity | 'off' => severities.get(path)?.[ruleId] ?? defaultSeverity;
    const addCross = (path: string, list: readonly { ruleId: string; severity: Severity; message: string; start: { line: number; character: number }; end: { line: number; character: number }; member: string | null }[]) => {
      const make = findingsOf(path, docsBaseUrl);
      for (const f of list) findings.push(make(f.ruleId, f.severity, f.message, f.start.line, f.start.character, f.end.line, f.end.character, f.member));
    };
    if (spill) {
      spill.crossNoteFindings(crossSeverity, (path, list, order) => {
        // written as each group of notes is checked (json, stylish) or kept on disk (SARIF, JUnit)
        const made: OutputFinding[] = [];
        const make = findingsOf(path, docsBaseUrl);
        for (const f of list) made.push(make(f.ruleId, f.severity, f.message, f.start.line, f.start.character, f.end.line, f.end.character, f.member));
        stream?.findings(made, order);
        machine?.cross(path, made);
      });
    }
    else for (const [path, list] of index.crossNoteFindings({ severity: crossSeverity })) addCross(path, list);
    findings.sort(compareFindings);
    const run: LintRun = { findings, groupNotes, filesChecked, notesChecked: filesChecked.length, failed, cacheHits: 0, index, fixedFiles: 0, fixEdits: 0, problems: [], crossSeverity };
    const errors = (stream?.errors ?? 0) + (machine?.errors ?? 0) + findings.filter((f) => f.severity === 'error').length;
    let code = failed ? 2 : errors > 0 ? 1 : 0;
    process.exitCode = code;
    if (stream) {
      stream.findings(findings);
      stream.end(groupNotes, notesRead, 0, 0);
    } else if (machine) machine.end();
    else writeOutput(format, run, docsBaseUrl, stdout);
    for (const file of reports) {
      try {
        writeReports(file, run, fees, docsBaseUrl);
      } catch (e) {
        stderr.write(`groupnote-lint: ${file}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`);
        code = 2;
      }
    }
    return code;
  }
}
