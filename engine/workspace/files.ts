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
 *
 * A folder is walked lazily, in the order of the paths it yields: each folder's entries are sorted
 * by name, a folder's as its name followed by the separator (so 'a.md' comes before the files of
 * 'a/', as their paths compare), and a folder is read at the place its own path sorts, where an
 * error reading it is reported. So a folder of a million notes is never held as a list: memory
 * follows the entries of the folders open on the way down. With links, the real path of each note
 * reached through one is kept, to check each note once.
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
    yield* walkFolder(given);
  }
}

/** An entry of a folder being walked, with the key it sorts by. */
interface WalkItem {
  key: string;
  name: string;
  kind: 'file' | 'probe' | 'enter' | 'dangling';
  /** a symbolic link (to a file or a folder) */
  link: boolean;
  stats?: Stats;
  /** a 'probe' item's 'enter' item, later in order (other names can sort between: 'a.md' before 'a/') */
  enter?: WalkItem;
  /** an 'enter' item's folder, read by its 'probe' item; null when it is not walked */
  folder?: WalkFrame | null;
}

interface WalkFrame {
  dir: string;
  relativeDir: string;
  /** the folder's real path, when reached through a link (else worked out from the root's) */
  real: string | null;
  items: WalkItem[];
  next: number;
}

function* walkFolder(given: string): Generator<FoundFile> {
  // the real paths of the trees walked: the folder given, and each folder a link led to
  let walked: string[] | null = null;
  let rootReal: string | null = null;
  const realOfRoot = () => (rootReal ??= realPath(given));
  // real paths of the notes yielded that were reached through a link (to check each note once)
  const viaLinks = new Set<string>();
  const open = (dir: string, relativeDir: string, real: string | null): WalkFrame | { error: string } => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return { error: 'folder cannot be read' };
    }
    const items: WalkItem[] = [];
    for (const entry of entries) {
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      const link = entry.isSymbolicLink();
      let stats: Stats | undefined;
      if (link) {
        try {
          stats = statSync(join(dir, entry.name));
        } catch {
          if (NOTE_EXTENSIONS.test(entry.name)) items.push({ key: entry.name, name: entry.name, kind: 'dangling', link });
          continue;
        }
        isDirectory = stats.isDirectory();
        isFile = stats.isFile();
      }
      if (isDirectory) {
        if (SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith('.')) continue;
        const enter: WalkItem = { key: entry.name + '/', name: entry.name, kind: 'enter', link, folder: null };
        items.push({ key: entry.name, name: entry.name, kind: 'probe', link, enter }, enter);
      } else if (isFile && NOTE_EXTENSIONS.test(entry.name)) {
        items.push({ key: entry.name, name: entry.name, kind: 'file', link, stats });
      }
    }
    items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { dir, relativeDir, real, items, next: 0 };
  };
  // a note's real path and the path the walk reaches it at without links (null if none)
  const directPath = (real: string): string | null => {
    const base = realOfRoot();
    const prefix = base.endsWith(sep) ? base : base + sep;
    if (!real.startsWith(prefix)) return null;
    const parts = real.slice(prefix.length).split(sep);
    const name = parts.pop()!;
    if (!NOTE_EXTENSIONS.test(name) || parts.some((p) => SKIPPED_FOLDERS.has(p) || p.startsWith('.'))) return null;
    return join(given, ...parts, name);
  };
  const first = open(given, '', null);
  if ('error' in first) {
    yield { path: given, root: given, relative: '', error: first.error };
    return;
  }
  const stack: WalkFrame[] = [first];
  while (stack.length) {
    const frame = stack.at(-1)!;
    if (frame.next === frame.items.length) {
      stack.pop();
      continue;
    }
    const item = frame.items[frame.next++];
    const full = join(frame.dir, item.name);
    const rel = frame.relativeDir ? `${frame.relativeDir}/${item.name}` : item.name;
    if (item.kind === 'dangling') {
      yield { path: full, root: given, relative: rel, error: 'is a symbolic link to nothing; not checked' };
    } else if (item.kind === 'probe') {
      // the folder is read where its own path sorts, walked where its files' paths do
      let real = frame.real === null ? null : join(frame.real, item.name);
      if (item.link) {
        // a link into a tree walked already (a loop, or a folder reached twice) is not followed
        walked ??= [realOfRoot()];
        const target = realPath(full);
        if (walked.some((tree) => target === tree || target.startsWith(tree.endsWith(sep) ? tree : tree + sep))) continue;
        walked.push(target);
        real = target;
      }
      const opened = open(full, rel, real);
      if ('error' in opened) yield { path: full, root: given, relative: rel, error: opened.error };
      else item.enter!.folder = opened;
      item.enter = undefined;
    } else if (item.kind === 'enter') {
      const folder = item.folder;
      item.folder = null;
      if (folder) stack.push(folder);
    } else {
      let stats = item.stats;
      item.stats = undefined;
      if (!stats) {
        try {
          stats = statSync(full);
        } catch {
          // reported when the file is read
        }
      }
      const found: FoundFile = { path: full, root: given, relative: rel, ...(stats ? { stamp: diskStamp(stats), ...tooLarge(stats.size) } : {}) };
      if (!found.error) {
        // with links, one note can be reached by two paths: checked once, at the first
        if (item.link || frame.real !== null) {
          const real = item.link ? realPath(full) : join(frame.real!, item.name);
          if (viaLinks.has(real)) continue;
          const direct = directPath(real);
          if (direct !== null && direct < full) continue;
          viaLinks.add(real);
        } else if (viaLinks.size > 0 && viaLinks.has(join(realOfRoot(), rel))) continue;
      }
      yield found;
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
 *
 * The `ignore` package remembers its answer for every path it is asked about: a folder of a
 * million notes kept about 100 MB of answers alive while it was listed (measured on 1,000,000
 * generated notes: 96 MB live part way, 440 MB resident at the end of the listing, against 11 MB
 * and 111 MB without the check). So a folder without ignore files asks nothing, and one with
 * rules starts a fresh matcher (the same rules) every `checksPerMatcher` paths.
 */
export class IgnoreFiles {
  private readonly byFolder = new Map<string, { rules: string[]; matcher: Ignore | null; checks: number }>();

  constructor(private readonly checksPerMatcher = 10_000) {}

  ignores(folder: string, relativePath: string): boolean {
    if (relativePath === '' || relativePath.startsWith('../')) return false;
    const rules = this.of(folder);
    if (rules.rules.length === 0) return false;
    if (!rules.matcher || rules.checks >= this.checksPerMatcher) {
      rules.matcher = ignore();
      for (const text of rules.rules) rules.matcher.add(text);
      rules.checks = 0;
    }
    rules.checks++;
    return rules.matcher.ignores(relativePath);
  }

  clear(): void {
    this.byFolder.clear();
  }

  private of(folder: string): { rules: string[]; matcher: Ignore | null; checks: number } {
    let known = this.byFolder.get(folder);
    if (!known) {
      known = { rules: [], matcher: null, checks: 0 };
      for (const name of IGNORE_FILES) {
        const file = join(folder, name);
        if (existsSync(file)) {
          try {
            known.rules.push(readFileSync(file, 'utf8'));
          } catch {
            // an unreadable ignore file ignores nothing
          }
        }
      }
      this.byFolder.set(folder, known);
    }
    return known;
  }
}
