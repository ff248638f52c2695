// Sharded runs on engines teams already operate (issue 22): the local form (xargs -P over the
// shard numbers, examples/local/groupnote-lint-sharded.sh), the GitHub Actions matrix
// (examples/ci-matrix/groupnote-lint-sharded.yml) and the Kubernetes Indexed Job
// (examples/kubernetes/indexed-job.yaml). Each test runs the commands the example runs, read
// from the example file itself, on this machine: every shard, then the merge, with the
// installed CLI replaced by this checkout's (a `groupnote-lint` on PATH) and the artifact or
// volume hand-over done by copying folders. The merged report must equal one run's.

import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types
import { writeCorpus } from '../bench/generate.mjs';
import { useTempDirs } from './temp-dirs.js';

const root = join(__dirname, '..');
const tempDir = useTempDirs();
let bin: string;
let notesDir: string;
let expected: string[];

const sorted = (json: string) => (JSON.parse(json) as unknown[]).map((f) => JSON.stringify(f)).sort();

function sh(script: string, cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync('sh', ['-c', script], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', PATH: `${bin}${delimiter}${process.env.PATH}`, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A working folder with the notes at ./notes, as a checkout or a mounted volume has them. */
function workspace(prefix: string): string {
  const dir = tempDir(prefix);
  cpSync(notesDir, join(dir, 'notes'), { recursive: true });
  return dir;
}

beforeAll(() => {
  // `groupnote-lint` as the examples call it once installed: this checkout's CLI
  bin = tempDir('groupnote-bin-');
  writeFileSync(join(bin, 'groupnote-lint'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'bin/groupnote-lint.js')}" "$@"\n`);
  chmodSync(join(bin, 'groupnote-lint'), 0o755);
  notesDir = join(tempDir('groupnote-engines-'), 'notes');
  writeCorpus(notesDir, { seed: 21, notes: 200 });
  const single = sh('groupnote-lint --jobs 1 --format json notes', workspace('groupnote-single-'));
  expect(single.code).toBe(1);
  expected = sorted(single.stdout);
  expect(expected.some((f) => f.includes('"member-note-cloned"'))).toBe(true);
});

describe('sharded runs on existing engines', () => {
  it('local: xargs -P over the shard numbers, then merge, equals one run', () => {
    const dir = workspace('groupnote-xargs-');
    const r = sh(`${join(root, 'examples/local/groupnote-lint-sharded.sh')} 4 summaries notes`, dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(sorted(r.stdout)).toEqual(expected);
    expect(readdirSync(join(dir, 'summaries')).filter((f) => f.endsWith('.ndjson')).sort()).toEqual([1, 2, 3, 4].map((i) => `shard-${i}.ndjson`));
  });

  it('GitHub Actions matrix: each matrix job\'s lint step, the artifacts, then the merge job\'s step, equal one run', () => {
    type Step = { name?: string; run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, unknown> };
    const workflow = parseYaml(readFileSync(join(root, 'examples/ci-matrix/groupnote-lint-sharded.yml'), 'utf8')) as {
      env: { SHARDS: number };
      jobs: { shard: { strategy: { matrix: { shard: number[] } }; steps: Step[] }; merge: { needs: string; steps: Step[] } };
    };
    const shards = workflow.jobs.shard.strategy.matrix.shard;
    expect(shards).toEqual(Array.from({ length: workflow.env.SHARDS }, (_, i) => i + 1));
    expect(workflow.jobs.merge.needs).toBe('shard');
    const lint = workflow.jobs.shard.steps.find((s) => s.name === 'Lint one shard')!;
    expect(lint.env?.SHARD).toBe('${{ matrix.shard }}');
    const upload = workflow.jobs.shard.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    const download = workflow.jobs.merge.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!;
    const merge = workflow.jobs.merge.steps.find((s) => s.name === 'Merge the shards')!;
    const mergeDir = tempDir('groupnote-merge-job-');
    for (const shard of shards) {
      // each matrix job: a fresh checkout, its lint step, its artifact
      const checkout = workspace(`groupnote-matrix-${shard}-`);
      const r = sh(lint.run!, checkout, { SHARD: String(shard), SHARDS: String(workflow.env.SHARDS) });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // download-artifact with merge-multiple: every artifact's files in one folder
      cpSync(join(checkout, upload.with!.path as string), join(mergeDir, download.with!.path as string), { recursive: true });
    }
    const r = sh(merge.run!, mergeDir, { SHARDS: String(workflow.env.SHARDS) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(sorted(readFileSync(join(mergeDir, 'groupnote-lint.json'), 'utf8'))).toEqual(expected);
    expect(readFileSync(join(mergeDir, 'groupnote-lint-report.html'), 'utf8')).toContain('<html');
  });

  it('Kubernetes: every index of the Indexed Job, then the merge Job, equal one run', () => {
    type Container = { name: string; workingDir?: string; env?: { name: string; value: string }[]; command: string[]; args: string[] };
    type Job = { kind: string; metadata: { name: string }; spec: { completionMode?: string; completions?: number; parallelism?: number; template: { spec: { initContainers?: Container[]; containers: Container[] } } } };
    const jobs = parseAllDocuments(readFileSync(join(root, 'examples/kubernetes/indexed-job.yaml'), 'utf8')).map((d) => d.toJS() as Job);
    expect(jobs.map((j) => j.kind)).toEqual(['Job', 'Job']);
    const [shardJob, mergeJob] = jobs;
    expect(shardJob.spec.completionMode).toBe('Indexed');
    const shard = shardJob.spec.template.spec.containers[0];
    const envOf = (c: Container) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
    expect(Number(envOf(shard).SHARDS)).toBe(shardJob.spec.completions);
    // the scripts as the pods run them, with the volumes at temp folders and the install left out
    // (this checkout's CLI is on PATH)
    const summaries = tempDir('groupnote-volume-');
    const audit = workspace('groupnote-audit-');
    const local = (script: string) =>
      script
        .split('\n')
        .filter((line) => !/^\s*npm install /.test(line))
        .join('\n')
        .replaceAll('/summaries', summaries);
    expect(shard.command).toEqual(['sh', '-c']);
    expect(shard.workingDir).toBe('/audit');
    for (let index = 0; index < shardJob.spec.completions!; index++) {
      const r = sh(local(shard.args[0]), audit, { ...envOf(shard), JOB_COMPLETION_INDEX: String(index) });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const wait = mergeJob.spec.template.spec.initContainers![0];
    expect(sh(local(wait.args[0]), audit, envOf(wait)).code).toBe(0); // all summaries are there: returns at once
    const merge = mergeJob.spec.template.spec.containers[0];
    const r = sh(local(merge.args[0]), audit, envOf(merge));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(sorted(readFileSync(join(summaries, 'groupnote-lint.json'), 'utf8'))).toEqual(expected);
  });

  it('local: a shard that cannot finish stops the run with exit code 2', () => {
    const dir = workspace('groupnote-xargs-fail-');
    // shard 1's summary file cannot be written (a folder is in its place)
    mkdirSync(join(dir, 'summaries', 'shard-1.ndjson'), { recursive: true });
    const r = sh(`${join(root, 'examples/local/groupnote-lint-sharded.sh')} 2 summaries notes`, dir);
    expect(r.stderr).toContain('a shard could not finish');
    expect(r.code).toBe(2);
  });
});
