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
  const notes = `${filesChecked} note${filesChecked === 1 ? '' : 's'} (${groupNotes} group note${groupNotes === 1 ? '' : 's'})`;
  lines.push(
    findings.length === 0
      ? `No problems found in ${notes}.`
      : `${findings.length} problem${findings.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info) in ${files} of ${notes}.`,
  );
  if (fixedFiles > 0) lines.push(`Fixed: ${fixEdits} insertion${fixEdits === 1 ? '' : 's'} in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}.`);
  return `${lines.join('\n')}\n`;
}
