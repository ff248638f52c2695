// Real engine findings for the report tests: the labelled corpus (markers blanked out, as the
// accuracy harness does) and the samples, linted note by note and turned into report findings with
// each note's date, facilitator and roster names.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintText } from '../../engine/index.js';
import { toReportFinding, type ReportFinding } from '../../engine/report/index.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return markdownFiles(path);
      return /\.md$/.test(name) && name !== 'README.md' ? [path] : [];
    });
}

const firstString = (value: unknown): string | null => {
  if (Array.isArray(value)) return firstString(value[0]);
  return typeof value === 'string' && value.trim() ? value.trim() : null;
};

const dateOf = (value: unknown): string | null => {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
};

export interface LintedFolder {
  findings: ReportFinding[];
  /** paths relative to the repository, forward slashes */
  files: string[];
}

/** Lints every Markdown file under the given folders (relative to the repository). */
export function lintFolders(...folders: string[]): LintedFolder {
  const findings: ReportFinding[] = [];
  const files: string[] = [];
  for (const folder of folders) {
    for (const path of markdownFiles(join(repoRoot, folder))) {
      const file = relative(repoRoot, path).split('\\').join('/');
      // corpus markers ({rule-id}) are blanked out so positions do not move
      const text = readFileSync(path, 'utf8').replace(/\{[a-z]+(?:-[a-z]+)+\}/g, (m) => ' '.repeat(m.length));
      const result = lintText(text);
      if (!result.isGroupNote) continue;
      files.push(file);
      const fm = result.note.frontmatter ?? {};
      const memberNames = new Map(result.note.roster.map((m) => [m.key, m.name]));
      for (const f of result.findings) {
        findings.push(toReportFinding(f, { file, clinician: firstString(fm.facilitator), date: dateOf(fm.date), memberNames }));
      }
    }
  }
  return { findings, files };
}
