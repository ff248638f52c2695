// The findings of a run as the CLI prints them: stylish (one line per finding and a summary
// line), json, sarif or junit. Shared by a run over files and by `merge` (cli/merge.ts).

import { VERSION } from '../engine/version.js';
import type { LintRun, OutputFinding } from './lint-files.js';
import { formatMachine } from './reports.js';
import { terminalSafe } from './terminal-text.js';

export type OutputFormat = 'stylish' | 'json' | 'sarif' | 'junit';

export function writeOutput(format: OutputFormat, run: LintRun, docsBaseUrl: string | undefined, out: NodeJS.WritableStream = process.stdout): void {
  if (format === 'json') {
    // the findings are in the output's shape already (OutputFinding); the text is written in two
    // parts, so that tens of megabytes are not copied once more to add a line break
    out.write(JSON.stringify(run.findings, null, 2));
    out.write('\n');
  } else if (format === 'sarif' || format === 'junit') {
    out.write(formatMachine(format, run, VERSION, docsBaseUrl));
  } else {
    out.write(stylish(run.findings, run.groupNotes, run.filesChecked.length, run.fixedFiles, run.fixEdits));
  }
}

export function stylish(findings: OutputFinding[], groupNotes: number, filesChecked: number, fixedFiles: number, fixEdits: number): string {
  const color = process.stdout.isTTY && !process.env.NO_COLOR;
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const severityColor = { error: 31, warning: 33, info: 36 } as const;
  const lines = findings.map(
    (f) => `${terminalSafe(f.file)}:${f.line}:${f.column} ${paint(severityColor[f.severity], f.severity)} ${paint(2, f.ruleId)} ${terminalSafe(f.message)}`,
  );
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const files = new Set(findings.map((f) => f.file)).size;
  lines.push(summaryLines({ error: count('error'), warning: count('warning'), info: count('info') }, files, groupNotes, filesChecked, fixedFiles, fixEdits));
  return `${lines.join('\n')}\n`;
}

/** stylish's last line (and a line for --fix): how many problems in how many notes. */
function summaryLines(counts: Record<'error' | 'warning' | 'info', number>, filesWithFindings: number, groupNotes: number, filesChecked: number, fixedFiles: number, fixEdits: number): string {
  const total = counts.error + counts.warning + counts.info;
  const notes = `${filesChecked} note${filesChecked === 1 ? '' : 's'} (${groupNotes} group note${groupNotes === 1 ? '' : 's'})`;
  const lines = [
    total === 0
      ? `No problems found in ${notes}.`
      : `${total} problem${total === 1 ? '' : 's'} (${counts.error} errors, ${counts.warning} warnings, ${counts.info} info) in ${filesWithFindings} of ${notes}.`,
  ];
  if (fixedFiles > 0) lines.push(`Fixed: ${fixEdits} insertion${fixEdits === 1 ? '' : 's'} in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}.`);
  return lines.join('\n');
}

/**
 * json and stylish output written as the run goes: each note's findings when the note is done
 * (in the order the files were given), then the cross-note findings, then (stylish) the summary
 * line. Only counts stay in memory. The text is the same as writeOutput's once both are sorted
 * (JSON: the array's elements; stylish: the lines before the summary line, which is the same).
 */
export class StreamingOutput {
  private buffered = '';
  private written = 0;
  private readonly counts = { error: 0, warning: 0, info: 0 };
  /** files with findings: by their place in the order given, or (findings given without it) by path */
  private filesWithFindings = 0;
  private seenOrders = new Uint8Array(1024);
  private readonly seenPaths = new Set<string>();
  private readonly paint: (code: number, s: string) => string;
  /** set when the reader went away (| head): the run goes on for its exit code, writing nothing */
  closed = false;

  constructor(
    private readonly format: 'json' | 'stylish',
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {
    const color = format === 'stylish' && process.stdout.isTTY && !process.env.NO_COLOR;
    this.paint = (code, s) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  }

  get errors(): number {
    return this.counts.error;
  }

  /**
   * Findings to write; `order`: the place among the files given of the one file they are all in
   * (so that stylish counts the files with findings without keeping their paths).
   */
  findings(list: readonly OutputFinding[], order?: number): void {
    const severityColor = { error: 31, warning: 33, info: 36 } as const;
    if (this.format === 'stylish' && list.length > 0 && order !== undefined) {
      if (order >= this.seenOrders.length) {
        const bigger = new Uint8Array(Math.max(order + 1, this.seenOrders.length * 2));
        bigger.set(this.seenOrders);
        this.seenOrders = bigger;
      }
      if (!this.seenOrders[order]) {
        this.seenOrders[order] = 1;
        this.filesWithFindings++;
      }
    }
    for (const f of list) {
      this.counts[f.severity]++;
      if (this.format === 'stylish' && order === undefined && !this.seenPaths.has(f.file)) {
        this.seenPaths.add(f.file);
        this.filesWithFindings++;
      }
      if (this.format === 'json') {
        this.buffered += `${this.written === 0 ? '[\n  ' : ',\n  '}${JSON.stringify(f, null, 2).replaceAll('\n', '\n  ')}`;
      } else {
        this.buffered += `${terminalSafe(f.file)}:${f.line}:${f.column} ${this.paint(severityColor[f.severity], f.severity)} ${this.paint(2, f.ruleId)} ${terminalSafe(f.message)}\n`;
      }
      this.written++;
    }
    if (this.buffered.length >= 1 << 16) this.flush();
  }

  private flush(): void {
    if (!this.closed && this.buffered) this.out.write(this.buffered);
    this.buffered = '';
  }

  end(groupNotes: number, filesChecked: number, fixedFiles: number, fixEdits: number): void {
    if (this.format === 'json') {
      this.buffered += this.written === 0 ? '[]\n' : '\n]\n';
    } else {
      this.buffered += `${summaryLines(this.counts, this.filesWithFindings, groupNotes, filesChecked, fixedFiles, fixEdits)}\n`;
    }
    this.flush();
  }
}
