// The list of files a run was given (cli/file-list.ts): in memory for a few thousand files, then in
// a temporary file read back in chunks. Read back, it must give every entry as added, in order,
// as often as it is read, whatever the names hold (non-ASCII text cut across a chunk, line breaks).

import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { FileList } from '../cli/file-list.js';
import type { FoundFile } from '../engine/workspace/files.js';

const entries = (n: number): FoundFile[] =>
  Array.from({ length: n }, (_, i) => {
    const name = `${i % 7 === 0 ? 'Zoë Łukasz 🙂 ' : ''}${i % 11 === 0 ? 'line\nbreak ' : ''}${'n'.repeat(i % 300)}-${i}.md`;
    const root = i < n / 2 ? 'notes' : 'other notes';
    const file: FoundFile = { path: `${root}/g${i % 13}/${name}`, root, relative: `g${i % 13}/${name}` };
    if (i % 17 === 0) file.error = 'cannot be read';
    else file.stamp = `${1_700_000_000_000 + i}:${i * 3}`;
    return file;
  });

describe('FileList', () => {
  it('gives back every entry in order, twice, in memory and from its temporary file', () => {
    for (const [inMemory, n] of [[8192, 500], [10, 0], [10, 10], [10, 11], [100, 20_000]]) {
      const list = new FileList(inMemory);
      const added = entries(n);
      for (const f of added) list.add(f);
      expect(list.count).toBe(n);
      const norm = (f: FoundFile) => ({ path: f.path, root: f.root, relative: f.relative, stamp: f.stamp, error: f.error });
      expect([...list].map(norm)).toEqual(added.map(norm));
      expect([...list].map(norm)).toEqual(added.map(norm));
      list.close();
    }
  });

  it('leaves no temporary folder behind once closed', () => {
    const before = readdirSync(tmpdir()).filter((name) => name.startsWith('groupnote-lint-'));
    const list = new FileList(5);
    for (const f of entries(50)) list.add(f);
    expect([...list]).toHaveLength(50);
    const during = readdirSync(tmpdir()).filter((name) => name.startsWith('groupnote-lint-') && !before.includes(name));
    expect(during).toHaveLength(1);
    list.close();
    expect(existsSync(`${tmpdir()}/${during[0]}`)).toBe(false);
  });
});
