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

/** Results in the order of `files` (none with `inOrder`, which is given each as it is ready). */
export async function checkFiles(files: FileJob[], options: PoolOptions): Promise<FileResult[]> {
  const results: (FileResult | undefined)[] = new Array(files.length);
  let delivered = 0;
  const done = new Uint8Array(files.length);
  const arrived = (i: number, result: FileResult) => {
    results[i] = result;
    done[i] = 1;
    // a file's job is not needed once it is done (a folder's jobs need not all stay in memory)
    (files as (FileJob | undefined)[])[i] = undefined;
    options.onResult?.();
    if (!options.inOrder) return;
    // hand on every result that has all those before it; workers hold at most a few batches, so
    // few results wait here
    while (delivered < files.length && done[delivered]) {
      const next = results[delivered]!;
      results[delivered] = undefined;
      options.inOrder(delivered++, next);
    }
  };
  const check = (i: number) => arrived(i, checkFile(files[i], options.treatmentPlans));
  // the main thread is one of the `jobs` threads: it checks files too, between workers' messages
  const workers = Math.min(options.jobs - 1, Math.floor(files.length / MIN_FILES_PER_WORKER) - 1);
  if (workers >= 1) {
    let next = 0;
    // Batches shrink as the files run out, so that no thread is left holding many files while
    // the others wait for it at the end.
    const threads = workers + 1;
    const takeBatch = (largest: number) => {
      const start = next;
      const size = Math.max(1, Math.min(largest, Math.ceil((files.length - next) / (threads * TAIL_SHARES))));
      next = Math.min(files.length, next + size);
      return { start, jobs: files.slice(start, next) };
    };
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
          while (inFlight < BATCHES_IN_FLIGHT && next < files.length) {
            worker.postMessage(takeBatch(BATCH_SIZE));
            inFlight++;
          }
          if (inFlight === 0) void worker.terminate();
        };
        worker.on('message', (message: { start: number; results: FileResult[] }) => {
          inFlight--;
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
      while (next < files.length) {
        const { start, jobs } = takeBatch(MAIN_BATCH_SIZE);
        for (let i = start; i < start + jobs.length; i++) check(i);
        // let workers' results in, and hand them their next batches
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all([...Array.from({ length: workers }, runWorker), runMain()]);
  }
  for (let i = 0; i < files.length; i++) if (!done[i]) check(i);
  return options.inOrder ? [] : (results as FileResult[]);
}

/** In a worker started by checkFiles: serve batches until terminated, and return true. */
export function runWorkerIfAsked(): boolean {
  if (isMainThread || (workerData as { role?: string } | null)?.role !== WORKER_ROLE) return false;
  const treatmentPlans: TreatmentPlans = new Map((workerData as { treatmentPlans: [string, { diagnoses: string[] }][] }).treatmentPlans);
  parentPort!.on('message', (batch: { start: number; jobs: FileJob[] }) => {
    parentPort!.postMessage({ start: batch.start, results: batch.jobs.map((job) => checkFile(job, treatmentPlans, { copy: false })) });
  });
  return true;
}
