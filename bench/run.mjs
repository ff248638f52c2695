#!/usr/bin/env node
// The benchmark (issue 8): `npm run build && npm run bench` (or `npm run bench -- --quick`).
//
// In one run on this machine it measures, with synthetic notes from bench/generate.mjs written to
// a temp folder (never the repository):
//   1. full lint of 1,000 and 10,000 notes by the CLI (node bin/groupnote-lint.js --format json
//      > /dev/null): CPU (user+sys of the child) and wall time, against bare unified+remark-parse
//      of the same files (bench/remark-baseline.mjs) and markdownlint-cli2 with default rules;
//   2. re-lint with --cache after changing 1% of the files, against a cold run;
//   3. per-edit latency in the server (didChange -> publishDiagnostics, debounceMs 0) for 4, 8 and
//      12-member notes, alone and inside a workspace folder of 1,000 notes;
//   4. cross-session clone detection over 1k, 10k and 30k notes (bench/clone-detection.ts);
//   5. peak memory (max RSS) of the CLI at 10k notes and of the server holding 10k notes;
//   6. (only when asked: --only shards) one process against 4 shards + merge at 10k notes
//      (--shard-notes <n,...> for other sizes: `--only shards --shard-notes 1000,10000,100000`
//      gives docs/performance.md's scale table): wall time, CPU and peak memory, and how time
//      grows from one size to the next (issue 22: 10x notes <= 11x time).
// Each figure is the median of several runs; runs of an expensive series stop early once the
// series has used its time budget (the number of runs is printed with each figure).
//
// Options:
//   --quick            smaller sizes and fewer runs (a few minutes)
//   --runs <n>         runs per measurement (default 3; --quick: 2)
//   --edits <n>        edits per note size in the latency test (default 200; --quick: 60)
//   --budget <s>       time budget per series of runs (default 240 s; 0: no limit); a series
//                      always runs once, and the latency test stops a note size after 60 s
//                      (at least 20 edits)
//   --seed <n>         generator seed (default 8)
//   --only <parts>     run only these parts, comma-separated: lint, cache, latency, clone, memory,
//                      shards (not part of a default run)
//   --shard-notes <n>  notes in the shards part, or several sizes comma-separated (default 10000;
//                      --quick: 1000); each folder is generated, measured and removed in turn
//                      (memory needs the largest lint folder, so it generates it when lint is not run).
//                      1000000 works: it needs about 8 GB of disk for the notes (5.3 GB of text in
//                      small files) and 6.5 GB for the 4 summary files, and hours on 2 cores
//   --keep             keep the temp folder with the generated notes
//   --json <file>      also write every figure as JSON

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem, platform, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { writeCorpus, generateNotes } from './generate.mjs';
import { LspClient } from './lsp.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'bin', 'groupnote-lint.js');
const SERVER = join(ROOT, 'dist', 'server.js');
const BASELINE = join(ROOT, 'bench', 'remark-baseline.mjs');
const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const TIME = '/usr/bin/time';

// ---------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const QUICK = flag('--quick');
const RUNS = Number(value('--runs', QUICK ? 2 : 3));
const EDITS = Number(value('--edits', QUICK ? 60 : 200));
const BUDGET_MS = Number(value('--budget', 240)) * 1000;
const EDIT_BUDGET_MS = BUDGET_MS > 0 ? 60000 : Infinity;
const MIN_EDITS = 20;
const SEED = Number(value('--seed', 8));
const SIZES = QUICK ? { lint: [300, 1000], cache: 1000, clone: [300, 1000, 3000], server: 1000, editWorkspace: 300 } : { lint: [1000, 10000], cache: 10000, clone: [1000, 10000, 30000], server: 10000, editWorkspace: 1000 };
const WARMUP_EDITS = 10;
const PARTS = ['lint', 'cache', 'latency', 'clone', 'memory'];
const ALL_PARTS = [...PARTS, 'shards'];
const ONLY = value('--only', PARTS.join(',')).split(',').map((p) => p.trim());
const SHARD_NOTES = String(value('--shard-notes', QUICK ? 1000 : 10000)).split(',').map(Number);
if (SHARD_NOTES.some((n) => !Number.isInteger(n) || n < 1)) {
  process.stderr.write('bench: --shard-notes needs whole numbers of notes, comma-separated.\n');
  process.exit(2);
}
const SHARDS = 4;
for (const part of ONLY) {
  if (!ALL_PARTS.includes(part)) {
    process.stderr.write(`bench: unknown part "${part}" in --only (parts: ${ALL_PARTS.join(', ')}).\n`);
    process.exit(2);
  }
}
const runs = (part) => ONLY.includes(part);

for (const [file, hint] of [
  [join(ROOT, 'dist', 'cli.js'), 'run `npm run build` first'],
  [SERVER, 'run `npm run build` first'],
  [MARKDOWNLINT, 'run `npm ci` (markdownlint-cli2 is a dev dependency)'],
]) {
  if (!existsSync(file)) {
    process.stderr.write(`bench: ${file} is missing; ${hint}.\n`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const log = (line = '') => process.stdout.write(`${line}\n`);
const median = (values) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const ms = (v) => `${v.toFixed(1)} ms`;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const x = (ratio) => `${ratio.toFixed(2)}x`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const useTime = existsSync(TIME) && platform() === 'linux';
const RUSAGE_PRELOAD = join(tmpdir(), `groupnote-bench-rusage-${process.pid}.cjs`);
if (!useTime) {
  // Fallback without GNU time: the child records its own rusage (all threads) on exit.
  writeFileSync(
    RUSAGE_PRELOAD,
    "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(process.env.GROUPNOTE_BENCH_RUSAGE, `${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6} 0 ${u.maxRSS}`); });\n",
  );
}

let scratch = null;

/**
 * Runs `node <args>` with stdout to /dev/null and stderr to a file; returns wall time (measured
 * here), CPU (user+sys of the child and anything it waited for) and max RSS.
 */
function measure(nodeArgs, { cwd = ROOT, okCodes = [0, 1] } = {}) {
  const usageFile = join(scratch, `rusage-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const errFile = `${usageFile}.stderr`;
  const command = useTime ? TIME : process.execPath;
  const args = useTime ? ['-f', '%U %S %e %M', '-o', usageFile, process.execPath, ...nodeArgs] : ['--require', RUSAGE_PRELOAD, ...nodeArgs];
  const err = openSync(errFile, 'w');
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', err], env: { ...process.env, GROUPNOTE_BENCH_RUSAGE: usageFile, NO_COLOR: '1' } });
    child.on('error', fail);
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      closeSync(err);
      const stderr = readFileSync(errFile, 'utf8');
      if (!okCodes.includes(code)) return fail(new Error(`node ${nodeArgs.join(' ')} exited with ${code}: ${stderr.slice(-600)}`));
      const [user, sys, , maxRssKb] = readFileSync(usageFile, 'utf8').trim().split(/\s+/).slice(-4).map(Number);
      rmSync(usageFile, { force: true });
      rmSync(errFile, { force: true });
      done({ wallMs, cpuMs: (user + sys) * 1000, maxRssKb });
    });
  });
}

/**
 * Runs each named command in turn (interleaved, so background load hits all of them alike), up
 * to RUNS rounds; after the first round, another round starts only if it is expected to end
 * within the series' time budget. Returns medians and the number of runs.
 */
async function series(commands, { before } = {}) {
  const runs = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  const started = performance.now();
  for (let r = 0; r < RUNS; r++) {
    for (const [name, run] of Object.entries(commands)) {
      if (before) await before(name, r);
      runs[name].push(await run());
    }
    const elapsed = performance.now() - started;
    if (BUDGET_MS > 0 && r + 1 < RUNS && elapsed + elapsed / (r + 1) > BUDGET_MS) {
      log(`    (stopping after ${r + 1} round${r ? 's' : ''} of ${RUNS}: the next would pass the ${BUDGET_MS / 1000} s budget of this series)`);
      break;
    }
  }
  const out = {};
  for (const [name, list] of Object.entries(runs)) {
    out[name] = { runs: list.length, wallMs: median(list.map((m) => m.wallMs)), cpuMs: median(list.map((m) => m.cpuMs)), maxRssKb: median(list.map((m) => m.maxRssKb)), all: list };
  }
  return out;
}

function corpus(name, notes) {
  const dir = join(scratch, name);
  const t = performance.now();
  const manifest = writeCorpus(dir, { seed: SEED, notes });
  log(`  generated ${name}: ${notes} files (${manifest.files.group} group notes, ${manifest.files.plan} plans, ${manifest.files.individual} individual), ${(manifest.bytes / 1048576).toFixed(1)} MB, ${s(performance.now() - t)}`);
  return { dir, manifest };
}

function gitState() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'engine', 'cli', 'server', 'scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${commit}${dirty ? ` + uncommitted changes in ${dirty.split('\n').length} engine/cli/server files` : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Full lint: CLI vs bare remark-parse vs markdownlint-cli2

async function fullLint(size) {
  const { dir, manifest } = corpus(`lint-${size}`, size);
  log(`  ${size} notes: CLI (worker threads, and one thread), remark-parse baseline and markdownlint-cli2, interleaved (load ${load()})`);
  const result = await series({
    cli: () => measure([CLI, '--format', 'json', dir]),
    'cli --jobs 1': () => measure([CLI, '--jobs', '1', '--format', 'json', dir]),
    remark: () => measure([BASELINE, dir], { okCodes: [0] }),
    markdownlint: () => measure([MARKDOWNLINT, '**/*.md'], { cwd: dir }),
  });
  const { cli, remark, markdownlint } = result;
  const oneThread = result['cli --jobs 1'];
  for (const [name, m] of Object.entries(result)) log(`    ${name.padEnd(14)} wall ${s(m.wallMs).padStart(9)}  cpu ${s(m.cpuMs).padStart(9)}  max RSS ${mb(m.maxRssKb).padStart(7)}  (median of ${m.runs})`);
  const ratios = {
    cpuVsRemark: cli.cpuMs / remark.cpuMs,
    cpuVsRemarkOneThread: oneThread.cpuMs / remark.cpuMs,
    wallVsRemark: cli.wallMs / remark.wallMs,
    wallVsMarkdownlint: cli.wallMs / markdownlint.wallMs,
    cpuVsMarkdownlint: cli.cpuMs / markdownlint.cpuMs,
  };
  log(`    CLI / remark-parse: cpu ${x(ratios.cpuVsRemark)} (one thread: ${x(ratios.cpuVsRemarkOneThread)}), wall ${x(ratios.wallVsRemark)}; CLI / markdownlint-cli2: wall ${x(ratios.wallVsMarkdownlint)}, cpu ${x(ratios.cpuVsMarkdownlint)}`);
  return { size, dir, manifest, ...result, ratios };
}

// ---------------------------------------------------------------------------------------------
// 2. --cache: cold run vs re-lint after changing 1% of the files

async function cacheRelint(size) {
  const { dir } = corpus(`cache-${size}`, size);
  const cacheFile = join(scratch, 'lint-cache');
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.md')) files.push(join(d, e.name));
    }
  };
  walk(dir);
  files.sort();
  const changed = Math.max(1, Math.round(files.length / 100));
  let cursor = 0;
  log(`  ${files.length} notes; each warm run follows a change to ${changed} files (1%) (load ${load()})`);
  const lint = () => measure([CLI, '--format', 'json', '--cache-location', cacheFile, dir]);
  const cold = await series({ cold: lint }, { before: () => rmSync(cacheFile, { force: true }) });
  const warm = await series(
    { warm: lint },
    {
      before: () => {
        // a late-entry addendum in 1% of the notes, spread over the folder
        for (let i = 0; i < changed; i++) {
          const file = files[(cursor++ * 97) % files.length];
          appendFileSync(file, `\nAddendum ${cursor}: late entry, session note reviewed.\n`);
        }
      },
    },
  );
  const c = cold.cold;
  const w = warm.warm;
  const cacheBytes = existsSync(cacheFile) ? statSync(cacheFile).size : 0;
  log(`    cold  wall ${s(c.wallMs).padStart(9)}  cpu ${s(c.cpuMs).padStart(9)}  (median of ${c.runs})`);
  log(`    warm  wall ${s(w.wallMs).padStart(9)}  cpu ${s(w.cpuMs).padStart(9)}  (median of ${w.runs}); cache file ${(cacheBytes / 1048576).toFixed(1)} MB`);
  log(`    warm / cold: wall ${x(w.wallMs / c.wallMs)}, cpu ${x(w.cpuMs / c.cpuMs)}`);
  return { size, changed, cold: c, warm: w, cacheBytes, ratioWall: w.wallMs / c.wallMs, ratioCpu: w.cpuMs / c.cpuMs };
}

// ---------------------------------------------------------------------------------------------
// 3. Per-edit latency in the server

/** First group note among the first `within` files whose roster has `members` entries (all present if possible). */
function noteWithMembers(members, within) {
  let fallback = null;
  for (const file of generateNotes({ seed: SEED, notes: within })) {
    if (file.kind !== 'group' || file.roster !== members) continue;
    if (file.sections === members) return file;
    fallback ??= file;
  }
  if (fallback) return fallback;
  throw new Error(`no ${members}-member note among the first ${within} files`);
}

// the Node flags editors start the server with (the VS Code extension reads the same file)
const SERVER_NODE_FLAGS = JSON.parse(readFileSync(join(ROOT, 'server', 'node-flags.json'), 'utf8'));

async function startServer({ folder, pull }) {
  const client = new LspClient(SERVER, { execArgv: SERVER_NODE_FLAGS });
  const scanned = folder ? new Promise((resolve) => (client.onIndexed = resolve)) : Promise.resolve();
  client.onNotification = (m) => {
    if (m.method === 'window/logMessage' && /indexed \d+ notes/.test(m.params?.message ?? '')) client.onIndexed?.();
  };
  client.handlers['workspace/configuration'] = (params) => params.items.map(() => ({ debounceMs: 0 }));
  client.handlers['window/workDoneProgress/create'] = () => null;
  client.handlers['client/registerCapability'] = () => null;
  client.handlers['workspace/diagnostic/refresh'] = () => null;
  const folderUri = folder ? pathToFileURL(folder).toString() : null;
  await client.request('initialize', {
    processId: process.pid,
    rootUri: folderUri,
    workspaceFolders: folderUri ? [{ uri: folderUri, name: 'notes' }] : null,
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true },
      window: { workDoneProgress: true },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}) },
    },
  });
  client.notify('initialized', {});
  return { client, scanned };
}

/** Types one character at a time into a member's section; returns latencies in ms. */
async function editLatency(client, uri, text, edits) {
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === 1, 300000);
  // type into the middle of the last member's first field
  const lastHeading = text.lastIndexOf('\n## ');
  let offset = text.indexOf('\n', lastHeading + 1) + 1;
  offset = text.indexOf(' ', text.indexOf('\n', offset) + 1);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  let character = offset - before.lastIndexOf('\n') - 1;
  const typed = ' Said the drive home felt different this week';
  const latencies = [];
  let diagnostics = 0;
  let timedFrom = 0;
  for (let i = 0; i < edits + WARMUP_EDITS; i++) {
    if (i === WARMUP_EDITS) timedFrom = performance.now();
    if (i >= WARMUP_EDITS + MIN_EDITS && performance.now() - timedFrom > EDIT_BUDGET_MS) break;
    const version = i + 2;
    const ch = typed[i % typed.length];
    const published = client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version, 300000);
    const t = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: ch }] });
    const message = await published;
    if (i >= WARMUP_EDITS) latencies.push(performance.now() - t);
    diagnostics = message.params.diagnostics.length;
    character++;
  }
  client.notify('textDocument/didClose', { textDocument: { uri } });
  return { latencies, diagnostics };
}

async function serverLatency(workspaceDir) {
  const out = [];
  const notes = Object.fromEntries([4, 8, 12].map((n) => [n, noteWithMembers(n, 5000)]));
  mkdirSync(join(scratch, 'edit-alone'), { recursive: true });
  for (const scope of ['single note', `workspace of ${SIZES.editWorkspace} notes`]) {
    const withWorkspace = scope !== 'single note';
    const folder = withWorkspace ? workspaceDir : join(scratch, 'edit-alone');
    const { client, scanned } = await startServer({ folder: withWorkspace ? folder : null, pull: false });
    await scanned;
    for (const members of [4, 8, 12]) {
      const file = notes[members];
      // in the workspace the note is one of the notes on disk, so cross-note rules compare it with its series
      const path = withWorkspace ? join(folder, file.path) : join(folder, `${members}-members.md`);
      if (!existsSync(path)) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.text);
      }
      const { latencies, diagnostics } = await editLatency(client, pathToFileURL(path).toString(), file.text, EDITS);
      const row = { scope, members, edits: latencies.length, medianMs: median(latencies), p95Ms: percentile(latencies, 95), maxMs: Math.max(...latencies), diagnostics };
      out.push(row);
      log(`    ${scope.padEnd(26)} ${String(members).padStart(2)} members: median ${ms(row.medianMs).padStart(9)}  p95 ${ms(row.p95Ms).padStart(9)}  max ${ms(row.maxMs).padStart(9)}  (${row.edits} edits, ${diagnostics} diagnostics)`);
    }
    await client.close();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 4. Clone detection over the workspace index

async function cloneDetection() {
  const { build } = await import('esbuild');
  const { englishDictionary } = await import('../scripts/package-meta.mjs');
  const bundle = join(scratch, 'clone-detection.cjs');
  await build({ entryPoints: [join(ROOT, 'bench', 'clone-detection.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'error', plugins: [englishDictionary] });
  log(`  summarising ${Math.max(...SIZES.clone)} notes in 2 worker threads, then timing the cross-note rules per size (load ${load()})`);
  const stdout = await new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=4096', bundle, JSON.stringify({ seed: SEED, sizes: SIZES.clone, runs: RUNS, workers: 2, budgetMs: BUDGET_MS })], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? done(out) : fail(new Error(`clone-detection exited with ${code}: ${err.slice(-800)}`))));
  });
  const result = JSON.parse(stdout);
  log(`    summaries: ${result.summarise.notes} notes, ${s(result.summarise.wallMs)} wall, ${(result.summarise.cpuMs / result.summarise.notes).toFixed(2)} ms CPU per note`);
  for (const r of result.results) {
    log(`    ${String(r.notes).padStart(6)} notes (${String(r.memberSections).padStart(6)} sections): member-note-cloned wall ${ms(r.cloneMs).padStart(10)} cpu ${ms(r.cloneCpuMs).padStart(10)} (${r.cloneFindings} findings); all cross-note rules wall ${ms(r.crossNoteMs).padStart(10)} cpu ${ms(r.crossNoteCpuMs).padStart(10)} (${r.crossNoteFindings} findings); median of ${r.cloneRuns.length}`);
  }
  const [a, b, c] = result.results;
  const growth = {
    notes10: Math.round((b.notes / a.notes) * 100) / 100,
    notes30: c ? Math.round((c.notes / b.notes) * 100) / 100 : NaN,
    clone10: b.cloneMs / a.cloneMs,
    clone10Cpu: b.cloneCpuMs / a.cloneCpuMs,
    cross10: b.crossNoteMs / a.crossNoteMs,
    cross10Cpu: b.crossNoteCpuMs / a.crossNoteCpuMs,
    clone30: c ? c.cloneMs / b.cloneMs : NaN,
    clone30Cpu: c ? c.cloneCpuMs / b.cloneCpuMs : NaN,
    cross30: c ? c.crossNoteMs / b.crossNoteMs : NaN,
    cross30Cpu: c ? c.crossNoteCpuMs / b.crossNoteCpuMs : NaN,
  };
  log(`    growth ${b.notes}/${a.notes} notes (${growth.notes10}x): member-note-cloned wall ${x(growth.clone10)} cpu ${x(growth.clone10Cpu)}; all cross-note wall ${x(growth.cross10)} cpu ${x(growth.cross10Cpu)}`);
  if (c) log(`    growth ${c.notes}/${b.notes} notes (${growth.notes30}x): member-note-cloned wall ${x(growth.clone30)} cpu ${x(growth.clone30Cpu)}; all cross-note wall ${x(growth.cross30)} cpu ${x(growth.cross30Cpu)}`);
  return { ...result, growth };
}

// ---------------------------------------------------------------------------------------------
// 5. Server memory holding a folder of notes

function procStatus(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { vmHwmKb: kb('VmHWM'), vmRssKb: kb('VmRSS') };
  } catch {
    return { vmHwmKb: NaN, vmRssKb: NaN };
  }
}

async function serverMemory(dir, size) {
  log(`  server with a workspace folder of ${size} notes: workspace/diagnostic with partial results (as VS Code asks), then VmHWM (load ${load()})`);
  const { client } = await startServer({ folder: dir, pull: true });
  // with a partial-result token, as VS Code sends it: the report arrives in $/progress batches
  let files = 0;
  let diagnostics = 0;
  const token = 'bench-workspace-diagnostic';
  const previous = client.onNotification;
  client.onNotification = (m) => {
    if (m.method === '$/progress' && m.params?.token === token) {
      files += m.params.value.items.length;
      diagnostics += m.params.value.items.reduce((n, item) => n + item.items.length, 0);
    } else previous?.(m);
  };
  const t = performance.now();
  const report = await client.request('workspace/diagnostic', { previousResultIds: [], partialResultToken: token });
  const wallMs = performance.now() - t;
  files += report.items.length;
  diagnostics += report.items.reduce((n, item) => n + item.items.length, 0);
  const status = procStatus(client.pid);
  // one edit of an open note in the full workspace (pull mode: didChange, then textDocument/diagnostic)
  const file = noteWithMembers(12, size);
  const uri = pathToFileURL(join(dir, file.path)).toString();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: file.text } });
  await client.request('textDocument/diagnostic', { textDocument: { uri } });
  const pulls = [];
  const pullStart = performance.now();
  // up to 12 edits, or fewer once 60 s are used (each edit re-runs the cross-note rules over the folder)
  for (let i = 0; i < 12 && (i < 2 || performance.now() - pullStart < 60000); i++) {
    client.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text: `${file.text}\n<!-- ${i} -->\n` }] });
    const t1 = performance.now();
    await client.request('textDocument/diagnostic', { textDocument: { uri } });
    pulls.push(performance.now() - t1);
  }
  const after = procStatus(client.pid);
  await client.close();
  const row = { notes: size, files, diagnostics, workspaceDiagnosticMs: wallMs, ...status, vmHwmAfterEditsKb: after.vmHwmKb, editPullMedianMs: median(pulls), editPullMaxMs: Math.max(...pulls), editPulls: pulls.length };
  log(`    workspace/diagnostic answered in ${s(wallMs)} (${files} files, ${diagnostics} diagnostics); VmHWM ${mb(row.vmHwmKb)}, VmRSS ${mb(row.vmRssKb)}`);
  log(`    then edits of a 12-member note in that workspace: didChange -> textDocument/diagnostic median ${ms(row.editPullMedianMs)}, max ${ms(row.editPullMaxMs)} (${pulls.length} edits); VmHWM ${mb(row.vmHwmAfterEditsKb)}`);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Main

// ---------------------------------------------------------------------------------------------
// 6. One process against SHARDS shards + merge (the local form of examples/local: the shards
//    side by side, one thread each, then merge)

async function shardedRun(dir) {
  const out = join(scratch, 'summaries');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  const started = performance.now();
  const shards = await Promise.all(
    Array.from({ length: SHARDS }, (_, i) => measure([CLI, '--jobs', '1', '--format', 'json', '--shard', `${i + 1}/${SHARDS}`, '--summary-out', join(out, `shard-${i + 1}.ndjson`), dir])),
  );
  const shardsMs = performance.now() - started;
  const merge = await measure([CLI, 'merge', '--format', 'json', ...shards.map((_, i) => join(out, `shard-${i + 1}.ndjson`))]);
  const summaryBytes = readdirSync(out).reduce((sum, f) => sum + statSync(join(out, f)).size, 0);
  return {
    wallMs: shardsMs + merge.wallMs,
    cpuMs: shards.reduce((sum, m) => sum + m.cpuMs, 0) + merge.cpuMs,
    // the largest process, and all shards' at once (they run side by side here)
    maxRssKb: Math.max(merge.maxRssKb, ...shards.map((m) => m.maxRssKb)),
    shardRssKb: Math.max(...shards.map((m) => m.maxRssKb)),
    shardsTogetherRssKb: shards.reduce((sum, m) => sum + m.maxRssKb, 0),
    mergeRssKb: merge.maxRssKb,
    shardsMs,
    mergeMs: merge.wallMs,
    summaryBytes,
  };
}

async function shardsPart(size) {
  const { dir } = corpus(`shards-${size}`, size);
  log(`  ${size} notes: one process (worker threads) and ${SHARDS} shards (one thread each, side by side) + merge, interleaved (load ${load()})`);
  const result = await series({ one: () => measure([CLI, '--format', 'json', dir]), sharded: () => shardedRun(dir) });
  const { one, sharded } = result;
  const last = sharded.all.at(-1);
  log(`    one process:       wall ${s(one.wallMs)}, CPU ${s(one.cpuMs)}, max RSS ${mb(one.maxRssKb)} (${one.runs} runs)`);
  log(`    ${SHARDS} shards + merge:  wall ${s(sharded.wallMs)} (shards ${s(last.shardsMs)}, merge ${s(last.mergeMs)}), CPU ${s(sharded.cpuMs)}; max RSS per shard ${mb(last.shardRssKb)} (${mb(last.shardsTogetherRssKb)} for all ${SHARDS} at once), merge ${mb(last.mergeRssKb)}; summary files ${(last.summaryBytes / 1048576).toFixed(1)} MB (${sharded.runs} runs)`);
  rmSync(dir, { recursive: true, force: true });
  return { size, shards: SHARDS, one, sharded: { ...sharded, last } };
}

async function main() {
  scratch = mkdtempSync(join(tmpdir(), 'groupnote-bench-'));
  const startedAt = performance.now();
  const cpu = cpus();
  let markdownlintVersion = 'unknown';
  try {
    markdownlintVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'markdownlint-cli2', 'package.json'), 'utf8')).version;
  } catch {
    // keep "unknown"
  }
  const machine = { cores: cpu.length, model: cpu[0]?.model ?? 'unknown', memoryGb: totalmem() / 2 ** 30, node: process.version, os: `${platform()} ${release()}`, loadAtStart: load(), commit: gitState(), markdownlintVersion, cpuTimeFrom: useTime ? '/usr/bin/time -f %U %S %M' : 'process.resourceUsage() in the child' };
  log(`groupnote-lint benchmark${QUICK ? ' (--quick)' : ''}: seed ${SEED}, runs ${RUNS}, edits ${EDITS}, temp ${scratch}`);
  log(`machine: ${machine.cores} cores (${machine.model}), ${machine.memoryGb.toFixed(0)} GB, Node ${machine.node}, ${machine.os}; load average ${machine.loadAtStart}`);
  log(`code: ${machine.commit}; markdownlint-cli2 ${markdownlintVersion}; CPU time from ${machine.cpuTimeFrom}`);

  const results = { machine, options: { quick: QUICK, runs: RUNS, edits: EDITS, seed: SEED, sizes: SIZES } };
  try {
    results.lint = [];
    if (runs('lint')) {
      log('\n1. Full lint');
      for (const size of SIZES.lint) results.lint.push(await fullLint(size));
    }
    if (runs('cache')) {
      log('\n2. Re-lint with --cache after changing 1% of the files');
      results.cache = await cacheRelint(SIZES.cache);
    }
    if (runs('latency')) {
      log('\n3. Per-edit latency in the server (didChange -> publishDiagnostics, debounceMs 0)');
      const editDir = results.lint.find((l) => l.size === SIZES.editWorkspace)?.dir ?? corpus(`edit-${SIZES.editWorkspace}`, SIZES.editWorkspace).dir;
      results.latency = await serverLatency(editDir);
    }
    if (runs('clone')) {
      log('\n4. Cross-session clone detection (workspace index)');
      results.clone = await cloneDetection();
    }
    if (runs('memory')) {
      log('\n5. Peak memory');
      const largest = results.lint.find((l) => l.size === SIZES.server);
      if (largest) log(`  CLI at ${largest.size} notes: max RSS ${mb(largest.cli.maxRssKb)} (median of ${largest.cli.runs} runs; markdownlint-cli2 ${mb(largest.markdownlint.maxRssKb)}, remark-parse ${mb(largest.remark.maxRssKb)})`);
      results.serverMemory = await serverMemory(largest?.dir ?? corpus(`server-${SIZES.server}`, SIZES.server).dir, SIZES.server);
    }
    if (runs('shards')) {
      log(`\n6. One process against ${SHARDS} shards + merge`);
      results.shards = [];
      for (const size of SHARD_NOTES) results.shards.push(await shardsPart(size));
      for (let i = 1; i < results.shards.length; i++) {
        const [a, b] = [results.shards[i - 1], results.shards[i]];
        const growth = (key) => `${x(b[key].wallMs / a[key].wallMs)} wall, ${x(b[key].cpuMs / a[key].cpuMs)} CPU`;
        log(`  ${a.size} -> ${b.size} notes (${x(b.size / a.size)}): one process ${growth('one')}; ${SHARDS} shards + merge ${growth('sharded')}`);
      }
    }
  } finally {
    if (!flag('--keep')) rmSync(scratch, { recursive: true, force: true });
    else log(`\n(kept ${scratch})`);
    rmSync(RUSAGE_PRELOAD, { force: true });
  }
  results.totalMs = performance.now() - startedAt;
  results.machine.loadAtEnd = load();

  summary(results);
  const jsonOut = value('--json', null);
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(results, (k, v) => (k === 'all' || k === 'dir' ? undefined : v), 2)}\n`);
}

function summary(r) {
  const lat12 = (r.latency ?? []).filter((l) => l.members === 12);
  const clone = r.clone ? r.clone.growth : null;
  const targets = [
    ...r.lint.map((l) => [`folder lint CPU <= 1.3x bare remark-parse (${l.size} notes; worker threads, one thread)`, l.ratios.cpuVsRemarkOneThread <= 1.3, `${x(l.ratios.cpuVsRemark)}, ${x(l.ratios.cpuVsRemarkOneThread)}`]),
    ...r.lint.map((l) => [`folder lint wall <= 0.5x markdownlint-cli2 (${l.size} notes)`, l.ratios.wallVsMarkdownlint <= 0.5, x(l.ratios.wallVsMarkdownlint)]),
    ...(r.cache ? [[`cached re-lint <= 0.1x cold run, wall (${r.cache.size} notes, 1% changed)`, r.cache.ratioWall <= 0.1, x(r.cache.ratioWall)]] : []),
    ...lat12.map((l) => [`per-edit p95 <= 15 ms, 12-member note, ${l.scope}`, l.p95Ms <= 15, ms(l.p95Ms)]),
    ...(clone
      ? [
          [`clone detection near-linear: ${clone.notes10}x notes <= 12x time (member-note-cloned; wall, cpu)`, clone.clone10 <= 12 && clone.clone10Cpu <= 12, `${x(clone.clone10)}, ${x(clone.clone10Cpu)}`],
          [`  same for all cross-note rules (crossNoteFindings; wall, cpu)`, clone.cross10 <= 12 && clone.cross10Cpu <= 12, `${x(clone.cross10)}, ${x(clone.cross10Cpu)}`],
          ...(r.clone.results[2] ? [[`  and ${clone.notes30}x notes <= ${(clone.notes30 * 1.2).toFixed(1)}x time (member-note-cloned; wall, cpu)`, clone.clone30 <= clone.notes30 * 1.2 && clone.clone30Cpu <= clone.notes30 * 1.2, `${x(clone.clone30)}, ${x(clone.clone30Cpu)}`]] : []),
        ]
      : []),
    ...(r.serverMemory ? [[`server <= 300 MB holding ${r.serverMemory.notes} notes (VmHWM)`, r.serverMemory.vmHwmKb <= 300 * 1024, mb(r.serverMemory.vmHwmKb)]] : []),
  ];
  log('\nTargets (issue 8)');
  for (const [name, met, figure] of targets) log(`  ${met ? 'met    ' : 'NOT MET'}  ${name}: ${figure}`);
  log(`\nTotal ${s(r.totalMs)}; load average at end ${r.machine.loadAtEnd} (at start ${r.machine.loadAtStart}).`);
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
