// PHI safety. Notes hold unique marker names and marker words; the server runs with full tracing
// ($/setTrace verbose, debug environment variables) and the CLI in every format, with errors and
// crash paths (a preload makes the engine throw errors whose message holds a marker name). No log,
// trace, stderr, error reply or crash output may contain a marker. The CLI's stdout names members
// in messages by design, but never holds note body text. A second preload blocks and records every
// network API: the engine, the server and the CLI must try none.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deserialize } from 'node:v8';
import { build } from 'esbuild';
import { englishDictionary } from '../../scripts/package-meta.mjs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './generators.js';
import { LspClient, serverPath } from '../lsp-client.js';
import { useTempDirs } from '../temp-dirs.js';

const tempDir = useTempDirs();
const NO_NETWORK = join(repoRoot, 'test/hardening/preload/no-network.cjs');
const THROW_WITH_TEXT = join(repoRoot, 'test/hardening/preload/throw-with-text.cjs');

/** Identifiers: may appear in CLI stdout and diagnostics by design, never in logs or errors. */
const NAMES = ['Zyxquorth', 'Vembledon', 'Quillantha', 'Brisbo', 'Ostrovane', 'Plimkett', '71001', '201-9988', 'zyx.vem'];
/** Note body text: may appear nowhere outside the note (and its own exports). */
const BODY = ['plumfrozzle', 'vexaldrin', 'snorblatt', 'grelkish'];

const markerNote = `---
note: group-psychotherapy
cpt: 90853
date: 2026-03-04
start: "14:00"
end: "15:30"
setting: in-person
pos: 11
facilitator: Dana Whitfield, LCSW
members:
  - {id: "MRN-71001", name: Zyxquorth Vembledon, phone: "555-201-9988", email: zyx.vem@example.org}
  - {id: "MRN-71002", name: Quillantha Brisbo}
  - {id: "MRN-71003", name: Ostrovane Plimkett}
---

Topic: coping with the plumfrozzle season. 3 of 3 members present.

## Zyxquorth Vembledon (MRN-71001)

**Participation:** Zyxquorth described the plumfrozzle incident at the vexaldrin bakery and argued with Quillantha Brisbo about the grelkish kettle.

**Response:** Rated distress 8/10 before and 4/10 after; said the snorblatt exercise "made it feel doable."

**Treatment plan:** Goal 1.2.

## Quillantha Brisbo (MRN-71002)

**Participation:** Described the plumfrozzle incident at the vexaldrin bakery and argued with a peer about the grelkish kettle.

**Response:** Asked Zyxquorth to call her at 555-201-9988 or zyx.vem@example.org after the snorblatt exercise. [insert plumfrozzle detail]

## Ostrovane Plimkett (MRN-71003)

**Participation:** Was present and participated appropriately in group discussion.

**Response:** TBD

Signed: Dana Whitfield, LCSW, 2026-03-04 16:05
`;

const leaks = (text: string, markers: string[]) => markers.filter((m) => text.toLowerCase().includes(m.toLowerCase()));

function makeFolder(): string {
  const dir = tempDir('groupnote-phi-');
  const notes = join(dir, 'notes');
  mkdirSync(notes);
  writeFileSync(join(notes, '2026-03-04-group.md'), markerNote);
  writeFileSync(join(notes, '2026-03-04-copy.md'), markerNote.replace('2026-03-04', '2026-03-11'));
  writeFileSync(join(notes, 'binary.md'), Buffer.from('\0\0\0Zyxquorth plumfrozzle\0', 'latin1'));
  writeFileSync(join(notes, 'latin1.md'), Buffer.from('---\nnote: group\n---\n## Zyxquorth Vembl\xe9don\n\nplumfrozzle \xff\n', 'latin1'));
  writeFileSync(join(notes, 'broken.md'), '---\nnote: group-psychotherapy\nmembers: [Zyxquorth Vembledon, {name: Quillantha plumfrozzle\n---\n## Zyxquorth Vembledon\n\nplumfrozzle.\n');
  mkdirSync(join(dir, 'bad-config'));
  writeFileSync(join(dir, 'bad-config', '.groupnoterc.json'), '{"rules": {"no-such-rule": "loud"}, "copyPasteSimilarity": "high"');
  writeFileSync(join(dir, 'bad-config', 'note.md'), markerNote);
  return dir;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  network: string;
}

function node(args: string[], options: { preload?: string[]; env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  const netlog = join(tempDir('groupnote-net-'), 'net.log');
  const preload = [NO_NETWORK, ...(options.preload ?? [])].flatMap((p) => ['--require', p]);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...preload, ...args], { cwd: options.cwd ?? repoRoot, env: { ...process.env, NO_COLOR: '1', GROUPNOTE_NETLOG: netlog, DEBUG: '*', ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error('timed out'))), 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, network: existsSync(netlog) ? readFileSync(netlog, 'utf8') : '' });
    });
  });
}

const cli = (args: string[], options?: Parameters<typeof node>[1]) => node([join(repoRoot, 'bin/groupnote-lint.js'), ...args], options);

describe('network: the preload detects what it must', () => {
  it('records and blocks a connection attempt', async () => {
    const run = await node(['-e', "try { require('node:net').connect(9, '127.0.0.1') } catch {} try { require('node:dns').lookup('example.org', () => {}) } catch {} fetch('http://127.0.0.1:9').catch(() => {})"]);
    expect(run.network.trim().split('\n')).toEqual(['net.connect', 'dns.lookup', 'fetch']);
  });
});

describe('CLI: no marker in errors, no note text in output, no network', () => {
  const dir = makeFolder();
  const notes = join(dir, 'notes');

  for (const format of ['stylish', 'json', 'sarif', 'junit']) {
    it(`--format ${format}, with unreadable files among the notes`, async () => {
      const run = await cli(['--format', format, notes]);
      expect(run.code).toBe(2);
      expect(run.network).toBe('');
      expect(leaks(run.stderr, [...NAMES, ...BODY])).toEqual([]);
      expect(leaks(run.stdout, BODY)).toEqual([]);
      // names do appear in messages, by design: the check above is not vacuous
      expect(run.stdout).toContain('Quillantha Brisbo');
    }, 300_000);
  }

  it('reports (.html, .csv) and the --cache file hold no note text', async () => {
    const out = tempDir('groupnote-phi-report-');
    for (const report of ['report.html', 'report.csv']) {
      const run = await cli(['--format', 'json', '--report', join(out, report), '--cache-location', join(out, 'lint-cache'), join(notes, '2026-03-04-group.md')]);
      expect(run.network).toBe('');
      expect(leaks(run.stderr, [...NAMES, ...BODY])).toEqual([]);
      expect(leaks(readFileSync(join(out, report), 'utf8'), BODY)).toEqual([]);
    }
    // the cache keeps findings (which name members) and hashes, never the notes' text
    // after the file's first line ("groupnote-lint cache") and its 20-byte checksum
    const bytes = readFileSync(join(out, 'lint-cache'));
    const cache = deserialize(bytes.subarray(bytes.indexOf(10) + 1 + 20)) as { entries: Map<string, unknown> };
    expect(cache.entries.size).toBe(1);
    const cached = JSON.stringify(cache, (_key, value: unknown) => (value instanceof Map ? [...value] : ArrayBuffer.isView(value) ? '(numbers)' : value));
    expect(cached).toContain('Quillantha Brisbo');
    expect(leaks(cached, BODY)).toEqual([]);
  }, 300_000);

  it('a broken configuration file, a usage error and a missing file name no marker', async () => {
    const config = await cli(['--format', 'json', join(dir, 'bad-config')]);
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('.groupnoterc.json');
    expect(leaks(config.stderr, [...NAMES, ...BODY])).toEqual([]);
    const usage = await cli(['--format', 'no-such-format', notes]);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    const missing = await cli([join(notes, 'nope.md')]);
    expect(missing.code).toBe(2);
    for (const run of [config, usage, missing]) expect(run.network).toBe('');
  }, 300_000);

  it('export writes member notes but prints no note text', async () => {
    const out = tempDir('groupnote-phi-export-');
    const refused = await cli(['export', join(notes, '2026-03-04-group.md'), '--out', join(out, 'refused')]);
    expect(refused.code).toBe(1);
    expect(leaks(refused.stdout + refused.stderr, BODY)).toEqual([]);
    const run = await cli(['export', join(notes, '2026-03-04-group.md'), '--out', out, '--force']);
    expect(run.network).toBe('');
    expect(leaks(run.stdout + run.stderr, BODY)).toEqual([]);
    expect(readdirSync(out).length).toBeGreaterThan(0);
  }, 300_000);

  it('crash path: an engine error whose message holds a name is reported by kind only', async () => {
    for (const format of ['stylish', 'json', 'sarif', 'junit']) {
      const run = await cli(['--format', format, join(notes, '2026-03-04-group.md'), join(notes, '2026-03-04-copy.md')], { preload: [THROW_WITH_TEXT] });
      // each note is named as not checked, and the run goes on to the next one
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        ['2026-03-04-group.md', '2026-03-04-copy.md']
          .map((name) => `groupnote-lint: ${join(notes, name)}: could not be checked (internal Error); no note text is shown\n`)
          .join(''),
      );
      expect(run.network).toBe('');
      expect(leaks(run.stderr, [...NAMES, ...BODY])).toEqual([]);
      expect(leaks(run.stdout, BODY)).toEqual([]);
      expect(run.stdout + run.stderr).not.toMatch(/cannot lower-case/);
    }
  }, 300_000);
});

describe('engine: no network while linting, exporting and indexing', () => {
  it('opens no connection', async () => {
    const dir = tempDir('groupnote-phi-engine-');
    const entry = join(dir, 'driver.ts');
    const notes = JSON.stringify(makeFolder());
    writeFileSync(
      entry,
      `import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from ${JSON.stringify(join(repoRoot, 'engine/index.ts'))};
import { exportMemberNotes } from ${JSON.stringify(join(repoRoot, 'engine/editor/export.ts'))};
import { WorkspaceIndex } from ${JSON.stringify(join(repoRoot, 'engine/workspace/index.ts'))};
const dir = join(${notes}, 'notes');
const index = new WorkspaceIndex();
let findings = 0;
for (const name of readdirSync(dir)) {
  const text = readFileSync(join(dir, name), 'utf8');
  findings += lintText(text).findings.length;
  exportMemberNotes(text);
  index.update(join(dir, name), '1', text);
}
index.crossNoteFindings({ severity: (_p, _r, s) => s });
console.log(findings);
`,
    );
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'driver.js'), logLevel: 'silent', nodePaths: [join(repoRoot, 'node_modules')], plugins: [englishDictionary] });
    const run = await node([join(dir, 'driver.js')]);
    expect(run.stderr).toBe('');
    expect(Number(run.stdout)).toBeGreaterThan(0);
    expect(run.network).toBe('');
  }, 300_000);
});

describe('server: full tracing, no marker in any log, trace or error; no network', () => {
  /** Drives every feature; returns the diagnostic reports received (they may name members, never hold note text). */
  async function exercise(client: LspClient, folder: string): Promise<unknown[]> {
    const reports: unknown[] = [];
    client.notify('$/setTrace', { value: 'verbose' });
    const uri = pathToFileURL(join(folder, 'notes', '2026-03-04-group.md')).toString();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: markerNote } });
    const report = await client.request<{ items: { range: unknown; code: string; message: string }[] }>('textDocument/diagnostic', { textDocument: { uri } });
    reports.push(report);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 20, character: 0 }, end: { line: 20, character: 0 } }, text: 'Zyxquorth mentioned the plumfrozzle again. ' }] });
    reports.push(await client.request('textDocument/diagnostic', { textDocument: { uri } }));
    for (const line of [19, 21, 28, 30, 34]) {
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 20 } }).catch(() => null);
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line, character: 5 } }).catch(() => null);
      await client.request('textDocument/definition', { textDocument: { uri }, position: { line, character: 5 } }).catch(() => null);
    }
    await client.request('textDocument/codeLens', { textDocument: { uri } }).catch(() => null);
    await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } }, context: { diagnostics: report.items } }).catch(() => null);
    await client.request('workspace/executeCommand', { command: 'groupnoteLint.server.exportMemberNotes', arguments: [uri] }).catch(() => null);
    await client.request('workspace/executeCommand', { command: 'groupnoteLint.server.templateFromNote', arguments: [uri, '2026-03-11'] }).catch(() => null);
    await client.request('workspace/executeCommand', { command: 'no.such.command', arguments: [uri] }).catch(() => null);
    // a note in a folder with a broken configuration file
    const bad = pathToFileURL(join(folder, 'bad-config', 'note.md')).toString();
    client.notify('textDocument/didOpen', { textDocument: { uri: bad, languageId: 'markdown', version: 1, text: markerNote } });
    reports.push(await client.request('textDocument/diagnostic', { textDocument: { uri: bad } }));
    // malformed requests and an unknown method: the error replies name no marker
    await client.request('textDocument/hover', { textDocument: { uri } }).catch(() => null);
    await client.request('textDocument/hover', { textDocument: { uri: 'file:///never-opened.md' }, position: { line: 0, character: 0 } }).catch(() => null);
    await client.request('no/such/method', { text: 'x' }).catch(() => null);
    client.notify('textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: 'no version' }] });
    // the workspace scan (files on disk, with an unreadable binary note)
    reports.push(await client.request('workspace/diagnostic', { previousResultIds: [] }, 120_000));
    client.notify('textDocument/didClose', { textDocument: { uri } });
    reports.push(await client.request('textDocument/diagnostic', { textDocument: { uri: bad } }));
    return [...reports, ...client.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics')];
  }

  /** Everything outside of diagnostics and answers: logs, traces, messages, error replies, stderr. */
  function outsideAnswers(client: LspClient): string {
    const errors = client.raw.filter((body) => (JSON.parse(body) as { error?: unknown }).error !== undefined);
    return [client.logText(), ...errors].join('\n');
  }

  it('normal operation', async () => {
    const folder = makeFolder();
    const client = new LspClient(serverPath, { nodeArgs: ['--require', NO_NETWORK], env: { GROUPNOTE_NETLOG: join(folder, 'net.log'), DEBUG: '*', NODE_DEBUG: 'net,stream,fs' } });
    try {
      await client.start({ textDocument: { diagnostic: { dynamicRegistration: false }, publishDiagnostics: { relatedInformation: true } } }, { rules: {} }, pathToFileURL(folder).toString());
      const reports = await exercise(client, folder);
      expect(leaks(outsideAnswers(client), [...NAMES, ...BODY])).toEqual([]);
      // diagnostics name members by design, but hold no note text
      expect(JSON.stringify(reports)).toContain('Quillantha Brisbo');
      expect(leaks(JSON.stringify(reports), BODY)).toEqual([]);
      expect(client.alive).toBe(true);
    } finally {
      await client.close();
      await client.exited();
    }
    expect(existsSync(join(folder, 'net.log')) ? readFileSync(join(folder, 'net.log'), 'utf8') : '').toBe('');
  }, 300_000);

  it('crash path: engine errors whose message holds a name are logged by kind only', async () => {
    const folder = makeFolder();
    const client = new LspClient(serverPath, { nodeArgs: ['--require', NO_NETWORK, '--require', THROW_WITH_TEXT], env: { GROUPNOTE_NETLOG: join(folder, 'net.log'), DEBUG: '*' } });
    try {
      await client.start({ textDocument: { diagnostic: { dynamicRegistration: false } } }, { rules: {} }, pathToFileURL(folder).toString());
      await exercise(client, folder);
      expect(leaks(outsideAnswers(client), [...NAMES, ...BODY])).toEqual([]);
      expect(outsideAnswers(client)).not.toMatch(/cannot lower-case/);
      // the errors did happen, and were logged by kind
      expect(outsideAnswers(client)).toMatch(/groupnote-lint: (?:could not check a document|[\w ]+ failed) \(Error\)/);
      expect(client.alive).toBe(true);
    } finally {
      await client.close();
      await client.exited();
    }
    expect(existsSync(join(folder, 'net.log')) ? readFileSync(join(folder, 'net.log'), 'utf8') : '').toBe('');
  }, 300_000);
});
