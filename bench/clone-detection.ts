// Benchmark of the cross-note rules over the workspace index, apart from parsing. bench/run.mjs
// bundles this file with esbuild (into its temp folder) and runs it:
//
//   node clone-detection.cjs '{"seed":8,"sizes":[1000,10000,30000],"runs":3,"workers":2}'
//
// Notes come from bench/generate.mjs (the same stream as the folders on disk: the first N files
// of the largest corpus are the N-file corpus). Each note is summarised once with the engine's
// summarize() (in worker threads: that part is parsing, not clone detection); then for each size
// an index of the first N notes is filled from those summaries and timed:
//   - member-note-cloned alone (the MinHash/LSH cross-session clone detection), and
//   - WorkspaceIndex.crossNoteFindings (every cross-note rule, as the CLI and the server run it).
// Each timed call starts after a full garbage collection (run with --expose-gc) and records wall
// and CPU time (CPU time is less disturbed by other processes on a busy machine).
// Prints one JSON object on stdout.

import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { WorkspaceIndex, DEFAULT_CLONE_SIMILARITY, type IndexedNote } from '../engine/workspace/index.js';
import { summarize, type NoteSummary } from '../engine/workspace/summary.js';
import { memberNoteCloned } from '../engine/rules/member-note-cloned.js';
// @ts-expect-error plain JavaScript module without types
import { generateNotes } from './generate.mjs';

interface Options {
  seed: number;
  sizes: number[];
  runs: number;
  workers: number;
  /** per size, another run starts only if it is expected to end within this (0: no limit) */
  budgetMs?: number;
}

interface GeneratedFile {
  path: string;
  text: string;
  kind: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function summariseAll(texts: string[]): { summaries: NoteSummary[]; cpuMs: number } {
  const start = process.cpuUsage();
  const summaries = texts.map((text) => summarize(text));
  const used = process.cpuUsage(start);
  return { summaries, cpuMs: (used.user + used.system) / 1000 };
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as Options;
  const largest = Math.max(...options.sizes);
  let files: GeneratedFile[] = [...generateNotes({ seed: options.seed, notes: largest })];

  // Summaries in worker threads, in contiguous chunks.
  const t0 = performance.now();
  const chunk = Math.ceil(files.length / options.workers);
  const parts = await Promise.all(
    Array.from({ length: options.workers }, (_, w) => {
      const texts = files.slice(w * chunk, (w + 1) * chunk).map((f) => f.text);
      return new Promise<{ summaries: NoteSummary[]; cpuMs: number }>((resolve, reject) => {
        const worker = new Worker(__filename, { workerData: texts });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    }),
  );
  const summaries = parts.flatMap((p) => p.summaries);
  const summariseWallMs = performance.now() - t0;
  const summariseCpuMs = parts.reduce((sum, p) => sum + p.cpuMs, 0);
  // keep paths only: the texts would make every garbage collection in the timed part slower
  const paths = files.map((f) => `/bench/${f.path}`);
  const summarised = files.length;
  files = [];
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  /** wall and CPU time of one call, after a full garbage collection */
  const timed = <T>(fn: () => T): { value: T; wallMs: number; cpuMs: number } => {
    gc();
    const cpu = process.cpuUsage();
    const t = performance.now();
    const value = fn();
    const wallMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
  };

  const results = [];
  for (const size of options.sizes) {
    const index = new WorkspaceIndex();
    for (let i = 0; i < size; i++) index.restore({ path: paths[i], stamp: '1', summary: summaries[i], directives: null });
    const notes: IndexedNote[] = index.paths().map((p) => index.get(p)!);
    const sections = notes.reduce((n, note) => n + note.summary.members.filter((m) => m.present).length, 0);
    const clone = () => memberNoteCloned.check(notes, { cloneSimilarity: DEFAULT_CLONE_SIMILARITY, severity: (_p, _r, d) => d }).length;
    const cross = () => [...index.crossNoteFindings().values()].reduce((n, list) => n + list.length, 0);
    // one untimed round first at small sizes, so the timed rounds run optimised code
    if (size <= 5000) {
      clone();
      cross();
    }
    const cloneRuns: { wallMs: number; cpuMs: number }[] = [];
    const crossRuns: { wallMs: number; cpuMs: number }[] = [];
    let cloneFindings = 0;
    let crossFindings = 0;
    const started = performance.now();
    for (let r = 0; r < options.runs; r++) {
      const elapsed = performance.now() - started;
      if (r > 0 && options.budgetMs && elapsed + elapsed / r > options.budgetMs) break;
      const a = timed(clone);
      cloneFindings = a.value;
      cloneRuns.push({ wallMs: a.wallMs, cpuMs: a.cpuMs });
      const b = timed(cross);
      crossFindings = b.value;
      crossRuns.push({ wallMs: b.wallMs, cpuMs: b.cpuMs });
    }
    results.push({
      notes: size,
      memberSections: sections,
      cloneMs: median(cloneRuns.map((r) => r.wallMs)),
      cloneCpuMs: median(cloneRuns.map((r) => r.cpuMs)),
      cloneRuns,
      cloneFindings,
      crossNoteMs: median(crossRuns.map((r) => r.wallMs)),
      crossNoteCpuMs: median(crossRuns.map((r) => r.cpuMs)),
      crossNoteRuns: crossRuns,
      crossNoteFindings: crossFindings,
    });
  }
  process.stdout.write(`${JSON.stringify({ summarise: { notes: summarised, wallMs: summariseWallMs, cpuMs: summariseCpuMs, workers: options.workers }, results })}\n`);
}

if (isMainThread) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
} else {
  parentPort!.postMessage(summariseAll(workerData as string[]));
}
