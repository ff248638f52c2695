// `groupnote-lint export <note.md> --out <folder> [--force]`: one chart note per present member.
// Refuses (exit 1) when an export would still identify another member, unless --force, and when a
// section cannot be attributed to a member (even with --force); never overwrites an existing file.
// Prints file names and leak locations, never note text.

import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNote } from '../engine/workspace/files.js';
import { exportMemberNotes } from '../engine/editor/export.js';
import { terminalSafe } from './terminal-text.js';

export const EXPORT_USAGE = `Usage: groupnote-lint export <group-note.md> --out <folder> [--force]

Writes one chart note per present member (session header, shared section, that member's section,
signature). Refuses when any export still identifies another member, unless --force, and always
when a present member has no section of their own or a section cannot be attributed to a member.`;

/** Why `--out` cannot be used as the folder to write into (made when missing), or null. */
function outFolderProblem(folder: string): string | null {
  let stat;
  try {
    stat = lstatSync(folder);
  } catch {
    stat = null;
  }
  if (stat?.isSymbolicLink()) {
    try {
      stat = statSync(folder);
    } catch {
      return 'is a symbolic link to nothing (a dangling link); give an existing folder or a new path';
    }
  }
  if (stat && !stat.isDirectory()) return 'is not a folder';
  if (stat) return null;
  try {
    mkdirSync(folder, { recursive: true });
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return code === 'ENOTDIR' || code === 'EEXIST' ? `cannot be made: a file is in the way (${code})` : `cannot be made (${code})`;
  }
}

export function runExport(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  let note: string | null = null;
  let folder: string | null = null;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out' || arg === '-o') folder = argv[++i] ?? null;
    else if (arg.startsWith('--out=')) folder = arg.slice(6);
    else if (arg === '--force') force = true;
    else if (arg === '-h' || arg === '--help') {
      out.write(`${EXPORT_USAGE}\n`);
      return 0;
    } else if (!arg.startsWith('-') && note === null) note = arg;
    else {
      err.write(`groupnote-lint export: unexpected argument ${arg}\n\n${EXPORT_USAGE}\n`);
      return 2;
    }
  }
  if (!note || !folder) {
    err.write(`groupnote-lint export: ${!note ? 'no note given' : 'no --out folder given'}\n\n${EXPORT_USAGE}\n`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(note);
  } catch (e) {
    err.write(`groupnote-lint export: ${note}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`);
    return 2;
  }
  const decoded = decodeNote(bytes);
  if ('error' in decoded) {
    err.write(`groupnote-lint export: ${note}: ${decoded.error}\n`);
    return 2;
  }
  const exports = exportMemberNotes(decoded.text);
  if (exports.length === 0) {
    err.write(`groupnote-lint export: ${note}: no member sections to export (is it a group note?)\n`);
    return 2;
  }
  // text that cannot be attributed to a member would go into other members' charts: never written, even with --force
  const unattributed = exports[0].unattributed;
  if (unattributed.length > 0) {
    for (const reason of unattributed) err.write(`${terminalSafe(note)}: ${terminalSafe(reason)}\n`);
    err.write(`groupnote-lint export: ${terminalSafe(note)}: a section cannot be attributed to a member; nothing written (give every present member a section under a heading that names them)\n`);
    return 1;
  }
  const leaking = exports.filter((e) => e.leaks.length > 0);
  for (const e of leaking) {
    for (const leak of e.leaks) err.write(`${terminalSafe(e.fileName)}:${leak.line + 1}: ${terminalSafe(leak.message)}\n`);
  }
  if (leaking.length > 0 && !force) {
    err.write(`groupnote-lint export: ${leaking.length} of ${exports.length} member notes would identify other members; nothing written (fix the note, or use --force)\n`);
    return 1;
  }
  const problem = outFolderProblem(folder);
  if (problem) {
    err.write(`groupnote-lint export: ${terminalSafe(folder)}: ${problem}; nothing written\n`);
    return 2;
  }
  let written = 0;
  for (const e of exports) {
    const path = join(folder, e.fileName);
    if (existsSync(path)) {
      err.write(`groupnote-lint export: ${terminalSafe(path)} exists; not overwritten\n`);
      continue;
    }
    try {
      writeFileSync(path, e.text, { flag: 'wx' });
    } catch (error) {
      // "wx" also refuses a dangling symbolic link in the way (EEXIST)
      err.write(`groupnote-lint export: ${terminalSafe(path)}: cannot write (${(error as NodeJS.ErrnoException).code ?? 'error'}); not written\n`);
      continue;
    }
    out.write(`${terminalSafe(path)}\n`);
    written++;
  }
  return written === exports.length ? 0 : 2;
}
