// The CLI checks large folders on several threads (cli/lint-pool.ts). Whatever the number of
// threads, and even when worker threads crash, the output is the same as on one thread.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from './temp-dirs.js';

const root = join(__dirname, '..');
const preload = join(__dirname, 'cli-workers', 'count-workers.cjs');
const tempDir = useTempDirs();
let dir: string;
let notes: string;

function cli(args: string[], env: Record<string, string> = {}) {
  const log = join(dir, `workers-${Math.random().toString(36).slice(2)}.log`);
  const r = spawnSync(process.execPath, ['--require', preload, join(root, 'bin/groupnote-lint.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GROUPNOTE_WORKER_LOG: log, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const workers = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, workers };
}

beforeAll(() => {
  dir = tempDir('groupnote-workers-');
  notes = join(dir, 'notes');
  // 300 generated notes with copies, leaks and cross-session clones (bench/generate.mjs, seeded)
  const made = spawnSync(process.execPath, [join(root, 'bench/generate.mjs'), '--out', notes, '--notes', '300', '--seed', '3'], { encoding: 'utf8' });
  expect(made.status).toBe(0);
});

describe('CLI on several threads', () => {
  it('gives the same findings, exit code and summary on 1 thread and on 2 or 3 threads', () => {
    const one = cli(['--jobs', '1', '--format', 'json', 'notes']);
    const two = cli(['--jobs', '2', '--format', 'json', 'notes']);
    const three = cli(['--jobs', '3', '--format', 'json', 'notes']);
    // the main thread is one of the threads: it checks files next to the workers
    expect(one.workers).toBe(0);
    expect(two.workers).toBe(1);
    expect(three.workers).toBe(2);
    expect(three.stdout).toBe(one.stdout);
    const findings = JSON.parse(one.stdout) as { ruleId: string }[];
    // single-note and cross-note rules both fired, so both paths were compared
    expect(findings.some((f) => f.ruleId === 'member-copy-paste')).toBe(true);
    expect(findings.some((f) => f.ruleId === 'member-note-cloned')).toBe(true);
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(one.code);
    expect(two.stderr).toBe(one.stderr);
    expect(cli(['--jobs', '2', 'notes']).stdout).toBe(cli(['--jobs', '1', 'notes']).stdout);
  });

  it('starts no worker for a small folder', () => {
    const run = cli(['--jobs', '4', '--format', 'json', join(root, 'samples')]);
    expect(run.workers).toBe(0);
    expect(JSON.parse(run.stdout).length).toBeGreaterThan(0);
  });

  it('checks every file on the main thread when worker threads crash, and prints nothing of the crash', () => {
    const one = cli(['--jobs', '1', '--format', 'json', 'notes']);
    const crashed = cli(['--jobs', '3', '--format', 'json', 'notes'], { GROUPNOTE_WORKER_CRASH: '1' });
    expect(crashed.workers).toBe(2);
    expect(crashed.stdout).toBe(one.stdout);
    expect(crashed.code).toBe(one.code);
    expect(crashed.stderr).not.toMatch(/crashed/);
  });

  it('refuses a --jobs value that is not a whole number from 1', () => {
    for (const bad of ['0', 'two', '-1', '1.5']) {
      const run = cli(['--jobs', bad, 'notes']);
      expect(run.code, bad).toBe(2);
      // "-1" reads as an option to node:util parseArgs, which says so ("--jobs=-1" reaches the check)
      expect(run.stderr).toMatch(bad === '-1' ? /Option '--jobs' argument is ambiguous/ : /--jobs needs a whole number from 1/);
    }
    expect(cli(['--jobs=-1', 'notes']).stderr).toContain('--jobs needs a whole number from 1, not "-1"');
  });
});
