// Command-line tool: lints group notes in files and folders with the same engine as the server.
// Exit codes follow markdownlint-cli2: 0 no errors, 1 errors found, 2 usage or I/O failure.

import './v8-tuning.js'; // first: before the engine's code runs
import { ALL_RULES } from '../engine/rules/catalog.js';
import { RecentCache } from '../engine/recent.js';
import { lintFiles, type OutputFinding } from './lint-files.js';
import { defaultJobs, runWorkerIfAsked } from './lint-pool.js';
import { formatMachine, readFeeSchedule, writeReports } from './reports.js';
import { runExport } from './export.js';
import { terminalSafe } from './terminal-text.js';
import { neutraliseDebugSwitches } from '../engine/debug-switches.js';

// before any note is read: no dependency may print what it parses
neutraliseDebugSwitches();

const VERSION = '0.1.0';
const DEFAULT_CACHE = '.groupnote-lint-cache';

const USAGE = `Usage: groupnote-lint [options] <files or folders...>
       groupnote-lint export <group-note.md> --out <folder> [--force]

Checks Markdown group psychotherapy notes (CPT 90853). Folders are searched for *.md files
(node_modules and hidden folders are skipped).

Options:
  -f, --format <name>           output format: stylish (default), json, sarif (SARIF 2.1.0 for
                                code-scanning tools) or junit
  --report <file>               also write a reviewer report: .html (self-contained page with
                                charts and revenue at risk) or .csv (repeatable)
  --fee-schedule <file.json>    expected allowed amount per CPT code for the revenue estimate,
                                e.g. {"90853": 24.10} (default: 2026 national estimate, see docs/reports.md)
  -g, --group-glob <glob>       also treat files matching this glob as group notes, even without
                                group-note frontmatter (repeatable; relative to the folder given)
  -c, --config <file>           use this configuration file for every note instead of the nearest
                                .groupnoterc.json at or above each note
  --cache                       re-read only files changed since the last run (.groupnote-lint-cache;
                                it holds findings, which name members: keep it with the notes)
  --cache-location <file>       where to keep the cache (implies --cache)
  -j, --jobs <n>                check files on up to n threads (default: one per core, at most
                                8; 1 checks on the main thread only; small folders always do)
  --list-rules                  print every rule with its id, default severity and description
  -h, --help                    show this help
  -v, --version                 show the version

Exit codes: 0 no errors, 1 errors found, 2 usage or file errors.`;

interface Options {
  format: 'stylish' | 'json' | 'sarif' | 'junit';
  reports: string[];
  feeSchedule: string | null;
  groupGlobs: string[];
  paths: string[];
  config: string | null;
  cache: string | null;
  jobs: number;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options | 'help' | 'version' | 'list-rules' {
  const options: Options = { format: 'stylish', reports: [], feeSchedule: null, groupGlobs: [], paths: [], config: null, cache: null, jobs: defaultJobs() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '-v' || arg === '--version') return 'version';
    if (arg === '--list-rules') return 'list-rules';
    if (arg === '-f' || arg === '--format' || arg.startsWith('--format=')) {
      const format = arg.startsWith('--format=') ? arg.slice(9) : value();
      if (format !== 'stylish' && format !== 'json' && format !== 'sarif' && format !== 'junit') throw new UsageError(`unknown format "${format}" (use stylish, json, sarif or junit)`);
      options.format = format;
    } else if (arg === '--fee-schedule' || arg.startsWith('--fee-schedule=')) {
      options.feeSchedule = arg.startsWith('--fee-schedule=') ? arg.slice(15) : value();
    } else if (arg === '--report' || arg.startsWith('--report=')) {
      const file = arg.startsWith('--report=') ? arg.slice(9) : value();
      if (!/\.(?:html?|csv)$/i.test(file)) throw new UsageError(`--report needs a file ending in .html or .csv, not "${file}"`);
      options.reports.push(file);
    } else if (arg === '-g' || arg === '--group-glob' || arg.startsWith('--group-glob=')) {
      options.groupGlobs.push(arg.startsWith('--group-glob=') ? arg.slice(13) : value());
    } else if (arg === '--cache') {
      options.cache ??= DEFAULT_CACHE;
    } else if (arg === '--cache-location' || arg.startsWith('--cache-location=')) {
      options.cache = arg.startsWith('--cache-location=') ? arg.slice(17) : value();
    } else if (arg === '-j' || arg === '--jobs' || arg.startsWith('--jobs=')) {
      const jobs = arg.startsWith('--jobs=') ? arg.slice(7) : value();
      if (!/^[1-9]\d{0,2}$/.test(jobs)) throw new UsageError(`--jobs needs a whole number from 1, not "${jobs}"`);
      options.jobs = Number(jobs);
    } else if (arg === '-c' || arg === '--config' || arg.startsWith('--config=')) {
      options.config = arg.startsWith('--config=') ? arg.slice(9) : value();
    } else if (arg === '--') {
      options.paths.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) throw new UsageError('no files or folders given');
  return options;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'export') return runExport(argv.slice(1), process.stdout, process.stderr);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`groupnote-lint: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (parsed === 'list-rules') {
    const width = Math.max(...ALL_RULES.map((r) => r.id.length)) + 2;
    for (const rule of ALL_RULES) process.stdout.write(`${rule.id.padEnd(width)}${rule.defaultSeverity.padEnd(9)}${rule.description}\n`);
    return 0;
  }

  const run = await lintFiles(
    {
      paths: parsed.paths,
      groupGlobs: parsed.groupGlobs,
      config: parsed.config,
      cache: parsed.cache,
      progress: !!process.stderr.isTTY,
      jobs: parsed.jobs,
      workerScript: __filename,
      warn: (message) => process.stderr.write(`groupnote-lint: warning: ${terminalSafe(message)}\n`),
    },
    (file, reason) => process.stderr.write(`groupnote-lint: ${terminalSafe(file)}: ${reason}\n`),
  );
  const { findings, groupNotes } = run;

  if (parsed.format === 'json') {
    // the findings are in the output's shape already (OutputFinding); the text is written in two
    // parts, so that tens of megabytes are not copied once more to add a line break
    process.stdout.write(JSON.stringify(findings, null, 2));
    process.stdout.write('\n');
  } else if (parsed.format === 'sarif' || parsed.format === 'junit') {
    process.stdout.write(formatMachine(parsed.format, run, VERSION));
  } else {
    process.stdout.write(stylish(findings, groupNotes, run.filesChecked.length));
  }
  let fees: Record<string, number> = {};
  if (parsed.feeSchedule) {
    const read = readFeeSchedule(parsed.feeSchedule);
    if (typeof read === 'string') {
      process.stderr.write(`groupnote-lint: ${parsed.feeSchedule}: ${read}\n`);
      return 2;
    }
    fees = read;
  }
  for (const file of parsed.reports) {
    try {
      writeReports(file, run, fees);
    } catch (e) {
      process.stderr.write(`groupnote-lint: ${file}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`);
      return 2;
    }
  }
  if (run.failed) return 2;
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function stylish(findings: OutputFinding[], groupNotes: number, filesChecked: number): string {
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
  return `${lines.join('\n')}\n`;
}

// A run reads each note once: the engine's caches for repeated edits would only cost time.
RecentCache.enabled = false;

// In a worker thread this bundle only checks the files it is sent (cli/lint-pool.ts).
if (!runWorkerIfAsked()) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      // Never print note text: report only the kind of failure.
      process.stderr.write(`groupnote-lint: internal error (${error instanceof Error ? error.name : 'unknown'}); no note text is shown.\n`);
      process.exitCode = 2;
    },
  );
}
