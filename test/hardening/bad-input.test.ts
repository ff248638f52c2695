// Bad input: broken YAML, frontmatter values of the wrong type, binary files, a 10 MB note, 5,000
// members, deeply nested lists, an empty file, invalid UTF-8. The engine gives a clear finding,
// or the CLI a clear error naming the file; the CLI goes on with the other files and exits 2 when
// something could not be checked; the server keeps serving other files. Nothing here asserts a
// time: the tests only must not hang (generous timeouts).

import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintText, type Finding } from '../../engine/index.js';
import { parsePlan } from '../../engine/facts/plans.js';
import { repoRoot, sampleFiles } from './generators.js';
import { LspClient, serverPath } from '../lsp-client.js';
import { useTempDirs } from '../temp-dirs.js';

const tempDir = useTempDirs();
const sample = readFileSync(sampleFiles.find((f) => f.includes('relapse-prevention'))!, 'utf8');
const body = `
## Ana Silva

Described a fight with her landlord; rated distress 8/10 before and 4/10 after. Goal 1.1.

## Ben Cole

Offered a ride home. Said he felt useful for the first time in weeks. Goal 2.1.
`;
const withFrontmatter = (yaml: string) => `---\nnote: group-psychotherapy\ncpt: 90853\ndate: 2026-03-04\n${yaml}\n---\n${body}`;

function manyMembers(n: number): string {
  const roster = Array.from({ length: n }, (_, i) => `  - {id: "${10000 + i}", name: "Name${i} Last${i}"}`).join('\n');
  const sections = Array.from({ length: n }, (_, i) => `## Name${i} Last${i}\n\nDescribed a conflict with Name${(i + 1) % n} at work; rated distress ${i % 10}/10 then 3/10 after. Goal 1.1.\n`).join('\n');
  return `---\nnote: group-psychotherapy\ncpt: 90853\ndate: 2026-03-04\nmembers:\n${roster}\n---\n\n${sections}`;
}

const deepList = (levels: number) => withFrontmatter('members: [Ana Silva, Ben Cole]') + `\n${'- '.repeat(levels)}deep item\n`;
const deepIndent = (levels: number) => withFrontmatter('members: [Ana Silva, Ben Cole]') + '\n' + Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n') + '\n';
const deepQuote = (levels: number) => withFrontmatter('members: [Ana Silva, Ben Cole]') + `\n${'> '.repeat(levels)}quoted\n`;
const manyHeadings = (n: number) => withFrontmatter('') + '\n' + '## a\n'.repeat(n);
/** A note of at least `bytes`: the sample's member sections repeated. */
function hugeNote(bytes: number): string {
  const end = sample.indexOf('\n---', 4) + 4;
  let text = sample.slice(0, end);
  const rest = sample.slice(end);
  while (text.length < bytes) text += rest;
  return text;
}

/** Lets the vitest worker answer its RPC between long synchronous checks. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

const ruleFindings = (text: string, ruleId: string): Finding[] => lintText(text).findings.filter((f) => f.ruleId === ruleId);

describe('engine on bad input', () => {
  it('reports broken YAML with its line, and still checks the note', () => {
    const text = '---\nnote: group-psychotherapy\nmembers: [Zelda Quist\n---\n## Zelda Quist\n\nDescribed things.\n';
    const [problem] = ruleFindings(text, 'frontmatter-invalid');
    expect(problem.message).toMatch(/^Frontmatter is not valid YAML \(.+, line \d+ of the frontmatter\)/);
    expect(problem.message).not.toContain('Zelda');
  });

  it('reports frontmatter values of the wrong type', () => {
    expect(ruleFindings(withFrontmatter('members: 5'), 'frontmatter-invalid').map((f) => f.message)).toEqual(['`members` must be a list of members (each with id and name).']);
    expect(ruleFindings(withFrontmatter('members: "Ana Silva"'), 'frontmatter-invalid').map((f) => f.message)).toEqual(['`members` must be a list of members (each with id and name).']);
    expect(ruleFindings(withFrontmatter('members: {a: 1}'), 'frontmatter-invalid').map((f) => f.message)).toEqual(['`members` must be a list of members (each with id and name).']);
    expect(ruleFindings(withFrontmatter('members: [1, null, {}]'), 'frontmatter-invalid').map((f) => f.message)).toEqual([
      'Member 2 in `members` has neither a name nor an id.',
      'Member 3 in `members` has neither a name nor an id.',
    ]);
    expect(ruleFindings(withFrontmatter('members:\n  - {name: [a, b], id: {x: 1}, aliases: 5}'), 'frontmatter-invalid').map((f) => f.message)).toEqual(['Member 1 in `members` has neither a name nor an id.']);
    const date = withFrontmatter('').replace('date: 2026-03-04', 'date: [a]');
    expect(ruleFindings(date, 'session-date-invalid').map((f) => f.message)).toEqual(['The date of service cannot be read as a real date. Write it as YYYY-MM-DD, e.g. `date: 2026-03-04`.']);
    const times = withFrontmatter('start: [1]\nend: {a: 1}');
    expect(ruleFindings(times, 'session-time-invalid').map((f) => f.message)).toEqual([
      'The start time cannot be read as a time of day. Write it as "14:00" or "2:00 PM" (quoted in the frontmatter).',
      'The end time cannot be read as a time of day. Write it as "14:00" or "2:00 PM" (quoted in the frontmatter).',
    ]);
    const coding = withFrontmatter('modifiers: {a: b}\npos: [1]\nsetting: 5');
    expect(ruleFindings(coding, 'telehealth-coding-invalid').map((f) => f.message)).toHaveLength(3);
  });

  it('does not throw on other odd types (cpt as a map, note as a list, facilitator as a map)', () => {
    for (const yaml of ['cpt: {x: 1}', 'note: [group]', 'facilitator: {x: 1}\nco-facilitator: [1, [2]]', 'members: [[x]]', 'date: {y: 2026}', 'members:\n  - name: &a A\n    aliases: [*a, *a]', '? [a, b]\n: c']) {
      const result = lintText(`---\n${yaml}\n---\n${body}`, { forceGroupNote: true });
      expect(result.isGroupNote).toBe(true);
      for (const f of result.findings) expect(f.endOffset).toBeLessThanOrEqual(result.note.text.length);
    }
    // a map where the code should be does not make a group note of a file that is not one
    expect(lintText(`---\ncpt: {x: 1}\n---\n${body}`).isGroupNote).toBe(false);
  });

  it('reports an alias bomb in the frontmatter as frontmatter-invalid, in notes and treatment plans', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
    const result = lintText(withFrontmatter(`members: [Ana Silva, Ben Cole]\n${bomb}`));
    expect(result.isGroupNote).toBe(true);
    expect(result.findings.filter((f) => f.ruleId === 'frontmatter-invalid').map((f) => f.message)).toEqual([
      'Frontmatter repeats its aliases (*name) too often to be read (they would expand to a huge value); roster and session fields could not be read.',
    ]);
    expect(parsePlan(`---\nnote: treatment-plan\npatient: P-1\n${bomb}\n---\n# Plan\n`)).toBeNull();
  });

  it('reads U+2028 and U+2029 as line breaks: a note written with them gives the findings of its LF twin', () => {
    for (const file of sampleFiles) {
      const lf = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      const expected = lintText(lf);
      if (!expected.isGroupNote) continue; // individual notes and plans in the samples
      for (const separator of ['\u2028', '\u2029']) {
        const result = lintText(lf.replace(/\n/g, separator));
        expect(result.isGroupNote, file).toBe(true);
        // the same length, so the same offsets (positions differ: LSP ends lines at CR and LF only)
        expect(result.findings.map((f) => [f.ruleId, f.startOffset, f.endOffset, f.message])).toEqual(expected.findings.map((f) => [f.ruleId, f.startOffset, f.endOffset, f.message]));
      }
    }
  });

  it('reads a note and a treatment plan written with CR line endings (old Mac) as their LF twins', () => {
    const plan = sampleFiles.find((f) => /[/\\]plans[/\\]/.test(f))!;
    const lfPlan = readFileSync(plan, 'utf8').replace(/\r\n?/g, '\n');
    expect(parsePlan(lfPlan.replace(/\n/g, '\r'))).toEqual(parsePlan(lfPlan));
    const goal = `${withFrontmatter('members: [Ana Silva, Ben Cole]')}\n## Ana Silva\n\nTold the group about the eviction letter. Works on her ISP\nobjective: keep the flat through the winter.\n`;
    const pick = (t: string) => lintText(t).findings.filter((f) => f.ruleId === 'treatment-plan-link-missing').map((f) => [f.startOffset, f.message]);
    expect(pick(goal.replace(/\n/g, '\r'))).toEqual(pick(goal));
  });

  it('an empty file, a lone fence and whitespace are not group notes; forced, they check without throwing', () => {
    for (const text of ['', '---', '---\n---\n', '\ufeff', '\n\n\n', '\r\r\r', ' \t ']) {
      expect(lintText(text).findings).toEqual([]);
      expect(() => lintText(text, { forceGroupNote: true })).not.toThrow();
    }
  });

  it('checks binary-looking text without throwing', () => {
    const bytes = Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919) % 256));
    for (const text of [bytes.toString('latin1'), bytes.toString('utf8'), '\u0000'.repeat(5000), withFrontmatter('') + bytes.toString('latin1')]) {
      expect(() => lintText(text, { forceGroupNote: true })).not.toThrow();
    }
  });

  it('reads no roster of 5,000 members and no 5,000 member sections, and says why', () => {
    const result = lintText(manyMembers(5000));
    const messages = result.findings.filter((f) => f.ruleId === 'frontmatter-invalid').map((f) => f.message);
    expect(messages).toContain("`members` lists 5000 entries; a roster of more than 100 is not one group session, so it was not read. List only this session's members.");
    expect(messages.some((m) => /^The note has (?:5000 headings|sections for 5000 members)/.test(m))).toBe(true);
    expect(result.note.sections).toEqual([]);
  }, 300_000);

  it('still reads a large but plausible group (40 members)', () => {
    const result = lintText(manyMembers(40));
    expect(result.note.roster).toHaveLength(40);
    expect(result.note.sections).toHaveLength(40);
    expect(result.findings.filter((f) => f.ruleId === 'frontmatter-invalid')).toEqual([]);
  }, 120_000);

  it('gives up on member sections when a note has more than 1,000 headings', () => {
    const result = lintText(manyHeadings(2000));
    expect(result.findings.filter((f) => f.ruleId === 'frontmatter-invalid').map((f) => f.message)).toContain(
      "The note has 2002 headings; a note with more than 1000 is not split into member sections, so no member's section was checked. Write one note per session.",
    );
    expect(result.note.sections).toEqual([]);
  }, 300_000);

  it('checks deeply nested lists and quotes (5,000 levels) with offsets intact', async () => {
    for (const text of [deepList(5000), deepQuote(5000), deepIndent(800), `${withFrontmatter('')}\n${'1. '.repeat(5000)}x\n`, `${withFrontmatter('')}\n${'- > '.repeat(3000)}x\n`]) {
      await tick();
      const result = lintText(text);
      expect(result.isGroupNote).toBe(true);
      for (const f of result.findings) expect(f.endOffset).toBeLessThanOrEqual(text.length);
      // the member sections around the deep list are still found
      expect(result.note.sections.map((s) => s.member.name)).toEqual(['Ana Silva', 'Ben Cole']);
    }
  }, 300_000);

  it('keeps thematic breaks and YAML as written when a line has a long prefix', () => {
    const text = withFrontmatter('members: [Ana Silva, Ben Cole]').replace('## Ben Cole', `${'- '.repeat(60)}-\n\n## Ben Cole`);
    const result = lintText(text);
    // the long "- - - ... -" line is still a thematic break: it ends Ana's section
    const ana = result.note.sections.find((s) => s.member.name === 'Ana Silva')!;
    expect(text.slice(ana.end, ana.end + 3)).toBe('- -');
  });
});

// ---------------------------------------------------------------------------------------------
// CLI

function cli(args: string[], timeoutMs = 600_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/groupnote-lint.js'), ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('CLI on a folder of bad files', () => {
  const dir = tempDir('groupnote-bad-');
  const notes = join(dir, 'notes');
  const files: Record<string, string | Buffer> = {
    'a-good.md': sample,
    'broken-yaml.md': '---\nnote: group-psychotherapy\nmembers: [Zelda Quist\n---\n## Zelda Quist\n\nDescribed things.\n',
    'members-number.md': withFrontmatter('members: 5'),
    'members-mixed.md': withFrontmatter('members: [1, null, {}]'),
    'date-list.md': withFrontmatter('').replace('date: 2026-03-04', 'date: [a]'),
    'cpt-map.md': withFrontmatter('').replace('cpt: 90853', 'cpt: {x: 1}'),
    'binary.md': Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256))]),
    'invalid-utf8.md': Buffer.concat([Buffer.from(withFrontmatter('members: [Ana Silva, Ben Cole]')), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xa0, 0xa1])]),
    'empty.md': '',
    'huge.md': hugeNote(10 * 1024 * 1024),
    'many-members.md': manyMembers(5000),
    'deep-list.md': deepList(5000),
    'z-good.md': sample.replace(/Teresa/g, 'a peer'),
  };

  beforeAll(() => {
    mkdirSync(notes);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(notes, name), content);
  });

  it('names each file it could not read, checks all the others, and exits 2', async () => {
    const { code, stdout, stderr } = await cli(['--format', 'json', notes]);
    expect(code).toBe(2);
    const errors = stderr.trim().split('\n');
    expect(errors).toEqual([
      `groupnote-lint: ${join(notes, 'binary.md')}: looks like a binary file (contains NUL bytes); not checked`,
      `groupnote-lint: ${join(notes, 'huge.md')}: larger than 1 MB; not a note`,
      `groupnote-lint: ${join(notes, 'invalid-utf8.md')}: is not valid UTF-8; save it as UTF-8 to check it`,
    ]);
    const findings = JSON.parse(stdout) as { file: string; ruleId: string; message: string }[];
    const checked = new Set(findings.map((f) => f.file.slice(notes.length + 1)));
    for (const name of ['a-good.md', 'broken-yaml.md', 'members-number.md', 'members-mixed.md', 'date-list.md', 'many-members.md', 'z-good.md']) expect(checked, name).toContain(name);
    const messages = (name: string) => findings.filter((f) => f.file.endsWith(`/${name}`)).map((f) => `${f.ruleId}: ${f.message}`);
    expect(messages('broken-yaml.md').some((m) => m.startsWith('frontmatter-invalid: Frontmatter is not valid YAML'))).toBe(true);
    expect(messages('members-number.md')).toContain('frontmatter-invalid: `members` must be a list of members (each with id and name).');
    expect(messages('many-members.md').some((m) => m.includes('lists 5000 entries'))).toBe(true);
    expect(messages('date-list.md').some((m) => m.startsWith('session-date-invalid: The date of service cannot be read'))).toBe(true);
  }, 900_000);

  it('says how many notes it checked in the default format, after the same errors', async () => {
    const { code, stdout, stderr } = await cli([notes]);
    expect(code).toBe(2);
    expect(stderr).toContain('binary.md: looks like a binary file');
    expect(stdout).toMatch(/in \d+ of 10 notes \(\d+ group notes\)\.\n$/);
  }, 900_000);

  it('exits 0 on an empty file alone, and 2 on a missing file named among good ones', async () => {
    const empty = await cli([join(notes, 'empty.md')]);
    expect(empty).toMatchObject({ code: 0, stderr: '' });
    expect(empty.stdout).toContain('No problems found in 1 note (0 group notes).');
    const missing = await cli(['--format', 'json', join(notes, 'z-good.md'), join(notes, 'nope.md')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`groupnote-lint: ${join(notes, 'nope.md')}: no such file or folder\n`);
    expect(JSON.parse(missing.stdout).length).toBeGreaterThan(0);
  }, 300_000);
});

// ---------------------------------------------------------------------------------------------
// Server

describe('language server on bad input', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = new LspClient(serverPath);
    await client.start({ textDocument: { diagnostic: { dynamicRegistration: false } } });
  }, 60_000);
  afterAll(async () => {
    await client?.close();
  });

  const diagnose = (uri: string) => client.request<{ kind: string; items: { code: string; message: string }[] }>('textDocument/diagnostic', { textDocument: { uri } }, 600_000);

  it('answers for every bad document and keeps serving the others', async () => {
    const bad: Record<string, string> = {
      'broken-yaml.md': '---\nnote: group-psychotherapy\nmembers: [Zelda Quist\n---\n## Zelda Quist\n\nDescribed things.\n',
      'wrong-types.md': withFrontmatter('members: [1, null, {}]\nstart: [1]'),
      'binary.md': Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
      'invalid-utf8.md': Buffer.concat([Buffer.from(withFrontmatter('')), Buffer.from([0xc3, 0x28, 0xff])]).toString('utf8'),
      'empty.md': '',
      'huge.md': hugeNote(10 * 1024 * 1024),
      'many-members.md': manyMembers(5000),
      'deep-list.md': deepList(5000),
    };
    for (const [name, text] of Object.entries(bad)) {
      const uri = pathToFileURL(join(tmpdir(), 'groupnote-bad-server', name)).toString();
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const report = await diagnose(uri);
      expect(report.kind, name).toBe('full');
      if (name === 'broken-yaml.md') expect(report.items.map((d) => d.code)).toContain('frontmatter-invalid');
      if (name === 'huge.md') expect(report.items).toEqual([]);
      if (name === 'many-members.md') expect(report.items.some((d) => d.message.includes('lists 5000 entries'))).toBe(true);
      // hover and code lenses on the same document still answer
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 2 } }, 600_000);
      await client.request('textDocument/codeLens', { textDocument: { uri } }, 600_000);
    }
    const good = pathToFileURL(join(tmpdir(), 'groupnote-bad-server', 'good.md')).toString();
    client.notify('textDocument/didOpen', { textDocument: { uri: good, languageId: 'markdown', version: 1, text: sample } });
    expect((await diagnose(good)).items.map((d) => d.code)).toContain('other-member-identifier');
    expect(client.alive).toBe(true);
    // the size limit is logged once, with the size and no text
    const logs = client.notifications.filter((m) => m.method === 'window/logMessage').map((m) => (m.params as { message: string }).message);
    expect(logs.filter((m) => m.includes('over the 1 MB limit'))).toEqual(['groupnote-lint: a document of 10.0 MB is over the 1 MB limit for a note; not checked']);
    expect(logs.filter((m) => /could not check|unexpected/.test(m))).toEqual([]);
    expect(client.stderr).toBe('');
  }, 1_200_000);

  it('cuts a note nested 16 levels deep on 2,000 lines off at the parse budget, as it is typed in, and answers for other notes', async () => {
    const text = withFrontmatter('members: [Ana Silva, Ben Cole]') + `\n${'> - '.repeat(16)}x\n`.repeat(2000);
    const uri = pathToFileURL(join(tmpdir(), 'groupnote-bad-server', 'nested.md')).toString();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const lines = text.split('\n').length;
    // keystrokes at the end of the note, each re-checked
    for (let version = 2; version <= 6; version++) {
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: lines - 1, character: 0 }, end: { line: lines - 1, character: 0 } }, text: 'y' }] });
    }
    const report = await diagnose(uri);
    expect(report.items.filter((d) => d.code === 'frontmatter-invalid' && d.message.startsWith("The note's Markdown is too complex to read in full"))).toHaveLength(1);
    const good = pathToFileURL(join(tmpdir(), 'groupnote-bad-server', 'good-after-nested.md')).toString();
    client.notify('textDocument/didOpen', { textDocument: { uri: good, languageId: 'markdown', version: 1, text: sample } });
    expect((await diagnose(good)).items.map((d) => d.code)).toContain('other-member-identifier');
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 2 } }, 600_000);
    expect(client.alive).toBe(true);
    expect(client.stderr).toBe('');
  }, 1_200_000);
});
