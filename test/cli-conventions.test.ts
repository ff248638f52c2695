// The CLI's conventions, as markdownlint-cli2 and ESLint have them: arguments (node:util parseArgs),
// globs and negated globs, .gitignore/.groupnoteignore, standard input, a closed pipe, JSONC
// configuration with extends, --print-config, --fix, and rule links that work on another machine
// (SARIF validated against the OASIS SARIF 2.1.0 schema with ajv).

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv4 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCS_BASE_URL } from '../engine/version.js';
import { useTempDirs } from './temp-dirs.js';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin/groupnote-lint.js');
const tempDir = useTempDirs();
const run = (cwd: string, args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
type Out = { file: string; ruleId: string; severity: string; docs: string; message: string };
const json = (stdout: string) => JSON.parse(stdout) as Out[];
const filesOf = (stdout: string) => [...new Set(json(stdout).map((f) => f.file))].sort();

const NOTE = `---
note: group-psychotherapy
cpt: 90853
date: 2026-04-01
start: "10:00"
end: "11:30"
facilitator: Ruth Amsel, LPC
members:
  - id: C-101
    name: Lena Park
  - id: C-102
    name: Omar Haddad
---

# DBT skills group

Members practiced the TIPP skill and reviewed diary cards.

## Lena Park

Lena described a conflict with her manager and practiced paced breathing in the role-play.

## Omar Haddad

**Participation:** Shared a diary card with two days of urges to drink and told the group both came after calls from his brother.

**Response:** Said the urge surfing exercise cut his urge from 7/10 to 3/10.

**Treatment plan:** Goal 1.1, reduce drinking days.

**Plan:** Practice TIPP daily.

**Diagnosis:** F10.20
`;

const PLAN = `---
note: treatment-plan
patient: C-101
name: Lena Park
diagnoses: [F43.23]
effective: 2026-01-15
review-by: 2026-06-15
---

# Treatment plan: Lena Park

## Goal 1: Reduce impulsive resignations
`;

function notesFolder(): string {
  const dir = tempDir('gnl-conv-');
  for (const sub of ['notes/2026', 'notes/drafts', 'notes/exported', 'plans']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'notes/2026/04-01.md'), NOTE);
  writeFileSync(join(dir, 'notes/drafts/04-08.md'), NOTE.replace('2026-04-01', '2026-04-08'));
  writeFileSync(join(dir, 'notes/exported/04-01-lena.md'), NOTE);
  return dir;
}

describe('arguments (node:util parseArgs)', () => {
  it('exits 2 with the usage on an unknown option, a missing value, or no files', () => {
    for (const args of [['--bogus', 'x'], ['--format'], [], ['--jobs', '0', 'x'], ['-', 'also.md']]) {
      const r = run(root, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain('Usage: groupnote-lint');
    }
    expect(run(root, ['--bogus', 'x']).stderr).toMatch(/Unknown option '--bogus'/);
  });

  it('takes --opt=value and short options as before', () => {
    const dir = notesFolder();
    expect(json(run(dir, ['--format=json', 'notes/2026']).stdout).length).toBeGreaterThan(0);
    expect(json(run(dir, ['-f', 'json', '-j', '1', 'notes/2026']).stdout).length).toBeGreaterThan(0);
  });
});

describe('files: globs, negated globs and ignore files', () => {
  it('expands quoted globs and drops what a negated glob matches', () => {
    const dir = notesFolder();
    expect(filesOf(run(dir, ['--format', 'json', 'notes/**/*.md']).stdout)).toEqual(['notes/2026/04-01.md', 'notes/drafts/04-08.md', 'notes/exported/04-01-lena.md']);
    expect(filesOf(run(dir, ['--format', 'json', 'notes/**/*.md', '!notes/drafts/**', '!**/exported/**']).stdout)).toEqual(['notes/2026/04-01.md']);
    expect(filesOf(run(dir, ['--format', 'json', 'notes', '!notes/drafts/**']).stdout)).toEqual(['notes/2026/04-01.md', 'notes/exported/04-01-lena.md']);
    const none = run(dir, ['--format', 'json', 'nothing/**/*.md']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('nothing/**/*.md: no notes match this glob');
  });

  it('honours .gitignore and .groupnoteignore in the working folder, unless --no-ignore or the file is named', () => {
    const dir = notesFolder();
    writeFileSync(join(dir, '.gitignore'), '# exports are regenerated\nexported/\n');
    writeFileSync(join(dir, '.groupnoteignore'), 'notes/drafts/\n');
    expect(filesOf(run(dir, ['--format', 'json', 'notes']).stdout)).toEqual(['notes/2026/04-01.md']);
    expect(filesOf(run(dir, ['--format', 'json', 'notes/**/*.md']).stdout)).toEqual(['notes/2026/04-01.md']);
    expect(filesOf(run(dir, ['--format', 'json', '--no-ignore', 'notes']).stdout)).toHaveLength(3);
    expect(filesOf(run(dir, ['--format', 'json', 'notes/drafts/04-08.md']).stdout)).toEqual(['notes/drafts/04-08.md']);
  });
});

describe('standard input and pipes', () => {
  it('lints - as the file --stdin-filename names: its configuration applies and the output names it', () => {
    const dir = notesFolder();
    writeFileSync(join(dir, 'notes/.groupnoterc.json'), '{ "rules": { "other-member-identifier": "off" } }');
    const r = run(dir, ['--format', 'json', '-', '--stdin-filename', 'notes/2026/new.md'], NOTE);
    const findings = json(r.stdout);
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.file))).toEqual(new Set(['notes/2026/new.md']));
    expect(findings.map((f) => f.ruleId)).not.toContain('other-member-identifier');
    expect(run(dir, ['--format', 'json', '-'], NOTE).stdout).toContain('"file": "<stdin>"');
    expect(run(dir, ['--fix', '-'], NOTE).code).toBe(2);
  });

  it('ends quietly, with no stack trace, when the reader closes the pipe early (| head)', async () => {
    const dir = tempDir('gnl-pipe-');
    // enough output that the pipe fills and the write fails after the reader is gone
    for (let i = 0; i < 120; i++) writeFileSync(join(dir, `n${i}.md`), NOTE.replace('2026-04-01', `2026-0${1 + (i % 9)}-1${i % 10}`));
    const child = spawn(process.execPath, [bin, '--format', 'json', '-j', '1', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1); // the findings' exit code (errors found), not a crash
  });
});

describe('configuration: JSONC, extends, --print-config', () => {
  it('reads comments and trailing commas, follows extends, and the extending file wins', () => {
    const dir = notesFolder();
    writeFileSync(join(dir, 'clinic-base.json'), '{\n  // the clinic-wide baseline\n  "rules": { "diagnosis-missing": "off", "signature-missing": "off", },\n}\n');
    writeFileSync(join(dir, 'notes/.groupnoterc.json'), '/* this team */ { "extends": "../clinic-base.json", "rules": { "signature-missing": "info" } }');
    const findings = json(run(dir, ['--format', 'json', 'notes/2026']).stdout);
    expect(findings.map((f) => f.ruleId)).not.toContain('diagnosis-missing');
    expect(findings.filter((f) => f.ruleId === 'signature-missing').map((f) => f.severity)).toEqual(['info']);

    const printed = run(dir, ['--print-config', 'notes/2026/04-01.md']);
    expect(printed.code).toBe(0);
    const config = JSON.parse(printed.stdout);
    expect(config.config).toEqual(['notes/.groupnoterc.json', 'clinic-base.json']);
    expect(config.rules['diagnosis-missing']).toBe('off');
    expect(config.rules['signature-missing']).toBe('info');
    expect(config.rules['other-member-identifier']).toBe('error'); // defaults filled in
  });

  it('names the file, line and column of a syntax error, and a cycle of extends, with exit 2', () => {
    const dir = notesFolder();
    writeFileSync(join(dir, 'notes/.groupnoterc.json'), '{\n  "rules": {\n    "diagnosis-missing" "off"\n  }\n}\n');
    const bad = run(dir, ['notes/2026']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\.groupnoterc\.json: is not valid JSON \(ColonExpected at line 3, column \d+\)/);
    writeFileSync(join(dir, 'a.json'), '{ "extends": "b.json" }');
    writeFileSync(join(dir, 'b.json'), '{ "extends": "a.json" }');
    const cycle = run(dir, ['--config', 'a.json', 'notes/2026']);
    expect(cycle.code).toBe(2);
    expect(cycle.stderr).toMatch(/extends itself in a cycle/);
  });
});

describe('--fix', () => {
  it('inserts the missing field skeleton and the diagnosis from the member\'s plan, writes the note, and reports what remains', () => {
    const dir = notesFolder();
    writeFileSync(join(dir, 'plans/C-101.md'), PLAN);
    const before = json(run(dir, ['--format', 'json', 'notes/2026', 'plans']).stdout).filter((f) => f.file === 'notes/2026/04-01.md');
    expect(before.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['treatment-plan-link-missing', 'diagnosis-missing']));
    const fixed = run(dir, ['--fix', 'notes/2026', 'plans']);
    expect(fixed.stdout).toMatch(/Fixed: \d+ insertions? in 1 file\./);
    const text = readFileSync(join(dir, 'notes/2026/04-01.md'), 'utf8');
    const lena = text.slice(text.indexOf('## Lena Park'), text.indexOf('## Omar Haddad'));
    for (const label of ['**Participation:**', '**Interventions:**', '**Response:**', '**Treatment plan:**', '**Plan:**', '**Diagnosis:** F43.23']) expect(lena).toContain(label);
    // Omar's section had every field: untouched; the shared text too
    expect(text.slice(text.indexOf('## Omar Haddad'))).toBe(NOTE.slice(NOTE.indexOf('## Omar Haddad')));
    const after = json(run(dir, ['--format', 'json', 'notes/2026', 'plans']).stdout).filter((f) => f.file === 'notes/2026/04-01.md');
    expect(after.map((f) => f.ruleId)).not.toContain('diagnosis-missing');
    // a second run has nothing safe left to do
    expect(run(dir, ['--fix', 'notes/2026', 'plans']).stdout).not.toMatch(/Fixed:/);
    expect(readFileSync(join(dir, 'notes/2026/04-01.md'), 'utf8')).toBe(text);
  });
});

describe('rule links that work away from this machine', () => {
  const schema = JSON.parse(readFileSync(new URL('./report/schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
  const ajv = new Ajv4({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema);

  it('SARIF validates against the OASIS SARIF 2.1.0 schema (errata 01), with helpUri at the repository at this version', () => {
    const r = run(root, ['--format', 'sarif', 'samples']);
    const log = JSON.parse(r.stdout);
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const rules = log.runs[0].tool.driver.rules as { id: string; helpUri: string }[];
    expect(rules.length).toBeGreaterThan(30);
    for (const rule of rules) expect(rule.helpUri).toBe(`${DEFAULT_DOCS_BASE_URL}docs/rules/${rule.id}.md`);
    expect(log.runs[0].tool.driver.informationUri).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).homepage);
    expect(DEFAULT_DOCS_BASE_URL).toMatch(/^https:\/\/github\.com\/[\w-]+\/groupnote-lint\/blob\/v\d+\.\d+\.\d+\/$/);
    expect(r.stdout).not.toContain(root);
  });

  it('the schema check is not vacuous: a log with a broken result fails it', () => {
    const log = JSON.parse(run(root, ['--format', 'sarif', 'samples']).stdout);
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('--docs-base-url moves JSON docs and SARIF helpUri to another base', () => {
    const base = 'https://intranet.clinic.example/groupnote-lint/';
    const findings = json(run(root, ['--format', 'json', '--docs-base-url', base, 'samples']).stdout);
    for (const f of findings) expect(f.docs).toBe(`${base}docs/rules/${f.ruleId}.md`);
    const log = JSON.parse(run(root, ['--format', 'sarif', '--docs-base-url', base, 'samples']).stdout);
    for (const rule of log.runs[0].tool.driver.rules) expect(rule.helpUri.startsWith(base)).toBe(true);
    expect(run(root, ['--docs-base-url', 'not a url', 'samples']).code).toBe(2);
  });
});
