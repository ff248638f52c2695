// Command-line tool: lints group notes in files and folders with the same engine as the server.
// Exit codes follow markdownlint-cli2: 0 no errors, 1 errors found, 2 usage or I/O failure.

import './v8-tuning.js'; // first: before the engine's code runs
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs as parseArgv } from 'node:util';
import { ALL_RULES } from '../engine/rules/catalog.js';
import { RecentCache } from '../engine/parse/recent.js';
import { CONFIG_FILE_NAME, findConfigFile, loadConfigFile } from '../engine/config.js';
import { decodeNote } from '../engine/workspace/files.js';
import { VERSION } from '../engine/version.js';
import { lintFiles } from './lint-files.js';
import { defaultJobs, runWorkerIfAsked } from './lint-pool.js';
import { readFeeSchedule, writeReports } from './reports.js';
import { engineFinding, MachineOutput } from './machine-output.js';
import { StreamingOutput, writeOutput } from './output.js';
import { runMerge } from './merge.js';
import { parseShard, shardKey, type Shard } from './shard.js';
import { filesDigest, SummaryWriter } from './summary-file.js';
import { runExport } from './export.js';
import { expandTargets } from './targets.js';
import { FileList } from './file-list.js';
import { terminalSafe } from './terminal-text.js';
import { neutraliseDebugSwitches } from '../engine/debug-switches.js';

// before any note is read: no dependency may print what it parses
neutraliseDebugSwitches();

const DEFAULT_CACHE = '.groupnote-lint-cache';

const USAGE = `Usage: groupnote-lint [options] <files, folders or globs...>
       groupnote-lint [options] - --stdin-filename <path>
       groupnote-lint export <group-note.md> --out <folder> [--force]
       groupnote-lint [options] --shard <i/n> --summary-out <file> <files, folders or globs...>
       groupnote-lint merge [options] <summary files...>

Checks Markdown group psychotherapy notes (CPT 90853). Folders are searched for *.md and
*.markdown files (node_modules and hidden folders are skipped). Globs are expanded by the tool,
so quote them: 'notes/**/*.md'; a glob starting with ! drops what it matches: '!notes/drafts/**'.
Files found in folders or by globs that .gitignore or .groupnoteignore (in the working folder)
ignore are skipped. - reads one note from standard input.

Options:
  -f, --format <name>           output format: stylish (default), json, sarif (SARIF 2.1.0 for
                                code-scanning tools) or junit
  --fix                         apply the safe fixes (missing field skeletons; a member's diagnosis
                                from their treatment plan when the plan is among the files) and
                                write the notes back; what remains is reported
  --report <file>               also write a reviewer report: .html (self-contained page with
                                charts and revenue at risk) or .csv (repeatable)
  --fee-schedule <file.json>    expected allowed amount per CPT code for the revenue estimate,
                                e.g. {"90853": 24.10} (default: 2026 national estimate, see docs/reports.md)
  -g, --group-glob <glob>       also treat files matching this glob as group notes, even without
                                group-note frontmatter (repeatable; relative to the folder given)
  -c, --config <file>           use this configuration file for every note instead of the nearest
                                ${CONFIG_FILE_NAME} at or above each note
  --print-config <file>         print the configuration that applies to a note (after extends) and exit
  --stdin-filename <path>       with -: the path the note on standard input is checked as (for
                                configuration, group-note globs and the output)
  --no-ignore                   do not skip what .gitignore and .groupnoteignore ignore
  --docs-base-url <url>         base the rule pages (docs/rules/<id>.md) are resolved against in
                                json, sarif and html output (default: the repository at v${VERSION})
  --cache                       re-read only files changed since the last run (.groupnote-lint-cache;
                                it holds findings, which name members: keep it with the notes)
  --cache-location <file>       where to keep the cache (implies --cache)
  -j, --jobs <n>                check files on up to n threads (default: one per core, at most
                                8; 1 checks on the main thread only; small folders always do)
  --shard <i/n>                 check only shard i of n (numbered from 1): the files whose path
                                hashes to it, so each file is always in the same shard. Prints that
                                shard's per-note findings; the cross-note rules run in merge
  --summary-out <file>          with --shard: write the summaries the cross-note rules need and the
                                shard's findings to <file>, for groupnote-lint merge (no note text,
                                but member names and ids: docs/robustness.md)
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
  fix: boolean;
  stdinFilename: string | null;
  ignoreFiles: boolean;
  docsBaseUrl: string | undefined;
  shard: Shard | null;
  summaryOut: string | null;
}

type Parsed = Options | 'help' | 'version' | 'list-rules' | { printConfig: string; config: string | null };

class UsageError extends Error {}

const FORMATS = ['stylish', 'json', 'sarif', 'junit'] as const;

function parseArgs(argv: string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgv({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        report: { type: 'string', multiple: true },
        'fee-schedule': { type: 'string' },
        'group-glob': { type: 'string', short: 'g', multiple: true },
        config: { type: 'string', short: 'c' },
        'print-config': { type: 'string' },
        'stdin-filename': { type: 'string' },
        'no-ignore': { type: 'boolean' },
        'docs-base-url': { type: 'string' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        shard: { type: 'string' },
        'summary-out': { type: 'string' },
        'list-rules': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    // parseArgs names the option in its message ("Unknown option '--x'", "Option '-f' argument missing")
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] : 'cannot read the arguments');
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  if (v['list-rules']) return 'list-rules';
  if (v['print-config'] !== undefined) return { printConfig: v['print-config'], config: v.config ?? null };
  const format = v.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (use stylish, json, sarif or junit)`);
  for (const file of v.report ?? []) {
    if (!/\.(?:html?|csv)$/i.test(file)) throw new UsageError(`--report needs a file ending in .html or .csv, not "${file}"`);
  }
  if (v.jobs !== undefined && !/^[1-9]\d{0,2}$/.test(v.jobs)) throw new UsageError(`--jobs needs a whole number from 1, not "${v.jobs}"`);
  if (v['docs-base-url'] !== undefined && !URL.canParse(v['docs-base-url'])) throw new UsageError(`--docs-base-url needs an absolute URL, not "${v['docs-base-url']}"`);
  let shard: Shard | null = null;
  if (v.shard !== undefined) {
    const read = parseShard(v.shard);
    if (typeof read === 'string') throw new UsageError(read);
    shard = read;
  }
  if (v['summary-out'] !== undefined && !shard) throw new UsageError('--summary-out needs --shard (--shard 1/1 for one summary of every file)');
  const paths = parsed.positionals;
  if (paths.length === 0) throw new UsageError('no files, folders or globs given');
  const stdin = paths.includes('-');
  if (stdin && paths.length > 1) throw new UsageError('- (standard input) cannot be combined with files or folders');
  if (stdin && shard) throw new UsageError('--shard cannot be combined with - (standard input)');
  if (stdin && v.fix) throw new UsageError('--fix cannot write standard input back; give the file instead');
  if (!stdin && v['stdin-filename'] !== undefined) throw new UsageError('--stdin-filename needs - (standard input) as the file');
  return {
    format: format as Options['format'],
    reports: v.report ?? [],
    feeSchedule: v['fee-schedule'] ?? null,
    groupGlobs: v['group-glob'] ?? [],
    paths,
    config: v.config ?? null,
    // shards on one machine must not share a cache file (each keeps only its own files)
    cache: v['cache-location'] ?? (v.cache ? (shard ? `${DEFAULT_CACHE}-${shard.index}-of-${shard.count}` : DEFAULT_CACHE) : null),
    jobs: v.jobs !== undefined ? Number(v.jobs) : defaultJobs(),
    fix: !!v.fix,
    stdinFilename: stdin ? v['stdin-filename'] ?? '<stdin>' : null,
    ignoreFiles: !v['no-ignore'],
    docsBaseUrl: v['docs-base-url'],
    shard,
    summaryOut: v['summary-out'] ?? null,
  };
}

/** The configuration that applies to a note, as JSON (after extends), or the problems reading it. */
function printConfig(note: string, configPath: string | null): number {
  const path = configPath ?? findConfigFile(note);
  if (!path) {
    process.stdout.write(`${JSON.stringify({ config: null, note: `no ${CONFIG_FILE_NAME} at or above ${note}: built-in defaults apply` }, null, 2)}\n`);
    return 0;
  }
  const loaded = loadConfigFile(path);
  for (const problem of loaded.problems) process.stderr.write(`groupnote-lint: ${path}: ${problem.message}\n`);
  const rules = Object.fromEntries(ALL_RULES.map((r) => [r.id, loaded.config.rules?.[r.id] ?? r.defaultSeverity]));
  process.stdout.write(`${JSON.stringify({ config: loaded.files.map((f) => relative(process.cwd(), f) || f), ...loaded.config, rules }, null, 2)}\n`);
  return loaded.problems.length > 0 ? 2 : 0;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'export') return runExport(argv.slice(1), process.stdout, process.stderr);
  if (argv[0] === 'merge') return runMerge(argv.slice(1), process.stdout, process.stderr);
  let parsed: Parsed;
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
    process.stdout.write(ALL_RULES.map((rule) => `${rule.id.padEnd(width)}${rule.defaultSeverity.padEnd(9)}${rule.description}\n`).join(''));
    return 0;
  }
  if ('printConfig' in parsed) return printConfig(parsed.printConfig, parsed.config);

  let stdin: { path: string; text: string } | undefined;
  if (parsed.stdinFilename !== null) {
    let decoded;
    try {
      decoded = decodeNote(readFileSync(0));
    } catch (e) {
      decoded = { error: `cannot read standard input (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    if ('error' in decoded) {
      process.stderr.write(`groupnote-lint: ${parsed.stdinFilename}: ${decoded.error}\n`);
      return 2;
    }
    stdin = { path: parsed.stdinFilename, text: decoded.text };
  }
  const files = stdin ? new FileList() : expandTargets(parsed.paths, { cwd: process.cwd(), ignoreFiles: parsed.ignoreFiles });
  try {
    return await lintListed(parsed, stdin, files);
  } finally {
    files.close();
  }
}

/** A run over the files listed (kept on disk past a few thousand: cli/file-list.ts). */
async function lintListed(parsed: Options, stdin: { path: string; text: string } | undefined, files: FileList): Promise<number> {
  let fees: Record<string, number> = {};
  if (parsed.feeSchedule) {
    const read = readFeeSchedule(parsed.feeSchedule);
    if (typeof read === 'string') {
      process.stderr.write(`groupnote-lint: ${parsed.feeSchedule}: ${read}\n`);
      return 2;
    }
    fees = read;
  }
  // json and stylish are written note by note, so that a folder's findings are never all in
  // memory; SARIF, JUnit and the reports are made from the whole run
  const stream = (parsed.format === 'json' || parsed.format === 'stylish') && parsed.reports.length === 0 ? new StreamingOutput(parsed.format) : null;
  streaming = stream;
  // SARIF and JUnit are written at the end, from findings kept in a temporary file (cli/machine-output.ts)
  const machine = (parsed.format === 'sarif' || parsed.format === 'junit') && parsed.reports.length === 0 ? new MachineOutput(parsed.format, VERSION, parsed.docsBaseUrl) : null;
  let summary: SummaryWriter | null = null;
  if (parsed.summaryOut && parsed.shard) {
    const cwd = process.cwd();
    const keys = function* () {
      for (const f of files) yield shardKey(f.path, cwd);
    };
    try {
      summary = new SummaryWriter(parsed.summaryOut, { shard: [parsed.shard.index, parsed.shard.count], files: files.count, filesDigest: filesDigest(keys()) });
    } catch (e) {
      process.stderr.write(`groupnote-lint: ${parsed.summaryOut}: cannot write the summary file (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`);
      return 2;
    }
  }
  const run = await lintFiles(
    {
      paths: parsed.paths,
      files,
      stdin,
      fix: parsed.fix,
      docsBaseUrl: parsed.docsBaseUrl,
      groupGlobs: parsed.groupGlobs,
      config: parsed.config,
      cache: parsed.cache,
      progress: !!process.stderr.isTTY,
      jobs: parsed.jobs,
      workerScript: __filename,
      warn: (message) => process.stderr.write(`groupnote-lint: warning: ${terminalSafe(message)}\n`),
      ...(parsed.shard ? { shard: parsed.shard, crossNote: false } : {}),
      keepFindings: !stream && !machine,
      onCrossNote: stream ? (_path, list, order) => stream.findings(list, order) : machine ? (path, list) => machine.cross(path, list) : undefined,
      onNote:
        stream || summary || machine
          ? (note) => {
              stream?.findings(note.findings, note.order);
              machine?.note(note.path, note.findings);
              summary?.note(note.entry, note.order, note.isGroupNote, note.findings.map(engineFinding), note.crossSeverity);
            }
          : undefined,
    },
    (file, reason) => process.stderr.write(`groupnote-lint: ${terminalSafe(file)}: ${reason}\n`),
  );
  if (summary) {
    for (const problem of run.problems) summary.problem(problem.path, problem.reason);
    summary.end(run.failed);
  }
  // with streaming, run.findings holds only the cross-note findings (the others are written)
  const errors = (stream?.errors ?? 0) + (machine?.errors ?? 0) + run.findings.filter((f) => f.severity === 'error').length;
  // the exit code is known before the rest of the output is written, so a reader that stops
  // early (| head) does not change it (before this point, see the EPIPE handler below)
  let code = run.failed ? 2 : errors > 0 ? 1 : 0;
  process.exitCode = code;
  if (stream) {
    stream.findings(run.findings);
    stream.end(run.groupNotes, run.notesChecked, run.fixedFiles, run.fixEdits);
  } else if (machine) {
    machine.end();
  } else {
    writeOutput(parsed.format, run, parsed.docsBaseUrl);
  }
  for (const file of parsed.reports) {
    try {
      writeReports(file, run, fees, parsed.docsBaseUrl);
    } catch (e) {
      process.stderr.write(`groupnote-lint: ${file}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`);
      code = 2;
    }
  }
  return code;
}


/** The output written note by note while a run goes on (json, stylish), if any. */
let streaming: StreamingOutput | null = null;

// A run reads each note once: the engine's caches for repeated edits would only cost time.
RecentCache.enabled = false;

// In a worker thread this bundle only checks the files it is sent (cli/lint-pool.ts).
if (!runWorkerIfAsked()) {
  // A reader that closed the pipe (groupnote-lint notes | head) ends the run quietly, with the
  // exit code the findings gave; any other output error is a file error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      // while findings are written note by note the exit code is not known yet: the run goes on
      // without output, and ends with the code its findings give
      if (streaming && process.exitCode === undefined) {
        streaming.closed = true;
        return;
      }
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    }
    process.stderr.write(`groupnote-lint: cannot write the output (${error.code ?? 'error'})\n`);
    process.exit(2);
  });
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      // Never print note text: report only the kind of failure.
      process.stderr.write(`groupnote-lint: internal error (${error instanceof Error ? error.name : 'unknown'}); no note text is shown.\n`);
      process.exitCode = 2;
    },
  );
}
