// Records kept in a temporary file instead of memory (cli/spilled-index.ts, cli/machine-output.ts):
// appended one by one, read back by number. Only each record's place in the file stays in memory.
// The file is unlinked as soon as it is opened where the system allows (so that it goes away even
// if the process is killed) and its folder removed by close().

import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `array`, or a copy at least `length` long (twice as long, if more) when it is shorter. */
export const grow = <T extends Float64Array | Int32Array>(array: T, length: number): T => {
  if (length <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(length, array.length * 2));
  bigger.set(array);
  return bigger;
};

/**
 * A new temporary file, open for reading and writing, in a folder of its own; unlinked at once where
 * the system allows, so that it goes away even if the process is killed (the caller removes `dir`).
 */
export function openTempFile(name: string): { dir: string; fd: number } {
  const dir = mkdtempSync(join(tmpdir(), 'groupnote-lint-'));
  const file = join(dir, name);
  const fd = openSync(file, 'w+', 0o600);
  try {
    unlinkSync(file);
  } catch {
    // removed with its folder by the caller (systems that cannot unlink an open file)
  }
  return { dir, fd };
}

/** Bytes of records gathered before they are written out. */
const WRITE_CHUNK = 1 << 20;

export class TempRecords {
  private readonly dir: string;
  private fd: number;
  private count = 0;
  private fileBytes = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private offsets = new Float64Array(1024);
  private lengths = new Int32Array(1024);

  constructor() {
    ({ dir: this.dir, fd: this.fd } = openTempFile('records'));
  }

  get size(): number {
    return this.count;
  }

  /** Appends a record made of these parts; returns its number. */
  add(...parts: Buffer[]): number {
    const i = this.count++;
    this.offsets = grow(this.offsets, this.count);
    this.lengths = grow(this.lengths, this.count);
    let length = 0;
    for (const part of parts) {
      this.pending.push(part);
      length += part.length;
    }
    this.offsets[i] = this.fileBytes + this.pendingBytes;
    this.lengths[i] = length;
    this.pendingBytes += length;
    if (this.pendingBytes >= WRITE_CHUNK) this.flush();
    return i;
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    let written = 0;
    while (written < chunk.length) written += writeSync(this.fd, chunk, written, chunk.length - written, this.fileBytes + written);
    this.fileBytes += chunk.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Record `i`'s bytes. */
  read(i: number): Buffer {
    this.flush();
    const bytes = Buffer.allocUnsafe(this.lengths[i]);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(this.fd, bytes, got, bytes.length - got, this.offsets[i] + got);
      if (n === 0) throw new Error('a temporary file was cut short');
      got += n;
    }
    return bytes;
  }

  /** Closes and removes the file. */
  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
