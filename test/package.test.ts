// The npm package as a user gets it: `npm pack`, then `npm install <tarball>` in an empty folder
// outside the checkout, then the installed CLI (globs, negated globs, ignore files, stdin) and the
// library (CommonJS, ESM and its type declarations) are used there. Needs dist/ (npm test builds
// it first); the package has no dependencies, so the install reads nothing from a registry.

import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from './temp-dirs.js';

const root = new URL('..', import.meta.url).pathname;
const tempDir = useTempDirs();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const sample = join(root, 'samples/anxiety-group/2026-03-11-anxiety-skills.md');

let packed: { filename: string; files: { path: string }[] };
let project: string;

const cli = (args: string[], input?: string) => {
  const r = spawnSync(join(project, 'node_modules/.bin/groupnote-lint'), args, { cwd: project, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const files = (stdout: string) => [...new Set((JSON.parse(stdout) as { file: string }[]).map((f) => f.file))].sort();

beforeAll(() => {
  const out = tempDir('gnl-pack-');
  // --ignore-scripts: `prepack` (the build) already ran as part of npm test, and rebuilding dist/
  // here would rewrite the bundles other test files are running; the test below checks the script
  packed = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', out], { cwd: root, encoding: 'utf8' }))[0];
  project = tempDir('gnl-install-');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'clinic-notes', version: '1.0.0', private: true }));
  execFileSync(npm, ['install', '--no-audit', '--no-fund', join(out, packed.filename)], { cwd: project, encoding: 'utf8', stdio: 'pipe' });
  // a notes folder as a clinic keeps it
  for (const dir of ['notes/anxiety', 'notes/drafts', 'notes/archive']) mkdirSync(join(project, dir), { recursive: true });
  copyFileSync(sample, join(project, 'notes/anxiety/2026-03-11.md'));
  copyFileSync(sample, join(project, 'notes/drafts/2026-03-18.md'));
  copyFileSync(sample, join(project, 'notes/archive/2026-01-07.md'));
  writeFileSync(join(project, '.groupnoteignore'), 'notes/archive/\n');
}, 120_000);

describe('the npm package', () => {
  it('is built before packing, public, and ships the CLI, library, types, docs and notices; no sources, tests or samples', () => {
    expect(manifest.private).toBeUndefined();
    expect(manifest.scripts.prepack).toMatch(/scripts\/build\.mjs/);
    // nothing runs when the package is installed (npm asks users to approve install scripts)
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts, script).not.toHaveProperty(script);
    const paths = packed.files.map((f) => f.path);
    for (const file of ['bin/groupnote-lint.js', 'dist/cli.js', 'dist/lib/index.js', 'dist/types/engine/api.d.ts', 'dist/THIRD-PARTY-NOTICES.md', 'docs/api.md', 'docs/rules/member-copy-paste.md', 'CHANGELOG.md', 'LICENSE', 'README.md']) {
      expect(paths, file).toContain(file);
    }
    expect(paths.filter((p) => /^(test|samples|bench|engine|cli|server|client|scripts)\//.test(p) || p.endsWith('.map') || p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs with the library as main and the CLI as bin (the VS Code client is the main only of the .vsix)', () => {
    const installed = JSON.parse(readFileSync(join(project, 'node_modules/groupnote-lint/package.json'), 'utf8'));
    expect(installed.main).toBe('./dist/lib/index.js');
    expect(installed.exports['.'].types).toBe('./dist/types/engine/api.d.ts');
    expect(installed.bin['groupnote-lint']).toBe('bin/groupnote-lint.js');
    expect(cli(['--version']).stdout.trim()).toBe(manifest.version);
  });

  it('lints with globs and negated globs, skips what .groupnoteignore ignores, and checks a named file anyway', () => {
    const all = cli(['--format', 'json', 'notes/**/*.md']);
    expect(all.code).toBe(1);
    expect(files(all.stdout)).toEqual(['notes/anxiety/2026-03-11.md', 'notes/drafts/2026-03-18.md']);
    const noDrafts = cli(['--format', 'json', 'notes/**/*.md', '!notes/drafts/**']);
    expect(files(noDrafts.stdout)).toEqual(['notes/anxiety/2026-03-11.md']);
    const folder = cli(['--format', 'json', 'notes']);
    expect(files(folder.stdout)).toEqual(['notes/anxiety/2026-03-11.md', 'notes/drafts/2026-03-18.md']);
    expect(files(cli(['--format', 'json', '--no-ignore', 'notes']).stdout)).toHaveLength(3);
    expect(files(cli(['--format', 'json', 'notes/archive/2026-01-07.md']).stdout)).toEqual(['notes/archive/2026-01-07.md']);
  });

  it('lints standard input as the file --stdin-filename names, with the same findings as the file', () => {
    const fromFile = JSON.parse(cli(["--format", "json", "notes/anxiety/2026-03-11.md"]).stdout) as { ruleId: string }[];
    const fromStdin = cli(['--format', 'json', '-', '--stdin-filename', 'notes/anxiety/2026-03-11.md'], readFileSync(sample, 'utf8'));
    expect(fromStdin.code).toBe(1);
    // cross-note rules see the whole folder only when it is given; compare the single-note rules
    const single = (list: { ruleId: string }[]) => list.filter((f) => !['treatment-plan', 'member-note-cloned', 'duplicate-billing', 'same-day-individual-overlap'].includes(f.ruleId));
    expect(single(JSON.parse(fromStdin.stdout))).toEqual(single(fromFile));
  });

  it('rule links in the output are URLs of the rule pages in the repository at this version', () => {
    const findings = JSON.parse(cli(['--format', 'json', 'notes/anxiety']).stdout) as { ruleId: string; docs: string }[];
    const repository = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    for (const f of findings) expect(f.docs).toBe(`${repository}/blob/v${manifest.version}/docs/rules/${f.ruleId}.md`);
  });

  it('the library loads from CommonJS and ESM, lints text, lists rules and runs the workspace index', () => {
    const note = JSON.stringify(readFileSync(sample, 'utf8'));
    const script = `
      const plan = ${note};
      const { findings, isGroupNote } = api.lint(plan);
      const index = new api.WorkspaceIndex();
      index.update('a.md', '1', plan);
      index.update('b.md', '1', plan);
      const cross = [...index.crossNoteFindings().values()].flat().map((f) => f.ruleId);
      console.log(JSON.stringify({ isGroupNote, rules: findings.map((f) => f.ruleId), catalogue: api.rules.length, cross, version: api.VERSION }));`;
    writeFileSync(join(project, 'use.cjs'), `const api = require('groupnote-lint');${script}`);
    writeFileSync(join(project, 'use.mjs'), `import * as api from 'groupnote-lint';${script}`);
    const fromCjs = JSON.parse(execFileSync(process.execPath, ['use.cjs'], { cwd: project, encoding: 'utf8' }));
    const fromEsm = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8' }));
    expect(fromEsm).toEqual(fromCjs);
    expect(fromCjs.isGroupNote).toBe(true);
    expect(fromCjs.rules).toContain('other-member-identifier');
    expect(fromCjs.catalogue).toBeGreaterThanOrEqual(37);
    expect(fromCjs.cross).toContain('duplicate-billing'); // the same note twice bills its members twice on one date
    expect(fromCjs.version).toBe(manifest.version);
  });

  it('its type declarations compile a strict TypeScript consumer on their own (no skipLibCheck)', () => {
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { lint, rules, safeFixes, applyEdits, ruleDocUrl, WorkspaceIndex, type Finding, type LintResult } from 'groupnote-lint';
const result: LintResult = lint('---\\nnote: group-psychotherapy\\n---\\n', { config: { rules: { 'placeholder-text': 'off' } } });
const first: Finding | undefined = result.findings[0];
const fixed: string = applyEdits(result.note.text, safeFixes(result));
const ids: string[] = rules.map((r) => r.id);
const url: string = ruleDocUrl('member-copy-paste');
const size: number = new WorkspaceIndex().crossNoteFindings().size;
export { first, fixed, ids, url, size };
`,
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(
      process.execPath,
      [tsc, '--noEmit', '--strict', '--skipLibCheck', 'false', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', join(root, 'node_modules/@types'), 'consumer.ts'],
      { cwd: project, encoding: 'utf8' },
    );
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('the examples a clinic copies, run where the package is installed', () => {
  // as pre-commit and a CI runner run commands: the installed package's bin folder on PATH
  const shell = (command: string) => {
    const r = spawnSync('bash', ['-c', command], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PATH: `${join(project, 'node_modules/.bin')}${delimiter}${process.env.PATH}` } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

  it('the pre-commit hook lints the whole notes folder: its entry and args run and find the notes\' errors', () => {
    const hooks = parseYaml(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; args?: string[]; language: string; pass_filenames: boolean; files: string }[];
    const hook = hooks.find((h) => h.id === 'groupnote-lint')!;
    expect(hook.language).toBe('node');
    expect(hook.pass_filenames).toBe(false); // the whole folder, not the changed files
    expect(new RegExp(hook.files).test('notes/2026-03-11.md')).toBe(true);
    const r = shell([hook.entry, ...(hook.args ?? [])].map(quote).join(' '));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // the sample note has errors: the commit is stopped
    expect(r.stdout).toContain('notes/anxiety/2026-03-11.md:');
    expect(r.stdout).not.toContain('notes/archive/'); // .groupnoteignore
  });

  it('the CI workflow\'s lint step writes the findings its artifact step keeps, and fails on errors', () => {
    const workflow = parseYaml(readFileSync(join(root, 'examples/github-actions/groupnote-lint.yml'), 'utf8')) as { jobs: Record<string, { steps: { name?: string; run?: string; uses?: string; if?: string; with?: { path?: string } }[] }> };
    const steps = Object.values(workflow.jobs)[0].steps;
    const lint = steps.find((s) => s.name === 'Lint notes')!;
    const keep = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    expect(keep.if).toBe('always()'); // kept when the lint step fails
    const r = shell(lint.run!);
    expect(r.code).toBe(1);
    const kept = keep.with!.path!.split('\n').map((p) => p.trim()).filter(Boolean);
    expect(kept).toEqual(['groupnote-lint.json', 'groupnote-lint-report.html']);
    for (const file of kept) expect(existsSync(join(project, file)), file).toBe(true);
    expect(JSON.parse(readFileSync(join(project, 'groupnote-lint.json'), 'utf8')).length).toBeGreaterThan(0);
  });
});
