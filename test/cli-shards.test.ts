// Sharded runs (issue 22): `--shard i/n --summary-out <file>` checks one slice of the files and
// `merge <summary files...>` runs the cross-note rules over every slice's summaries. A run split
// into n shards and merged gives the same findings as one run, in every format.

import { spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types
import { writeCorpus } from '../bench/generate.mjs';
import { parseShard, shardOf } from '../cli/shard.js';
import { useTempDirs } from './temp-dirs.js';

const root = join(__dirname, '..');
const tempDir = useTempDirs();
let dir: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--jobs', '1', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function merge(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), 'merge', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Finding {
  file: string;
  ruleId: string;
  severity: string;
  line: number;
  column: number;
}
const sortedJson = (stdout: string) =>
  (JSON.parse(stdout) as Finding[]).map((f) => JSON.stringify(f)).sort();

const CROSS_NOTE = ['member-note-cloned', 'same-day-individual-overlap', 'treatment-plan', 'duplicate-billing'];

/** Runs n shards with summary files, then merges them. */
function sharded(n: number, format = 'json', extra: string[] = []) {
  const summaries: string[] = [];
  const shardOutputs: string[] = [];
  for (let i = 1; i <= n; i++) {
    const summary = `summary-${i}-of-${n}.ndjson`;
    const run = cli(['--format', 'json', '--shard', `${i}/${n}`, '--summary-out', summary, 'notes']);
    expect(run.stderr).toBe('');
    shardOutputs.push(run.stdout);
    summaries.push(summary);
  }
  return { merged: merge(['--format', format, ...extra, ...summaries]), shardOutputs, summaries };
}

let single: ReturnType<typeof cli>;

beforeAll(() => {
  dir = tempDir('groupnote-shards-');
  // 300 generated notes with copies, leaks, cross-session clones, plans and individual notes
  writeCorpus(join(dir, 'notes'), { seed: 11, notes: 300 });
  const first = cli(['--format', 'json', 'notes']);
  const findings = JSON.parse(first.stdout) as Finding[];
  // what travels in a summary besides the summary itself: a note's own severity for a cross-note
  // rule (a .groupnoterc.json in its folder) and its disable comments
  const cloned = findings.filter((f) => f.ruleId === 'member-note-cloned');
  expect(cloned.length).toBeGreaterThan(2);
  appendFileSync(join(dir, cloned[0].file), '\n<!-- groupnote-disable-file member-note-cloned -- reviewed -->\n');
  const other = cloned.find((f) => dirname(f.file) !== dirname(cloned[0].file))!;
  writeFileSync(join(dir, dirname(other.file), '.groupnoterc.json'), JSON.stringify({ rules: { 'member-note-cloned': 'info' } }));
  single = cli(['--format', 'json', 'notes']);
  const after = JSON.parse(single.stdout) as Finding[];
  expect(after.some((f) => f.file === cloned[0].file && f.ruleId === 'member-note-cloned')).toBe(false);
  expect(after.some((f) => f.file === other.file && f.ruleId === 'member-note-cloned' && f.severity === 'info')).toBe(true);
});

// (each test runs the CLI a dozen times or more: a hang guard of three minutes, for a loaded machine)
describe('sharded runs', { timeout: 180_000 }, () => {
  it('split into 1, 3 and 8 shards and merged, give the same findings as one run', () => {
    const expected = sortedJson(single.stdout);
    expect(expected.some((f) => f.includes('"member-note-cloned"'))).toBe(true);
    expect(expected.some((f) => f.includes('"member-copy-paste"'))).toBe(true);
    for (const n of [1, 3, 8]) {
      const { merged, shardOutputs } = sharded(n);
      expect(merged.stderr).toBe('');
      expect(merged.code).toBe(single.code);
      expect(sortedJson(merged.stdout)).toEqual(expected);
      // the shards printed the per-note findings, each file's in one shard only, and no cross-note finding
      const perNote = shardOutputs.flatMap(sortedJson).sort();
      expect(perNote).toEqual(expected.filter((f) => !CROSS_NOTE.some((id) => f.includes(`"ruleId":"${id}"`))));
    }
  });

  it('gives the same SARIF and JUnit output as one run, and the same stylish lines', () => {
    for (const format of ['stylish', 'sarif', 'junit']) {
      const one = cli(['--format', format, 'notes']);
      const { merged } = sharded(3, format);
      if (format === 'stylish') {
        // one run writes each note's lines as it is done, the merge in sorted order: the same
        // lines, and the same summary line last
        const lines = (text: string) => text.trimEnd().split('\n');
        expect(lines(merged.stdout).at(-1)).toBe(lines(one.stdout).at(-1));
        expect(lines(merged.stdout).sort()).toEqual(lines(one.stdout).sort());
      } else expect(merged.stdout).toBe(one.stdout);
      expect(merged.code).toBe(one.code);
    }
  });

  it('puts a file in the same shard whatever else is in the folder', () => {
    const cwd = '/work/notes';
    expect(shardOf('a/b.md', 8, cwd)).toBe(shardOf('./a/b.md', 8, cwd));
    expect(shardOf('a/b.md', 8, cwd)).toBe(shardOf('/work/notes/a/b.md', 8, cwd));
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 800; i++) counts[shardOf(`notes/${i}.md`, 8, cwd) - 1]++;
    for (const c of counts) expect(c).toBeGreaterThan(50);
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    expect(typeof parseShard('0/8')).toBe('string');
    expect(typeof parseShard('9/8')).toBe('string');
    expect(typeof parseShard('1-8')).toBe('string');
  });

  it('refuses a merge with a shard missing, given twice, from another run, or cut short', () => {
    const { summaries } = sharded(3);
    const missing = merge(summaries.slice(0, 2));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('3/3 missing');
    expect(merge([...summaries, summaries[0]]).code).toBe(2);
    const other = cli(['--shard', '1/2', '--summary-out', 'other.ndjson', 'notes']);
    expect(other.code).not.toBe(2);
    expect(merge([summaries[0], 'other.ndjson', summaries[2]]).stderr).toContain('another run');
    const text = readFileSync(join(dir, summaries[1]), 'utf8');
    writeFileSync(join(dir, 'cut.ndjson'), text.slice(0, text.lastIndexOf('{"end"')));
    const cut = merge([summaries[0], 'cut.ndjson', summaries[2]]);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain('end line');
  });

  it('keeps note text out of the summaries in summary files', () => {
    const { summaries } = sharded(3);
    // the findings travel as the shard printed them (the merge test compares them); the rest of
    // each line is the summary, which quotes nothing of a note
    const all = summaries
      .flatMap((s) => readFileSync(join(dir, s), 'utf8').split('\n').filter(Boolean))
      .map((line) => JSON.stringify({ ...JSON.parse(line), findings: undefined }))
      .join('\n');
    // no stretch of a note's prose (names and ids aside, which summaries do hold)
    const notes = [...new Set((JSON.parse(single.stdout) as Finding[]).map((f) => f.file))];
    // group notes, and treatment plans (their goals' wording stays home too)
    const plans = readdirSync(join(dir, dirname(notes[0]), 'plans')).map((f) => join(dirname(notes[0]), 'plans', f));
    const files = [...notes.slice(0, 5), ...plans.slice(0, 3)];
    let compared = 0;
    for (const file of files) {
      const body = readFileSync(join(dir, file), 'utf8').split('\n---\n').slice(1).join('\n');
      for (const line of body.split('\n')) {
        if (line.length < 50 || /^\s*-?\s*(name|id|patient):/.test(line)) continue;
        expect(all.includes(line.slice(15, 45)), 'a stretch of prose is in a summary file').toBe(false);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    expect(all.includes('reviewed')).toBe(false);
  });

  it('rejects --summary-out without --shard and --shard with standard input', () => {
    expect(cli(['--summary-out', 'x.ndjson', 'notes']).code).toBe(2);
    expect(cli(['--shard', '1/2', '-']).code).toBe(2);
    expect(cli(['--shard', '3/2', 'notes']).code).toBe(2);
  });
});
