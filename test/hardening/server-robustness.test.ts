// The server survives a careless or hostile client: requests for documents it never opened,
// didChange with versions out of order (lower than the document's), a flood of thousands of
// didChange events, and a flood of requests. It answers sensibly (null or empty), never publishes
// diagnostics for a stale version, ranges stay inside the document, and it still answers after.
// A cancelled workspace/diagnostic is answered as cancelled without building the report.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it } from 'vitest';
import { lineLengths, sampleFiles } from './generators.js';
import { LspClient, serverPath } from '../lsp-client.js';
import { useTempDirs } from '../temp-dirs.js';

const sample = readFileSync(sampleFiles.find((f) => f.includes('relapse-prevention'))!, 'utf8');
const clean = readFileSync(sampleFiles.find((f) => f.includes('2026-03-04'))!, 'utf8');

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface Diagnostic {
  range: Range;
  code: string;
}
interface Publish {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

const tempDir = useTempDirs();
const clients: LspClient[] = [];
afterEach(async () => {
  await Promise.all(
    clients.splice(0).map(async (c) => {
      await c.close();
      await c.exited(); // before the file's temp folders are removed
    }),
  );
});

async function server(pull: boolean, settings: Record<string, unknown> = {}): Promise<LspClient> {
  const client = new LspClient(serverPath);
  clients.push(client);
  await client.start(pull ? { textDocument: { diagnostic: { dynamicRegistration: false } } } : {}, settings);
  return client;
}

const publishes = (client: LspClient, uri: string) =>
  client.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics').map((m) => m.params as Publish).filter((p) => p.uri === uri);

const waitPublish = (client: LspClient, uri: string, version: number) =>
  client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Publish).uri === uri && (m.params as Publish).version === version, 60_000);

function inside(text: string, range: Range): boolean {
  const lengths = lineLengths(text);
  return [range.start, range.end].every((p) => p.line < lengths.length && p.character <= lengths[p.line]);
}

/** A request answered after every notification sent before it: the server has caught up. */
const settled = (client: LspClient) => client.request('textDocument/hover', { textDocument: { uri: 'file:///tmp/settle.md' }, position: { line: 0, character: 0 } });

describe('requests for documents the server never opened', () => {
  it('answers null or empty, and publishes nothing', async () => {
    for (const pull of [true, false]) {
      const client = await server(pull);
      const uri = 'file:///tmp/groupnote-never-opened/note.md';
      const position = { line: 3, character: 4 };
      expect(await client.request('textDocument/hover', { textDocument: { uri }, position })).toBeNull();
      expect(await client.request('textDocument/completion', { textDocument: { uri }, position })).toEqual([]);
      expect(await client.request('textDocument/definition', { textDocument: { uri }, position })).toBeNull();
      expect(await client.request('textDocument/codeLens', { textDocument: { uri } })).toEqual([]);
      expect(await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [{ range: { start: position, end: position }, message: 'x', source: 'groupnote-lint', code: 'other-member-identifier' }] } })).toEqual([]);
      if (pull) expect(await client.request('textDocument/diagnostic', { textDocument: { uri } })).toEqual({ kind: 'full', items: [] });
      expect(await client.request('workspace/executeCommand', { command: 'groupnoteLint.server.exportMemberNotes', arguments: [uri] })).toBeNull();
      expect(await client.request('workspace/executeCommand', { command: 'groupnoteLint.server.exportMemberNotes', arguments: [] })).toBeNull();
      expect(await client.request('workspace/executeCommand', { command: 'groupnoteLint.server.exportMemberNotes', arguments: [{ not: 'a uri' }, 5] })).toBeNull();
      // notifications for it are ignored
      client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: sample }] });
      client.notify('textDocument/didSave', { textDocument: { uri } });
      client.notify('textDocument/didClose', { textDocument: { uri } });
      await settled(client);
      expect(publishes(client, uri)).toEqual([]);
      // and after a close, the document is unknown again
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: sample } });
      client.notify('textDocument/didClose', { textDocument: { uri } });
      expect(await client.request('textDocument/hover', { textDocument: { uri }, position })).toBeNull();
      expect(await client.request('textDocument/codeLens', { textDocument: { uri } })).toEqual([]);
      expect(client.alive).toBe(true);
      expect(client.stderr).toBe('');
    }
  }, 120_000);

  it('answers positions outside the document and odd URIs without failing', async () => {
    const client = await server(true);
    const uri = 'file:///tmp/groupnote-odd/note.md';
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: sample } });
    for (const position of [{ line: 100000, character: 0 }, { line: 0, character: 100000 }, { line: -1, character: -1 }]) {
      await client.request('textDocument/hover', { textDocument: { uri }, position });
      await client.request('textDocument/completion', { textDocument: { uri }, position });
    }
    for (const odd of ['untitled:Untitled-1', 'vscode-notebook-cell:/x.ipynb#cell1', 'file:///', 'not a uri', '']) {
      client.notify('textDocument/didOpen', { textDocument: { uri: odd, languageId: 'markdown', version: 1, text: sample } });
      const report = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: odd } });
      expect(report.items.every((d) => inside(sample, d.range)), odd).toBe(true);
    }
    expect(client.alive).toBe(true);
  }, 120_000);
});

describe('didChange with versions out of order', () => {
  it('never publishes diagnostics for a version older than one already published', async () => {
    const client = await server(false, { debounceMs: 0 });
    const uri = 'file:///tmp/groupnote-order/note.md';
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: sample } });
    await waitPublish(client, uri, 1);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: sample.replace(/Teresa/g, 'a peer') }] });
    await waitPublish(client, uri, 5);
    // a change that arrives late, for a version the document has passed
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: clean }] });
    client.notify('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] });
    await settled(client);
    await new Promise((r) => setTimeout(r, 500));
    client.notify('textDocument/didChange', { textDocument: { uri, version: 6 }, contentChanges: [{ text: sample }] });
    const last = (await waitPublish(client, uri, 6)).params as Publish;
    const versions = publishes(client, uri).map((p) => p.version!);
    expect(versions.filter((v, i) => i > 0 && v < versions[i - 1])).toEqual([]);
    expect(versions).not.toContain(3);
    expect(versions).not.toContain(4);
    expect(last.diagnostics.map((d) => d.code)).toContain('other-member-identifier');
    expect(last.diagnostics.every((d) => inside(sample, d.range))).toBe(true);
    expect(client.alive).toBe(true);
  }, 120_000);

  it('a change that repeats the current version with other text gets fresh diagnostics, inside the new text', async () => {
    const client = await server(true);
    const uri = 'file:///tmp/groupnote-order/repeat.md';
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: sample } });
    const first = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(first.items.length).toBeGreaterThan(0);
    // same version number, much shorter text
    const short = '---\nnote: group-psychotherapy\n---\n\n## Ana Silva\n\nx\n';
    client.notify('textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ text: short }] });
    const second = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(second.items.filter((d) => !inside(short, d.range))).toEqual([]);
    // code lenses and hovers read the new text as well
    const lenses = await client.request<{ range: Range }[]>('textDocument/codeLens', { textDocument: { uri } });
    expect(lenses.every((l) => inside(short, l.range))).toBe(true);
  }, 120_000);
});

describe('a flood of didChange events', () => {
  it('push: checks the last version, publishes in version order, and still answers', async () => {
    const client = await server(false);
    const uri = 'file:///tmp/groupnote-flood/note.md';
    let mirror = TextDocument.create(uri, 'markdown', 1, sample);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: sample } });
    await waitPublish(client, uri, 1);
    const N = 3000;
    for (let v = 2; v <= N + 1; v++) {
      // type at the end of Daniel's section, one character at a time, sometimes a line break
      const text = v % 40 === 0 ? '\n' : 'abcdefghij'[v % 10];
      const at = mirror.positionAt(mirror.getText().length);
      mirror = TextDocument.update(mirror, [{ range: { start: at, end: at }, text }], v);
      client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: at, end: at }, text }] });
    }
    const last = (await waitPublish(client, uri, N + 1)).params as Publish;
    const versions = publishes(client, uri).map((p) => p.version!);
    expect(versions.filter((v, i) => i > 0 && v <= versions[i - 1])).toEqual([]);
    expect(versions.length).toBeLessThan(N);
    expect(last.diagnostics.every((d) => inside(mirror.getText(), d.range))).toBe(true);
    expect(last.diagnostics.map((d) => d.code)).toContain('other-member-identifier');
    // still answering
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 42, character: 3 } });
    expect(hover === null || typeof hover === 'object').toBe(true);
    expect(client.alive).toBe(true);
    expect(client.stderr).toBe('');
  }, 300_000);

  it('pull: one request after thousands of changes answers for the last text', async () => {
    const client = await server(true);
    const uri = 'file:///tmp/groupnote-flood/pull.md';
    let mirror = TextDocument.create(uri, 'markdown', 1, sample);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: sample } });
    for (let v = 2; v <= 3001; v++) {
      const length = mirror.getText().length;
      // alternately insert and delete near the start of the body, shifting every finding
      const at = mirror.positionAt(Math.min(length, 400));
      const change = v % 2 ? { range: { start: at, end: mirror.positionAt(Math.min(length, 401)) }, text: '' } : { range: { start: at, end: at }, text: 'Ω' };
      mirror = TextDocument.update(mirror, [change], v);
      client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
    }
    const report = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(report.items.every((d) => inside(mirror.getText(), d.range))).toBe(true);
    expect(report.items.map((d) => d.code)).toContain('other-member-identifier');
    expect(client.alive).toBe(true);
  }, 300_000);

  it('answers a burst of hundreds of requests, some cancelled', async () => {
    const client = await server(true);
    const uri = 'file:///tmp/groupnote-flood/burst.md';
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: sample } });
    const answers = Array.from({ length: 600 }, (_, i) => {
      const method = ['textDocument/hover', 'textDocument/codeLens', 'textDocument/diagnostic', 'textDocument/completion'][i % 4];
      const p = client.request(method, { textDocument: { uri }, position: { line: i % 60, character: i % 30 } }, 120_000);
      if (i % 7 === 0) client.notify('$/cancelRequest', { id: i });
      return p.then(
        () => 'answered',
        (e: Error) => (/RequestCancelled|-32800/.test(e.message) ? 'cancelled' : e.message),
      );
    });
    const results = await Promise.all(answers);
    expect(results.filter((r) => r !== 'answered' && r !== 'cancelled')).toEqual([]);
    expect(client.alive).toBe(true);
  }, 300_000);
});

describe('cancelled workspace diagnostics', () => {
  it('answers a cancelled workspace/diagnostic with RequestCancelled, keeps serving, and reports the folder when asked again', async () => {
    const folder = tempDir('gnl-cancel-');
    // 300 generated notes: indexing them takes long enough to cancel the request during it
    const made = spawnSync(process.execPath, [join(__dirname, '../../bench/generate.mjs'), '--out', folder, '--notes', '300', '--seed', '5'], { encoding: 'utf8' });
    expect(made.status).toBe(0);
    const client = new LspClient(serverPath);
    clients.push(client);
    await client.start({ textDocument: { diagnostic: { dynamicRegistration: false } } }, {}, pathToFileURL(folder).toString());
    const cancelled = client.request('workspace/diagnostic', { previousResultIds: [] }).then(
      () => 'answered',
      (e: Error) => (/-32800/.test(e.message) ? 'cancelled' : e.message),
    );
    client.notify('$/cancelRequest', { id: client.lastRequestId });
    expect(await cancelled).toBe('cancelled');
    // still serving, and a new request gets the whole folder
    expect(await settled(client)).toBeNull();
    const report = await client.request<{ items: { uri: string }[] }>('workspace/diagnostic', { previousResultIds: [] }, 120_000);
    const notes = readdirSync(folder, { recursive: true }).filter((f) => String(f).endsWith('.md'));
    expect(report.items).toHaveLength(notes.length);
  }, 180_000);
});
