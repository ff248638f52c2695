// A cache that can only make a run faster (issue 23): whatever happens to the --cache file or its
// journal (a bit flipped or the file cut short, at every position), a run gives exactly the
// findings of a run without a cache, never fails because of it, and says on stderr when it found
// damage. A same-size edit that kept the modification time is checked again (content hash), an
// unwritable cache location only warns, and temporary files of stopped runs are removed.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../cli/lint-files.js';
import { ALL_RULES } from '../engine/rules/catalog.js';
import { useTempDirs } from './temp-dirs.js';

const root = new URL('..', import.meta.url).pathname;
const tempDir = useTempDirs();

const note = (date: string, extra = '') => `---
note: group-psychotherapy
cpt: 90853
date: ${date}
start: "14:00"
end: "15:30"
members:
  - {id: "A-1", name: Ana Silva}
  - {id: "B-2", name: Ben Cole}
---

3 of 3 members present.

## Ana Silva (A-1)

**Participation:** Talked about Ben Cole and her week. ${extra}

**Response:** Said the exercise helped. Goal 1.1.

## Ben Cole (B-2)

**Participation:** TBD

Signed: Dana Whitfield, LCSW, ${date} 16:05
`;

/** A folder of small notes; returns the folder and a run of lintFiles over it (in this process). */
function folder(count: number) {
  const dir = tempDir('gnl-cache-damage-');
  mkdirSync(join(dir, 'notes'));
  for (let i = 0; i < count; i++) writeFileSync(join(dir, 'notes', `n${i}.md`), note(`2026-03-${String(4 + i).padStart(2, '0')}`));
  // a few rules only, so that the cache file (every position of which is damaged in turn) is small
  const kept = new Set(['other-member-identifier', 'placeholder-text', 'member-note-cloned']);
  writeFileSync(join(dir, 'notes', '.groupnoterc.json'), JSON.stringify({ rules: Object.fromEntries(ALL_RULES.filter((r) => !kept.has(r.id)).map((r) => [r.id, 'off'])) }));
  const lint = async (cache: string | null) => {
    await new Promise<void>((resolve) => setImmediate(resolve)); // let vitest's worker answer its RPC
    const warnings: string[] = [];
    const failures: string[] = [];
    const run = await lintFiles({ paths: [join(dir, 'notes')], groupGlobs: [], config: null, cache, progress: false, jobs: 1, workerScript: '', warn: (m) => warnings.push(m) }, (file, reason) => failures.push(`${file}: ${reason}`));
    return { output: JSON.stringify(run.findings), failed: run.failed, failures, warnings, hits: run.cacheHits };
  };
  return { dir, lint };
}

/** The file with one bit flipped at each position (bit `position % 8`), then cut short at each length. */
function damaged(intact: Buffer): Buffer[] {
  const cases: Buffer[] = [];
  for (let at = 0; at < intact.length; at++) {
    const flipped = Buffer.from(intact);
    flipped[at] ^= 1 << at % 8;
    cases.push(flipped);
  }
  for (let length = 0; length < intact.length; length++) cases.push(intact.subarray(0, length));
  return cases;
}

describe('--cache: damage never changes the output', () => {
  it('a bit flipped at every position of the cache file, or the file cut short at every length', async () => {
    const { dir, lint } = folder(2);
    const cacheFile = join(dir, 'cache');
    const expected = (await lint(null)).output;
    expect((await lint(cacheFile)).output).toBe(expected);
    const warm = await lint(cacheFile);
    expect(warm.output).toBe(expected);
    expect(warm.hits).toBe(2);
    const intact = readFileSync(cacheFile);
    const magic = 'groupnote-lint cache\n'.length;
    let warned = 0;
    const cases = damaged(intact);
    for (const [i, bytes] of cases.entries()) {
      writeFileSync(cacheFile, bytes);
      const run = await lint(cacheFile);
      expect(run.output, `case ${i}`).toBe(expected);
      expect(run.failed).toBe(false);
      const flip = i < intact.length;
      // every damage past the first bytes (a flip there makes another format, ignored) is reported
      if ((flip && i >= magic) || (!flip && bytes.length > 0)) {
        expect(run.warnings, `case ${i}`).toHaveLength(1);
        expect(run.warnings[0]).toMatch(/the cache was damaged \(.+\); those files were checked again$/);
        warned++;
      }
      // a damaged cache is replaced by a good one
      expect(readFileSync(cacheFile).length).toBeGreaterThan(magic);
    }
    expect(warned).toBeGreaterThan(cases.length * 0.9);
  }, 600_000);

  it('a bit flipped at every position of the journal, or the journal cut short at every length', async () => {
    const { dir, lint } = folder(8);
    const cacheFile = join(dir, 'cache');
    await lint(cacheFile);
    // one changed note goes to the journal
    writeFileSync(join(dir, 'notes', 'n3.md'), note('2026-03-07', 'Ana Silva asked Ben Cole for a ride.'));
    const expected = (await lint(null)).output;
    expect((await lint(cacheFile)).output).toBe(expected);
    const journalFile = `${cacheFile}.journal`;
    const journal = readFileSync(journalFile);
    const cacheBytes = readFileSync(cacheFile);
    const cases = damaged(journal);
    for (const [i, bytes] of cases.entries()) {
      writeFileSync(cacheFile, cacheBytes);
      writeFileSync(journalFile, bytes);
      const run = await lint(cacheFile);
      expect(run.output, `case ${i}`).toBe(expected);
      expect(run.failed).toBe(false);
    }
  }, 600_000);
});

describe('--cache: the key holds the content', () => {
  it('checks again a same-size edit that kept the modification time', async () => {
    const { dir, lint } = folder(2);
    const cacheFile = join(dir, 'cache');
    const file = join(dir, 'notes', 'n0.md');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const first = await lint(cacheFile);
    const original = readFileSync(file, 'utf8');
    // same length, a new leak (Ben Cole's name in Ana's section); same mtime
    const edited = original.replace('Said the exercise helped.', 'Ben Cole drove her home.!');
    expect(edited.length).toBe(original.length);
    writeFileSync(file, edited);
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const second = await lint(cacheFile);
    expect(second.output).toBe((await lint(null)).output);
    expect(second.output).not.toBe(first.output);
    expect(second.hits).toBe(1);
  });
});

describe('--cache: a cache that cannot be written', () => {
  const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('prints the findings and a warning, keeps the exit code, and leaves no temporary file', () => {
    const { dir } = folder(2);
    const expected = cli(dir, '--format', 'json', 'notes');
    expect(expected.status).toBe(1);
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    mkdirSync(join(dir, 'a-folder'));
    for (const location of ['missing/folder/cache', 'a-file/cache', 'a-folder']) {
      const run = cli(dir, '--format', 'json', '--cache-location', location, 'notes');
      expect(run.status, location).toBe(1);
      expect(run.stdout).toBe(expected.stdout);
      expect(run.stderr).toMatch(new RegExp(`^groupnote-lint: warning: ${location}: cannot write the cache \\((?:ENOENT|ENOTDIR|EISDIR)\\); the findings are complete, the next run checks every file again\\n$`));
    }
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('removes temporary files left by a stopped run, and keeps those of a running one', () => {
    const { dir } = folder(2);
    // no process has this id (above the largest Linux allows); this test's own process is running
    writeFileSync(join(dir, 'cache.4194999.tmp'), 'member names');
    writeFileSync(join(dir, `cache.${process.pid}.tmp`), 'in use');
    const run = cli(dir, '--format', 'json', '--cache-location', 'cache', 'notes');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(existsSync(join(dir, 'cache.4194999.tmp'))).toBe(false);
    expect(existsSync(join(dir, `cache.${process.pid}.tmp`))).toBe(true);
    expect(statSync(join(dir, 'cache')).size).toBeGreaterThan(0);
  });
});
