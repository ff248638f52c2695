// The command-line tool, run as a user runs it: output formats, exit codes, bad input.

import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate as validateSchema } from './report/json-schema.js';
import { isFoundationRule, ONLY_FOUNDATION } from './rules/foundation.js';
import { useTempDirs } from './temp-dirs.js';
import { DEFAULT_DOCS_BASE_URL } from '../engine/version.js';

const root = new URL('..', import.meta.url).pathname;
const tempDir = useTempDirs();
const DOCS_BASE = DEFAULT_DOCS_BASE_URL;
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/groupnote-lint.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('groupnote-lint CLI', () => {
  it('prints JSON findings with the documented fields, paths as given, and exits 1 on errors', () => {
    const { code, stdout } = run('--format', 'json', 'test/fixtures/cli/leaky');
    expect(code).toBe(1);
    const findings = JSON.parse(stdout);
    const leak = findings.find((f: { ruleId: string }) => f.ruleId === 'other-member-identifier');
    expect(leak).toMatchObject({
      file: 'test/fixtures/cli/leaky/2026-04-01-dbt-skills.md',
      severity: 'error',
      line: 21,
      column: 88,
      endLine: 21,
      endColumn: 92,
      member: 'C-101',
      docs: `${DOCS_BASE}docs/rules/other-member-identifier.md`,
    });
    // the foundation rules exactly (the billing and documentation rules have tests of their own)
    expect(findings.filter((f: { ruleId: string }) => isFoundationRule(f.ruleId)).map((f: { ruleId: string; member: string }) => `${f.ruleId}:${f.member}`)).toEqual([
      'other-member-identifier:C-101',
      'treatment-plan-link-missing:C-102',
      'response-missing:C-102',
    ]);
    for (const f of findings) for (const key of ['file', 'ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'member']) expect(f).toHaveProperty(key);
  });

  it('exits 0 with no findings on a clean folder and skips non-group Markdown', () => {
    const { code, stdout } = run('test/fixtures/cli/clean');
    expect(code).toBe(0);
    expect(stdout).toContain('No problems found in 2 notes (1 group note).');
  });

  it('prints file:line:col severity rule message by default', () => {
    // only the foundation rules, so the summary counts what this test is about
    const config = join(tempDir('gnl-cfg-'), 'foundation.json');
    writeFileSync(config, JSON.stringify({ rules: ONLY_FOUNDATION }));
    const { stdout } = run('--config', config, 'test/fixtures/cli/leaky/2026-04-01-dbt-skills.md');
    expect(stdout).toMatch(/^test\/fixtures\/cli\/leaky\/2026-04-01-dbt-skills\.md:21:88 error other-member-identifier /m);
    expect(stdout).toMatch(/3 problems \(1 errors, 2 warnings, 0 info\) in 1 of 1 note \(1 group note\)/);
  });

  it('treats files matching --group-glob as group notes and derives members from headings', () => {
    expect(JSON.parse(run('--format', 'json', 'test/fixtures/cli/globbed').stdout)).toEqual([]);
    const { stdout, code } = run('--format', 'json', '--group-glob', 'week-*.md', 'test/fixtures/cli/globbed');
    expect(code).toBe(1);
    const findings = JSON.parse(stdout);
    expect(findings.filter((f: { ruleId: string }) => isFoundationRule(f.ruleId)).map((f: { ruleId: string; member: string }) => `${f.ruleId}:${f.member}`)).toEqual(['other-member-identifier:Client A']);
  });

  it('exits 2 on usage errors and missing files, and names the file without printing its text', () => {
    expect(run().code).toBe(2);
    expect(run('--format', 'xml', 'samples').code).toBe(2);
    const missing = run('no/such/folder');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/folder: no such file or folder');
  });

  it('reports binary and non-UTF-8 files, keeps checking the others, and exits 2', () => {
    const dir = tempDir('gnl-');
    writeFileSync(join(dir, 'a-binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    writeFileSync(join(dir, 'b-latin1.md'), Buffer.from('---\nnote: group-psychotherapy\n---\nJos\xe9 Mar\xeda', 'latin1'));
    writeFileSync(join(dir, 'c-empty.md'), '');
    writeFileSync(join(dir, 'd-note.md'), '---\nnote: group-psychotherapy\nmembers: [Ana Silva, Ben Cole]\n---\n## Ana Silva\n\nAsked Ben Cole for a ride. Goal 1.\n\n## Ben Cole\n\nOffered a ride. Felt useful. Goal 2.\n');
    const r = run('--format', 'json', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a-binary.md: looks like a binary file');
    expect(r.stderr).toContain('b-latin1.md: is not valid UTF-8');
    expect(r.stderr).not.toContain('Jos');
    expect(JSON.parse(r.stdout).map((f: { ruleId: string }) => f.ruleId)).toContain('other-member-identifier');
  });

  it('shows control characters from a note as escapes in the default format (no terminal injection)', () => {
    const dir = tempDir('gnl-ctl-');
    // a roster name with OSC 52 (clipboard), BEL, a carriage return, a bidi override and a C1 CSI
    const name = 'Ann\\e]52;c;aGk=\\aLee\\rX\\u202eY\\x9b2J';
    writeFileSync(join(dir, 'note\u001b[31m.md'), `---\nnote: group-psychotherapy\ncpt: 90853\nmembers:\n  - {id: A-1, name: "${name}"}\n  - {id: B-2, name: Bob Day}\n---\n\n## A-1\n\nTBD\n\n## B-2\n\nTBD\n`);
    const { stdout } = run(dir);
    expect(stdout).toContain('Ann\\u001b]52;c;aGk=\\u0007Lee\\u000dX\\u202eY\\u009b2J');
    expect(stdout).toContain('note\\u001b[31m.md:');
    // NO_COLOR: nothing but printable text and line feeds
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    // the JSON output keeps the name as it is (JSON escapes it)
    const findings = JSON.parse(run('--format', 'json', dir).stdout) as { message: string }[];
    expect(findings.some((f) => f.message.includes('Ann\u001b]52;c;aGk=\u0007Lee\rX\u202eY\u009b2J'))).toBe(true);
  });

  it('follows symbolic links in a folder: each note once, no loop, a dangling link named', () => {
    const dir = tempDir('gnl-links-');
    mkdirSync(join(dir, 'notes', 'sub'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    cpSync('test/fixtures/cli/leaky/2026-04-01-dbt-skills.md', join(dir, 'outside', 'leaky.md'));
    cpSync('test/fixtures/cli/clean/2026-03-04-anxiety-skills.md', join(dir, 'notes', 'clean.md'));
    symlinkSync('../outside/leaky.md', join(dir, 'notes', 'linked.md')); // a note kept elsewhere
    symlinkSync('clean.md', join(dir, 'notes', 'same.md')); // a second path to a note
    symlinkSync('..', join(dir, 'notes', 'sub', 'up')); // a loop
    symlinkSync('../outside', join(dir, 'notes', 'outdir')); // a folder kept elsewhere (holds linked.md's note)
    symlinkSync(join(dir, 'nowhere.md'), join(dir, 'notes', 'dangling.md'));
    const r = spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), 'notes'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('groupnote-lint: notes/dangling.md: is a symbolic link to nothing; not checked\n');
    expect(r.stdout).toContain('notes/linked.md:21:88 error other-member-identifier');
    expect(r.stdout).not.toContain('notes/outdir/');
    expect(r.stdout).toMatch(/in 1 of 2 notes \(2 group notes\)\.\n$/);
  });

  it('lists the rules', () => {
    const { stdout, code } = run('--list-rules');
    expect(code).toBe(0);
    for (const id of ['member-copy-paste', 'participation-missing', 'response-missing', 'treatment-plan-link-missing', 'other-member-identifier', 'frontmatter-invalid']) expect(stdout).toContain(id);
  });
});

describe('groupnote-lint export', () => {
  it('refuses to write member notes that identify other members, and writes them with --force', () => {
    const out = tempDir('gnl-export-');
    const refused = run('export', 'samples/anxiety-group/2026-03-11-anxiety-skills.md', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('3 of 4 member notes would identify other members; nothing written');
    expect(refused.stderr).not.toContain('returned after missing');
    const forced = run('export', 'samples/anxiety-group/2026-03-11-anxiety-skills.md', '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout.trim().split('\n')).toHaveLength(4);
    // never overwrites
    expect(run('export', 'samples/anxiety-group/2026-03-11-anxiety-skills.md', '--out', out, '--force').code).toBe(2);
  });

  it('writes one clean chart note per present member', () => {
    const out = tempDir('gnl-export-');
    const r = run('export', 'samples/anxiety-group/2026-03-04-anxiety-skills.md', '--out', out);
    expect(r.code).toBe(0);
    const files = r.stdout.trim().split('\n');
    expect(files).toHaveLength(3);
    const maria = readFileSync(files[0], 'utf8');
    expect(maria).toContain('## Maria Lopez');
    expect(maria).not.toContain("James O'Connor");
    expect(run('export').code).toBe(2);
  });

  it('writes nothing, even with --force, while a section cannot be attributed to a member, and says which', () => {
    const dir = tempDir('gnl-export-unattributed-');
    // Ben's disclosure under a misspelt heading, Cara's under "## Plan": exported, each would be in the others' charts
    const note = join(dir, 'note.md');
    writeFileSync(note, `---\nnote: group-psychotherapy\ncpt: 90853\ndate: 2026-03-04\nmembers:\n  - {id: "A-1", name: Ana Silva}\n  - {id: "B-2", name: Ben Cole}\n  - {id: "C-3", name: Cara Diaz}\n---\n\n## Ana Silva (A-1)\n\nDescribed the week.\n\n## Ben Coel\n\nDisclosed a positive HIV test.\n\n## Plan\n\nCara practised grounding.\n`);
    for (const force of [[], ['--force']]) {
      const r = run('export', note, '--out', join(dir, 'out'), ...force);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        [`${note}: the heading on line 15 names no one on the roster`, `${note}: Ben Cole is present but has no section of their own`, `${note}: Cara Diaz is present but has no section of their own`, `groupnote-lint export: ${note}: a section cannot be attributed to a member; nothing written (give every present member a section under a heading that names them)`, '']
          .join('\n'),
      );
      expect(r.stderr).not.toContain('HIV');
      expect(existsSync(join(dir, 'out'))).toBe(false);
    }
  });

  it('says clearly when --out is a file, a dangling symbolic link or under a file', () => {
    const dir = tempDir('gnl-export-out-');
    writeFileSync(join(dir, 'a-file'), 'x');
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    const note = 'samples/anxiety-group/2026-03-04-anxiety-skills.md';
    const cases: [string, string][] = [
      ['a-file', 'is not a folder'],
      ['dangling', 'is a symbolic link to nothing (a dangling link); give an existing folder or a new path'],
      ['a-file/sub', 'cannot be made: a file is in the way (ENOTDIR)'],
    ];
    for (const [out, why] of cases) {
      const r = run('export', note, '--out', join(dir, out));
      expect(r.code, out).toBe(2);
      expect(r.stderr).toBe(`groupnote-lint export: ${join(dir, out)}: ${why}; nothing written\n`);
      expect(r.stderr).not.toMatch(/internal/);
    }
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });
});

describe('groupnote-lint over a folder of notes', () => {
  it('adds cross-note findings (individual session overlapping the group) to the output', () => {
    const { stdout, code } = run('--format', 'json', 'samples');
    expect(code).toBe(1);
    const findings = JSON.parse(stdout) as { file: string; ruleId: string; line: number }[];
    expect(findings.filter((f) => f.ruleId === 'same-day-individual-overlap')).toMatchObject([{ file: 'samples/anxiety-group/individual/2026-03-11-MRN-20417.md', line: 1 }]);
  });

  it('--cache re-reads only changed files and gives the same findings', () => {
    const dir = tempDir('gnl-cache-');
    cpSync('test/fixtures/workspace', join(dir, 'notes'), { recursive: true });
    const cacheFile = join(dir, 'lint-cache');
    // whole seconds, so restoring the time below gives back exactly the same stamp
    const other = join(dir, 'notes/dbt/2026-04-15-dbt-evening-group.md');
    utimesSync(other, 1_700_000_000, 1_700_000_000);
    const first = spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--format', 'json', '--cache-location', cacheFile, 'notes'], { cwd: dir, encoding: 'utf8' });
    const cached = readFileSync(cacheFile);
    expect(cached.toString('latin1')).not.toContain('Described a conflict with her manager');
    const second = spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--format', 'json', '--cache-location', cacheFile, 'notes'], { cwd: dir, encoding: 'utf8' });
    expect(second.stdout).toBe(first.stdout);
    expect(JSON.parse(first.stdout).some((f: { ruleId: string }) => f.ruleId === 'member-note-cloned')).toBe(true);
    // change one file: its findings change, the rest come from the cache
    const note = join(dir, 'notes/dbt/2026-04-08-dbt-skills.md');
    writeFileSync(note, readFileSync(note, 'utf8').replace('**Participation:** Described a conflict with her manager about a schedule change', '**Participation:** Talked about Owen Tanaka and a conflict with her manager about a schedule change'));
    const thirdRun = spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--format', 'json', '--cache-location', cacheFile, 'notes'], { cwd: dir, encoding: 'utf8' });
    const third = JSON.parse(thirdRun.stdout) as { file: string; ruleId: string }[];
    expect(third.filter((f) => f.ruleId === 'other-member-identifier').map((f) => f.file)).toEqual(['notes/dbt/2026-04-08-dbt-skills.md']);
    // one changed entry went to the journal; the cache file was not rewritten
    expect(readFileSync(cacheFile).equals(cached)).toBe(true);
    const journal = readFileSync(`${cacheFile}.journal`);
    expect(journal.length).toBeLessThan(cached.length / 4);
    expect(journal.toString('latin1')).not.toContain('conflict with her manager');
    const uncached = spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--format', 'json', 'notes'], { cwd: dir, encoding: 'utf8' });
    expect(uncached.stdout).toBe(thirdRun.stdout);
    // cache file + journal give the same findings; so does a journal cut short by a stopped run
    const fourth = spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--format', 'json', '--cache-location', cacheFile, 'notes'], { cwd: dir, encoding: 'utf8' });
    expect(fourth.stdout).toBe(thirdRun.stdout);
    writeFileSync(`${cacheFile}.journal`, Buffer.concat([journal, journal.subarray(0, 40)]));
    const cut = spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--format', 'json', '--cache-location', cacheFile, 'notes'], { cwd: dir, encoding: 'utf8' });
    expect(cut.stdout).toBe(thirdRun.stdout);
    // a journal that grows past a quarter of the cache file is folded into it
    let runs = 0;
    while (existsSync(`${cacheFile}.journal`) && runs++ < 30) {
      appendFileSync(note, `\nAddendum ${runs}: reviewed.\n`);
      expect(spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--format', 'json', '--cache-location', cacheFile, 'notes'], { cwd: dir, encoding: 'utf8' }).status).toBe(1);
    }
    expect(existsSync(`${cacheFile}.journal`)).toBe(false);
    expect(readFileSync(cacheFile).equals(cached)).toBe(false);
    const folded = spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--format', 'json', '--cache-location', cacheFile, 'notes'], { cwd: dir, encoding: 'utf8' });
    expect(folded.stdout).toBe(spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--format', 'json', 'notes'], { cwd: dir, encoding: 'utf8' }).stdout);
    // a damaged record (here: its JSON) is checked again, with the same findings and a warning
    const damaged = readFileSync(cacheFile);
    const at = damaged.indexOf('{"findings":');
    expect(at).toBeGreaterThan(0);
    damaged.write(';', at + '{"findings"'.length, 'latin1');
    writeFileSync(cacheFile, damaged);
    const repaired = spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--format', 'json', '--cache-location', cacheFile, 'notes'], { cwd: dir, encoding: 'utf8' });
    expect(repaired.stderr).toBe(`groupnote-lint: warning: ${cacheFile}: the cache was damaged (the cache file failed its checksum; 1 record failed their checksum); those files were checked again\n`);
    expect(repaired.stdout).toBe(folded.stdout);
    // and the next run finds it repaired
    const clean = spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--format', 'json', '--cache-location', cacheFile, 'notes'], { cwd: dir, encoding: 'utf8' });
    expect(clean.stderr).toBe('');
    // same size and mtime, different text: the content hash in the key sees the new leak
    const original = readFileSync(other, 'utf8');
    const leaky = original.replace('the argument at the lake', 'Ivy Chen at the lake now');
    expect(leaky.length).toBe(original.length);
    writeFileSync(other, leaky);
    utimesSync(other, 1_700_000_000, 1_700_000_000);
    const stale = spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--format', 'json', '--cache-location', cacheFile, 'notes'], { cwd: dir, encoding: 'utf8' });
    expect(stale.stdout).not.toBe(clean.stdout);
    expect(stale.stdout).toBe(spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--format', 'json', 'notes'], { cwd: dir, encoding: 'utf8' }).stdout);
  });

  it('with --cache, a note with disable comments is checked each run and its comments still apply', () => {
    const dir = tempDir('gnl-cache-disable-');
    cpSync('test/fixtures/workspace', join(dir, 'notes'), { recursive: true });
    const cacheFile = join(dir, 'lint-cache');
    const lint = (...extra: string[]) => spawnSync(process.execPath, [join(root, 'bin/groupnote-lint.js'), '--format', 'json', ...extra, 'notes'], { cwd: dir, encoding: 'utf8' });
    const clones = (stdout: string) => (JSON.parse(stdout) as { file: string; ruleId: string }[]).filter((f) => f.ruleId === 'member-note-cloned').map((f) => f.file);
    const before = clones(lint().stdout);
    expect(before.length).toBeGreaterThan(0);
    const note = join(dir, before[0]);
    writeFileSync(note, `${readFileSync(note, 'utf8')}\n<!-- groupnote-disable-file member-note-cloned -- reviewed -->\n`);
    const uncached = lint();
    expect(clones(uncached.stdout)).not.toContain(before[0]);
    const cold = lint('--cache-location', cacheFile);
    const warm = lint('--cache-location', cacheFile);
    expect(cold.stdout).toBe(uncached.stdout);
    expect(warm.stdout).toBe(uncached.stdout);
  });

  it('shows no progress bar when stderr is not a terminal', () => {
    const r = run('samples');
    expect(r.stderr).toBe('');
  });
});

describe('machine formats and reports', () => {
  it('--format sarif is valid SARIF 2.1.0 with every finding', () => {
    const r = run('--format', 'sarif', 'samples');
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(new URL('./report/schemas/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'));
    expect(validateSchema(schema, sarif)).toEqual([]);
    const json = JSON.parse(run('--format', 'json', 'samples').stdout) as unknown[];
    expect(sarif.runs[0].results).toHaveLength(json.length);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('same-day-individual-overlap');
  });

  it('--format junit has one suite per file and a failure per finding', () => {
    const r = run('--format', 'junit', 'test/fixtures/cli/leaky');
    expect(r.stdout).toMatch(/^<\?xml/);
    const json = JSON.parse(run('--format', 'json', 'test/fixtures/cli/leaky').stdout) as unknown[];
    expect(json.length).toBeGreaterThan(0);
    expect((r.stdout.match(/<failure /g) ?? []).length).toBe(json.length);
    expect((r.stdout.match(/<testsuite /g) ?? []).length).toBe(1);
  });

  it('--report writes a self-contained HTML page and a CSV, with the fee schedule applied', () => {
    const dir = tempDir('gnl-report-');
    const fees = join(dir, 'fees.json');
    writeFileSync(fees, '{"90853": 30}');
    const r = run('--report', join(dir, 'audit.html'), '--report', join(dir, 'audit.csv'), '--fee-schedule', fees, 'samples');
    expect(r.code).toBe(1);
    const html = readFileSync(join(dir, 'audit.html'), 'utf8');
    expect(html).toMatch(/Content-Security-Policy/);
    // rule names link to their pages in the repository (links a reader may follow, nothing loaded)
    const ruleLinks = new RegExp(`<a href="${DOCS_BASE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}docs/rules/[\\w-]+\\.md">`, 'g');
    expect(html).toMatch(ruleLinks);
    expect(html.replace(ruleLinks, '')).not.toMatch(/<script[^>]+src=|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain('$30.00');
    const csv = readFileSync(join(dir, 'audit.csv'), 'utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe('file,line,column,severity,ruleId,member,clinician,date,message');
    expect(csv.length - 1).toBe((JSON.parse(run('--format', 'json', 'samples').stdout) as unknown[]).length);
    expect(run('--report', join(dir, 'audit.txt'), 'samples').code).toBe(2);
  });
});

describe('treatment plans in a folder', () => {
  it('checks members\' diagnoses against their plans found in the folder (diagnosis-plan-mismatch)', () => {
    const dir = tempDir('gnl-plans-');
    cpSync('samples/anxiety-group', join(dir, 'anxiety-group'), { recursive: true });
    const note = join(dir, 'anxiety-group/2026-03-04-anxiety-skills.md');
    const quiet = JSON.parse(run('--format', 'json', dir).stdout) as { ruleId: string }[];
    expect(quiet.filter((f) => f.ruleId === 'diagnosis-plan-mismatch')).toEqual([]);
    // Maria's section now gives a diagnosis her plan (F41.0) does not list
    writeFileSync(note, readFileSync(note, 'utf8').replace('(panic disorder, F41.0)', '(generalized anxiety disorder, F41.1)'));
    const found = JSON.parse(run('--format', 'json', dir).stdout) as { ruleId: string; member: string; file: string }[];
    expect(found.filter((f) => f.ruleId === 'diagnosis-plan-mismatch').map((f) => f.member)).toEqual(['MRN-20417']);
  });

  it('with --cache, reads a changed plan again and finds a plan in a new file', () => {
    const dir = tempDir('gnl-plans-cache-');
    cpSync('samples/anxiety-group', join(dir, 'anxiety-group'), { recursive: true });
    const plan = join(dir, 'anxiety-group/plans/MRN-20417.md');
    const planText = readFileSync(plan, 'utf8');
    const cacheFile = join(dir, 'lint-cache');
    const mismatches = () =>
      (JSON.parse(run('--format', 'json', '--cache-location', cacheFile, dir).stdout) as { ruleId: string; member: string }[])
        .filter((f) => f.ruleId === 'diagnosis-plan-mismatch')
        .map((f) => f.member);
    expect(mismatches()).toEqual([]);
    expect(mismatches()).toEqual([]); // all from the cache
    // the plan now lists another diagnosis than the one in Maria's section
    writeFileSync(plan, planText.replace('F41.0', 'F41.1'));
    expect(mismatches()).toEqual(['MRN-20417']);
    // moved to a new file (the old one removed): found as a new plan, matching again
    rmSync(plan);
    writeFileSync(join(dir, 'anxiety-group/plans/maria.md'), planText);
    expect(mismatches()).toEqual([]);
  });
});
