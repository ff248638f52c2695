// The files a run was given, in order, read as many times as the run needs them (treatment plans
// first, then the files to check) without being held in memory: past a few thousand files the
// list is written to a temporary file as it is found and read back in chunks. Each file's entry
// (path, folder given, relative path, stamp or error) is about 200 bytes as JavaScript objects and
// strings; a folder of a million notes held that way was most of a run's live heap (issue 22).
//
// The temporary file is made like the spilled index's (cli/temp-records.ts): in a folder of its
// own under the system's temporary folder, mode 0600, unlinked as soon as it is opened; it holds
// paths (which can name members, as the output does) and stamps, no note text.

import { closeSync, readSync, rmSync, writeSync } from 'node:fs';
import type { FoundFile } from '../engine/workspace/files.js';
import { openTempFile } from './temp-records.js';

/** Files kept in memory before the list moves to a temporary file. */
export const FILES_IN_MEMORY = 8192;
/**
 * Bytes written or read at a time. Small enough that each chunk's text is an ordinary young
 * object: a string past V8's regular object size (128 KB) goes to the large-object space, which
 * only a full collection frees (a million files make a list of about 150 MB, read three times).
 */
const CHUNK = 1 << 16;

export class FileList implements Iterable<FoundFile> {
  private files: FoundFile[] | null = [];
  private dir: string | null = null;
  private fd = -1;
  private fileBytes = 0;
  private pending: string[] = [];
  private pendingBytes = 0;
  /** the folders given (most entries share one): an entry keeps its folder's number */
  private readonly roots: string[] = [];
  private count_ = 0;

  constructor(private readonly inMemory = FILES_IN_MEMORY) {}

  static of(files: Iterable<FoundFile>): FileList {
    const list = new FileList();
    for (const file of files) list.add(file);
    return list;
  }

  get count(): number {
    return this.count_;
  }

  add(file: FoundFile): void {
    this.count_++;
    if (this.files) {
      this.files.push(file);
      if (this.files.length <= this.inMemory) return;
      const kept = this.files;
      this.files = null;
      this.open();
      for (const f of kept) this.write(f);
      return;
    }
    this.write(file);
  }

  private open(): void {
    ({ dir: this.dir, fd: this.fd } = openTempFile('files'));
  }

  private write(file: FoundFile): void {
    let root = this.roots.length - 1;
    if (root < 0 || this.roots[root] !== file.root) {
      root = this.roots.indexOf(file.root);
      if (root < 0) root = this.roots.push(file.root) - 1;
    }
    // one JSON line per file (a path cannot hold a line break once JSON-escaped)
    const line = `${JSON.stringify([file.path, root, file.relative, file.stamp ?? null, file.error ?? null])}\n`;
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''), 'utf8');
    let written = 0;
    while (written < chunk.length) written += writeSync(this.fd, chunk, written, chunk.length - written, this.fileBytes + written);
    this.fileBytes += chunk.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  *[Symbol.iterator](): Iterator<FoundFile> {
    if (this.files) {
      yield* this.files;
      return;
    }
    this.flush();
    const buffer = Buffer.allocUnsafe(CHUNK);
    let position = 0;
    let carry = '';
    while (position < this.fileBytes) {
      let got = readSync(this.fd, buffer, 0, Math.min(CHUNK, this.fileBytes - position), position);
      if (got === 0) throw new Error('a temporary file was cut short');
      position += got;
      // a chunk ends inside a line, maybe inside a character: only whole lines are decoded
      const lastLine = buffer.lastIndexOf(10, got - 1);
      if (lastLine < 0) {
        carry += buffer.toString('utf8', 0, got);
        continue;
      }
      const text = carry + buffer.toString('utf8', 0, lastLine + 1);
      const back = got - lastLine - 1;
      position -= back;
      got -= back;
      carry = '';
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
        const [path, root, relative, stamp, error] = JSON.parse(text.slice(start, end)) as [string, number, string, string | null, string | null];
        yield { path, root: this.roots[root], relative, ...(stamp === null ? {} : { stamp }), ...(error === null ? {} : { error }) };
      }
    }
  }

  /** Closes and removes the temporary file, if there is one. */
  close(): void {
    this.files = [];
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
