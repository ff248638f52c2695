// What the CLI's arguments name, as markdownlint-cli2 and ESLint read them: files, folders (searched
// for notes), globs ('notes/**/*.md', expanded by tinyglobby) and negated globs ('!notes/drafts/**',
// which drop matches of everything else). Files found in folders or by globs also pass the
// .gitignore and .groupnoteignore of the working folder (IgnoreFiles, shared with the server);
// a file named outright is always checked.

import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { collectFiles, diskStamp, IgnoreFiles, NOTE_EXTENSIONS, tooLarge, type FoundFile } from '../engine/workspace/files.js';
import { FileList } from './file-list.js';

export interface TargetOptions {
  cwd: string;
  /** honour .gitignore and .groupnoteignore in cwd (off with --no-ignore) */
  ignoreFiles: boolean;
}

/** The files, in order, in a list that is kept on disk past a few thousand (cli/file-list.ts): close() it. */
export function expandTargets(args: readonly string[], { cwd, ignoreFiles }: TargetOptions): FileList {
  const negated = args.filter((a) => a.startsWith('!') && a.length > 1).map((a) => a.slice(1));
  const positive = args.filter((a) => !(a.startsWith('!') && a.length > 1));
  const excluded = negated.length ? picomatch(negated, { dot: true }) : () => false;
  const ignores = ignoreFiles ? new IgnoreFiles() : null;
  const fromCwd = (path: string) => relative(cwd, resolve(cwd, path)).split(sep).join('/');
  const dropped = (path: string, named: boolean) => {
    const rel = fromCwd(path);
    return excluded(rel) || (!named && !!ignores?.ignores(cwd, rel));
  };

  const out = new FileList();
  // a file named twice (by two arguments) is checked once: one folder or file cannot name a file
  // twice (collectFiles checks each note once), so one argument needs no record of the paths
  const seen = positive.length > 1 ? new Set<string>() : null;
  const add = (file: FoundFile) => {
    if (seen) {
      const key = resolve(cwd, file.path);
      if (seen.has(key)) return;
      seen.add(key);
    }
    out.add(file);
  };
  for (const arg of positive) {
    if (!isDynamicPattern(arg)) {
      for (const file of collectFiles([arg])) if (file.error || !dropped(file.path, file.root === file.path)) add(file);
      continue;
    }
    const matches = globSync(arg, { cwd, dot: false, onlyFiles: true, expandDirectories: false, ignore: ['**/node_modules/**'] })
      .filter((path) => NOTE_EXTENSIONS.test(path) && !dropped(path, false))
      .sort();
    if (matches.length === 0) {
      add({ path: arg, root: arg, relative: arg, error: 'no notes match this glob' });
      continue;
    }
    for (const path of matches) {
      let stats;
      try {
        stats = statSync(resolve(cwd, path));
      } catch {
        // reported when the file is read
      }
      add({ path, root: path, relative: path, ...(stats ? { stamp: diskStamp(stats), ...tooLarge(stats.size) } : {}) });
    }
  }
  return out;
}
