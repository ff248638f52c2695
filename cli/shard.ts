// `--shard i/n`: which slice of the files a run checks. A file's shard comes from a hash of its
// path relative to the working folder (with / separators), so a file always lands in the same
// shard whatever else the folder holds, on any machine that checks out the same tree, and the n
// shards together hold every file exactly once. Shards are numbered from 1, as in Jest, Vitest
// and Playwright (`--shard 1/3`).

import { createHash } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';

export interface Shard {
  /** 1..count */
  index: number;
  count: number;
}

/** `i/n` with 1 <= i <= n <= 9999; an error message otherwise. */
export function parseShard(value: string): Shard | string {
  const m = /^([1-9]\d{0,3})\/([1-9]\d{0,3})$/.exec(value.trim());
  if (!m) return `--shard needs i/n (for example 2/8, shards numbered from 1), not "${value}"`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (index > count) return `--shard ${value}: the shard number must be at most the number of shards`;
  return { index, count };
}

/** The path a file is sharded by: relative to `cwd`, / separators. */
export const shardKey = (path: string, cwd: string): string => relative(cwd, resolve(cwd, path)).split(sep).join('/');

/** The shard (1..count) a file belongs to. */
export function shardOf(path: string, count: number, cwd: string): number {
  if (count === 1) return 1;
  const digest = createHash('sha1').update(shardKey(path, cwd)).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export const inShard = (path: string, shard: Shard, cwd: string): boolean => shardOf(path, shard.count, cwd) === shard.index;
