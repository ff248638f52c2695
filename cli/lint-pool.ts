// Checks many note files on every core: the main thread and worker threads each run checkFile
// (cli/check-file.ts) over batches of files. The CLI's own bundle is the worker script; it knows it
// is a worker from workerData. Small runs stay on the main thread, where starting workers would
// cost more than it saves. A worker that fails leaves its files to the main thread, so no file
// goes unchecked.

import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { checkFile, type FileJob, type FileResult, type TreatmentPlans } from './check-file.js';

const WORKER_ROLE = 'groupnote-lint-worker';
/** Files per message: large enough that messaging is cheap, small enough to share the work evenly. */
const BATCH_SIZE = 25;
/** The main thread takes smaller batches, so it answers workers' messages often. */
const MAIN_BATCH_SIZE = 5;
/** Batches a worker holds at once: it starts the next while its last results travel. */
const BATCHES_IN_FLIGHT = 2;
/** Near the end a batch is at most 1/(threads x this) of the files left. */
const TAIL_SHARES = 4;
/** Below this many files per worker, a worker's start-up (loading the engine) is not repaid. */
const MIN_FILES_PER_WORKER = 100;

export interface PoolOptions {
  /** threads to use at most, main thread included (1: no workers) */
  jobs: number;
  /** the script a worker runs: the CLI bundle, which calls runWorkerIfAsked() first */
  script: string;
  treatmentPlans: TreatmentPlans;
  /** called once per file as its result arrives (progress) */
  onResult?: () => void;
  /**
   * Each file's result in the order of `files`, as soon as it and every file before it are done;
   * the pool then keeps no result (a folder's findings need not all be in memory at once), and
   * checkFiles returns an empty array.
   */
  inOrder?: (index: number, result: FileResult) => void;
}

export const defaultJobs = (): number => Math.max(1, Math.min(availableParallelism(), 8));

/**
 * The files to check, handed out in order as threads ask for them (a folder's jobs need not all
 * be in memory at once): `take` is called exactly `count` times.
 */
export interface JobSource {
  count: number;
  take(): FileJob;
}

/** Results in the order of the files (none with `inOrder`, which is given each as it is ready). */
export async function checkFiles(source: JobSource | FileJob[], options: PoolOptions): Promise<FileResult[]> {
  const { count, take } = Array.isArray(source) ? listSource(source) : source;
  // with `inOrder`, only the results waiting for one before them are kept (a list with a place
  // for every file cost 8 MB of heap at 1,000,000 files, docs/performance.md)
  const results: FileResult[] = options.inOrder ? [] : new Array(count);
  const waiting = new Map<number, FileResult>();
  let delivered = 0;
  const done = new Uint8Array(count);
  const arrived = (i: number, result: FileResult) => {
    done[i] = 1;
    options.onResult?.();
    if (!options.inOrder) {
      results[i] = result;
      return;
    }
    waiting.set(i, result);
    // hand on every result that has all those before it; workers hold at most a few batches, so
    // few results wait here
    for (let next = waiting.get(delivered); next !== undefined; next = waiting.get(delivered)) {
      waiting.delete(delivered);
      options.inOrder(delivered++, next);
    }
  };
  let next = 0;
  /** jobs handed to workers and not done yet, by their batch's first file (checked here if a worker fails) */
  const sent = new Map<number, FileJob[]>();
  // the main thread is one of the `jobs` threads: it checks files too, between workers' messages
  const workers = Math.min(options.jobs - 1, Math.floor(count / MIN_FILES_PER_WORKER) - 1);
  // Batches shrink as the files run out, so that no thread is left holding many files while
  // the others wait for it at the end.
  const threads = Math.max(1, workers + 1);
  const takeBatch = (largest: number) => {
    const start = next;
    const size = Math.max(1, Math.min(largest, Math.ceil((count - next) / (threads * TAIL_SHARES))));
    const end = Math.min(count, next + size);
    const jobs: FileJob[] = [];
    while (next < end) {
      jobs.push(take());
      next++;
    }
    return { start, jobs };
  };
  if (workers >= 1) {
    const runWorker = () =>
      new Promise<void>((resolve) => {
        let worker: Worker;
        try {
          worker = new Worker(options.script, { workerData: { role: WORKER_ROLE, treatmentPlans: [...options.treatmentPlans] } });
        } catch {
          return resolve(); // no threads here: the main thread checks everything
        }
        let inFlight = 0;
        const send = () => {
          while (inFlight < BATCHES_IN_FLIGHT && next < count) {
            const batch = takeBatch(BATCH_SIZE);
            sent.set(batch.start, batch.jobs);
            worker.postMessage(batch);
            inFlight++;
          }
          if (inFlight === 0) void worker.terminate();
        };
        worker.on('message', (message: { start: number; results: FileResult[] }) => {
          inFlight--;
          // a file's job is not needed once it is done
          sent.delete(message.start);
          message.results.forEach((result, i) => arrived(message.start + i, result));
          send();
        });
        // A failed worker's unfinished files are checked below on the main thread. Its error is
        // not printed: it could quote note text.
        worker.on('error', () => undefined);
        worker.on('exit', () => resolve());
        send();
      });
    const runMain = async () => {
      while (next < count) {
        const { start, jobs } = takeBatch(MAIN_BATCH_SIZE);
        for (let i = 0; i < jobs.length; i++) arrived(start + i, checkFile(jobs[i], options.treatmentPlans));
        // let workers' results in, and hand them their next batches
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all([...Array.from({ length: workers }, runWorker), runMain()]);
  }
  // files no thread checked: those of a worker that failed, then (without workers: all) the rest
  for (const [start, jobs] of [...sent].sort((a, b) => a[0] - b[0])) {
    for (let i = 0; i < jobs.length; i++) if (!done[start + i]) arrived(start + i, checkFile(jobs[i], options.treatmentPlans));
  }
  while (next < count) {
    const { start, jobs } = takeBatch(MAIN_BATCH_SIZE);
    for (let i = 0; i < jobs.length; i++) arrived(start + i, checkFile(jobs[i], options.treatmentPlans));
  }
  return results;
}

const listSource = (files: FileJob[]): JobSource => {
  let i = 0;
  return { count: files.length, take: () => files[i++] };
};

/** In a worker started by checkFiles: serve batches until terminated, and return true. */
export function runWorkerIfAsked(): boolean {
  if (isMainThread || (workerData as { role?: string } | null)?.role !== WORKER_ROLE) return false;
  const data = workerData as { treatmentPlans?: [string, { diagnoses: string[] }][] };
  const treatmentPlans: TreatmentPlans = new Map(data.treatmentPlans);
  // the list the map was made from is not kept: at 1,000,000 notes (245,290 plans) it held 18 MB
  // of the worker's heap for the whole run (docs/performance.md)
  data.treatmentPlans = undefined;
  parentPort!.on('message', (batch: { start: number; jobs: FileJob[] }) => {
    parentPort!.postMessage({ start: batch.start, results: batch.jobs.map((job) => checkFile(job, treatmentPlans, { copy: false })) });
  });
  return true;
}
