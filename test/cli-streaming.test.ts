// json and stylish output is written note by note (issue 22: bounded memory), then the cross-note
// findings: the same findings as the whole-run output (which SARIF, JUnit and --report still
// use, sorted by file and line as before), once both are sorted. At 1,000 generated notes.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types
import { writeCorpus } from '../bench/generate.mjs';
import { useTempDirs } from './temp-dirs.js';

const root = join(__dirname, '..');
const tempDir = useTempDirs();
let dir: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--jobs', '2', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = tempDir('groupnote-stream-');
  writeCorpus(join(dir, 'notes'), { seed: 8, notes: 1000 });
});

describe('output written note by note', () => {
  it('json: the same elements, byte for byte, as the whole-run output once sorted', () => {
    const streamed = cli(['--format', 'json', 'notes']);
    // --report makes the CLI build the whole run first: today's output, sorted by file and line
    const whole = cli(['--format', 'json', '--report', 'report.csv', 'notes']);
    expect(streamed.code).toBe(whole.code);
    expect(streamed.stderr).toBe(whole.stderr);
    const elements = (text: string) => (JSON.parse(text) as unknown[]).map((f) => JSON.stringify(f, null, 2));
    const a = elements(streamed.stdout);
    const b = elements(whole.stdout);
    expect(a.length).toBeGreaterThan(1000);
    expect([...a].sort()).toEqual([...b].sort());
    // the same text: each element indented as JSON.stringify(findings, null, 2) indents it
    expect(streamed.stdout.length).toBe(whole.stdout.length);
    expect(streamed.stdout.startsWith('[\n  {\n    "file": ')).toBe(true);
    expect(streamed.stdout.endsWith('}\n]\n')).toBe(true);
  });

  it('stylish: the same lines and the same summary line', () => {
    const streamed = cli(['notes']);
    const whole = cli(['--report', 'report.csv', 'notes']);
    expect(streamed.code).toBe(whole.code);
    const lines = (text: string) => text.trimEnd().split('\n');
    expect(lines(streamed.stdout).at(-1)).toBe(lines(whole.stdout).at(-1));
    expect(lines(streamed.stdout).at(-1)).toMatch(/ problems \(\d+ errors, \d+ warnings, \d+ info\) in \d+ of 1000 notes/);
    expect(lines(streamed.stdout).sort()).toEqual(lines(whole.stdout).sort());
  });

  it('an empty run prints [] and the no-problems line, as before', () => {
    const json = cli(['--format', 'json', 'notes/manifest.json', '--no-ignore', join(root, 'README.md')]);
    expect(json.stdout).toBe('[]\n');
    expect(cli([join(root, 'README.md')]).stdout).toBe('No problems found in 1 note (0 group notes).\n');
  });

  it('a reader that stops early gets the exit code the findings give', () => {
    const withStatus = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${join(root, 'bin/groupnote-lint.js')}" --format json notes | head -c 100 > /dev/null`], { cwd: dir, encoding: 'utf8' });
    expect(withStatus.status).toBe(1);
    expect(withStatus.stderr).toBe('');
  });
});
