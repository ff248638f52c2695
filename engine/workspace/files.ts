// Finding and reading note files: shared by the CLI and the workspace side of the server.

import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

export const NOTE_EXTENSIONS = /\.(?:md|markdown)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Larger files are not notes (a group note is a few kilobytes); checking them would only stall the editor. */
export const MAX_NOTE_BYTES = 1024 * 1024;

export interface FoundFile {
  /** path as the user would write it: the given path joined with the path inside a folder */
  path: string;
  /** the folder (or file) the user named */
  root: string;
  /** path relative to root, with forward slashes, for glob matching */
  relative: string;
  /** the file's diskStamp when it was found (no need to look at it on disk again) */
  stamp?: string;
  error?: string;
}

export const tooLarge = (size: number): { error?: string } => (size > MAX_NOTE_BYTES ? { error: `larger than ${MAX_NOTE_BYTES >> 20} MB; not a note` } : {});

/**
 * The files of each path: a file as given, a folder's notes in path order. Symbolic links inside a
 * folder are followed, to files and to folders; a folder already walked (a link back up, or two
 * links to one folder) is not walked again, and a note reached by two paths is checked once (at
 * the first path in order). A link to nothing with a note's extension is reported (`error`), as a
 * file that cannot be read.
 */
export function* collectFiles(paths: string[]): Generator<FoundFile> {
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

function realPath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

/** What identifies a version of a file on disk for the index and the cache: mtime and size. */
export function diskStamp(stats: { mtimeMs: number; size: number }): string {
  return `${Math.trunc(stats.mtimeMs)}:${stats.size}`;
}

/** Decodes a note's bytes as UTF-8 (with or without BOM), refusing binary data and invalid UTF-8. */
export function decodeNote(bytes: Uint8Array): { text: string } | { error: string } {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { error: 'looks like a binary file (contains NUL bytes); not checked' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { error: 'is not valid UTF-8; save it as UTF-8 to check it' };
  }
}

/** Enough of a file to see its frontmatter's `note:` line. */
const HEAD_BYTES = 2048;

/** True when a file's frontmatter says it is a treatment plan (reads only its first bytes). */
export function looksLikePlan(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return /^\uFEFF?---[\s\S]*?\bnote:\s*["']?treatment[- ]?plan/i.test(buffer.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const matcherCache = new Map<string, picomatch.Matcher>();

export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const normal = path.replace(/\\/g, '/');
  return globs.some((glob) => {
    let m = matcherCache.get(glob);
    if (!m) {
      // a glob without a slash matches the file name anywhere, as .gitignore does
      m = picomatch(glob, { dot: true, basename: !glob.includes('/') });
      matcherCache.set(glob, m);
    }
    return m(normal);
  });
}

/** The ignore files honoured in a notes folder (or the CLI's working folder), in .gitignore syntax. */
export const IGNORE_FILES = ['.gitignore', '.groupnoteignore'];

/**
 * The .gitignore and .groupnoteignore rules of folders, read once per folder until clear().
 * Paths are relative to the folder, with forward slashes. Used by the language server (per
 * workspace folder) and the CLI (its working folder).
 */
export class IgnoreFiles {
  private readonly byFolder = new Map<string, Ignore>();

  ignores(folder: string, relativePath: string): boolean {
    return relativePath !== '' && !relativePath.startsWith('../') && this.of(folder).ignores(relativePath);
  }

  clear(): void {
    this.byFolder.clear();
  }

  private of(folder: string): Ignore {
    let ig = this.byFolder.get(folder);
    if (!ig) {
      ig = ignore();
      for (const name of IGNORE_FILES) {
        const file = join(folder, name);
        if (existsSync(file)) {
          try {
            ig.add(readFileSync(file, 'utf8'));
          } catch {
            // an unreadable ignore file ignores nothing
          }
        }
      }
      this.byFolder.set(folder, ig);
    }
    return ig;
  }
}
