// collectFiles walks a folder lazily, in path order (engine/workspace/files.ts), so that a folder
// of a million notes is never held as a list. Its reference is the walk it replaced, kept here:
// list every file, sort by path, then (with links) check each note once by its real path. The two
// must give the same files, in the same order, with the same errors, on random trees with names
// that sort around the separator ('a', 'a-b', 'a.md', 'a b'), unreadable folders and symbolic links
// (to notes inside and outside the folder, to folders outside, back up, and to nothing).

import { chmodSync, lstatSync, mkdirSync, readdirSync, realpathSync, statSync, symlinkSync, writeFileSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectFiles, diskStamp, IgnoreFiles, NOTE_EXTENSIONS, tooLarge, type FoundFile } from '../../engine/workspace/files.js';
import { useTempDirs } from '../temp-dirs.js';

const tempDir = useTempDirs();
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** The eager walk collectFiles replaced (at 9e67a4f), as it was. */
function* eagerCollectFiles(paths: string[]): Generator<FoundFile> {
  for (const given of paths) {
    let stat;
    try {
      stat = statSync(given);
    } catch (e) {
      yield { path: given, root: given, relative: given, error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : 'cannot be read' };
      continue;
    }
    if (stat.isFile()) {
      yield { path: given, root: given, relative: given.replace(/\\/g, '/'), stamp: diskStamp(stat), ...tooLarge(stat.size) };
      continue;
    }
    // folders to read, each with its path relative to `given` (built as the walk goes down)
    const stack: [string, string][] = [[given, '']];
    const found: FoundFile[] = [];
    // the real paths of the trees walked: the folder given, and each folder a link led to
    let walked: string[] | null = null;
    let sawLink = false;
    while (stack.length) {
      const [dir, relativeDir] = stack.pop()!;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        found.push({ path: dir, root: given, relative: relativeDir, error: 'folder cannot be read' });
        continue;
      }
      for (const entry of entries) {
        const full = join(dir, entry.name);
        const rel = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
        let isDirectory = entry.isDirectory();
        let isFile = entry.isFile();
        let stats: Stats | undefined;
        if (entry.isSymbolicLink()) {
          sawLink = true;
          try {
            stats = statSync(full);
          } catch {
            if (NOTE_EXTENSIONS.test(entry.name)) found.push({ path: full, root: given, relative: rel, error: 'is a symbolic link to nothing; not checked' });
            continue;
          }
          isDirectory = stats.isDirectory();
          isFile = stats.isFile();
        }
        if (isDirectory) {
          if (SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith('.')) continue;
          if (entry.isSymbolicLink()) {
            // a link into a tree walked already (a loop, or a folder reached twice) is not followed
            walked ??= [realPath(given)];
            const target = realPath(full);
            if (walked.some((tree) => target === tree || target.startsWith(tree.endsWith(sep) ? tree : tree + sep))) continue;
            walked.push(target);
          }
          stack.push([full, rel]);
        } else if (isFile && NOTE_EXTENSIONS.test(entry.name)) {
          if (!stats) {
            try {
              stats = statSync(full);
            } catch {
              // reported when the file is read
            }
          }
          found.push({ path: full, root: given, relative: rel, ...(stats ? { stamp: diskStamp(stats), ...tooLarge(stats.size) } : {}) });
        }
      }
    }
    found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    if (!sawLink) {
      yield* found;
      continue;
    }
    // with links, one note can be reached by two paths: checked once, at the first
    const notes = new Set<string>();
    for (const file of found) {
      if (!file.error) {
        const target = realPath(file.path);
        if (notes.has(target)) continue;
        notes.add(target);
      }
      yield file;
    }
  }
}

const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const NAMES = ['a', 'a-b', 'a.md', 'a b', 'a0', 'b', 'b.md', 'b.markdown', 'a-b.md', 'a.md.d', '.hidden', 'node_modules', 'Z', 'z.MD', 'x.txt', 'a!', 'a/'];

function randomTree(seed: number, root: string, outside: string): void {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const folders = [root];
  const notes: string[] = [];
  const outsideFolders = [outside];
  mkdirSync(join(outside, 'o1'), { recursive: true });
  mkdirSync(join(outside, 'o2'), { recursive: true });
  outsideFolders.push(join(outside, 'o1'), join(outside, 'o2'));
  for (const f of outsideFolders) writeFileSync(join(f, 'n.md'), 'x');
  // each folder outside linked once at most: with two links to one folder, the eager walk followed
  // the one it met first in its own order, the lazy walk follows the first in path order (below)
  const linkable = [join(outside, 'o1'), join(outside, 'o2')];
  for (let i = 0; i < 40; i++) {
    const parent = pick(folders);
    const name = pick(NAMES).replace('/', '');
    const path = join(parent, name);
    try {
      lstatSync(path);
      continue;
    } catch {
      // free
    }
    const what = random();
    if (what < 0.3) {
      mkdirSync(path);
      folders.push(path);
    } else if (what < 0.8) {
      writeFileSync(path, 'x'.repeat(Math.floor(random() * 5)));
      notes.push(path);
    } else if (what < 0.86 && notes.length) symlinkSync(pick(notes), path);
    else if (what < 0.9) symlinkSync(join(pick(outsideFolders), 'n.md'), path);
    else if (what < 0.94 && linkable.length) symlinkSync(linkable.splice(Math.floor(random() * linkable.length), 1)[0], path);
    else if (what < 0.97) symlinkSync(pick(folders), path);
    else symlinkSync(join(root, 'nowhere.md'), path);
  }
  if (random() < 0.3 && folders.length > 1) chmodSync(pick(folders.slice(1)), 0);
}

const shape = (f: FoundFile) => JSON.stringify([f.path, f.root, f.relative, f.stamp ?? null, f.error ?? null]);

describe('IgnoreFiles', () => {
  it('answers the same with a fresh matcher every few paths (the ignore package remembers every path asked)', () => {
    const dir = tempDir('gnl-ignore-');
    writeFileSync(join(dir, '.gitignore'), 'drafts/\n*.tmp.md\n!keep.tmp.md\n/top.md\n');
    writeFileSync(join(dir, '.groupnoteignore'), 'old/**\n!old/important.md\n');
    const paths: string[] = [];
    for (const folder of ['', 'drafts/', 'a/drafts/', 'old/', 'old/x/', 'notes/']) {
      for (const name of ['n.md', 'x.tmp.md', 'keep.tmp.md', 'top.md', 'important.md']) paths.push(folder + name);
    }
    const once = new IgnoreFiles(Number.MAX_SAFE_INTEGER);
    const often = new IgnoreFiles(3);
    const expected = paths.map((p) => once.ignores(dir, p));
    expect(expected.filter(Boolean).length).toBeGreaterThan(5);
    expect(expected.filter((x) => !x).length).toBeGreaterThan(5);
    for (let round = 0; round < 3; round++) expect(paths.map((p) => often.ignores(dir, p))).toEqual(expected);
    // a folder without ignore files ignores nothing
    const bare = tempDir('gnl-ignore-');
    expect(paths.some((p) => new IgnoreFiles().ignores(bare, p))).toBe(false);
  });
});

describe('collectFiles', () => {
  it('walks a folder reached by two links at the first link in path order', () => {
    const base = tempDir('gnl-walk-');
    mkdirSync(join(base, 'notes'));
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(base, 'outside', 'n.md'), 'x');
    symlinkSync(join(base, 'outside'), join(base, 'notes', 'b'));
    symlinkSync(join(base, 'outside'), join(base, 'notes', 'a'));
    symlinkSync(join(base, 'outside'), join(base, 'notes', 'c'));
    expect([...collectFiles([join(base, 'notes')])].map((f) => f.relative)).toEqual(['a/n.md']);
  });

  it('gives what the eager walk gave, in the same order, on random trees with links', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const base = tempDir('gnl-walk-');
      const root = join(base, 'notes');
      mkdirSync(root);
      randomTree(seed, root, join(base, 'outside'));
      for (const given of [root, root + sep, join(root, 'a')]) {
        const lazy = [...collectFiles([given])].map(shape);
        const eager = [...eagerCollectFiles([given])].map(shape);
        expect(lazy, `seed ${seed}, ${given}`).toEqual(eager);
      }
      chmodAll(base);
    }
  });
});

/** makes every folder readable again, so that the temp folders can be removed */
function chmodAll(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) chmodAll(join(dir, entry.name));
}

function realPath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}
