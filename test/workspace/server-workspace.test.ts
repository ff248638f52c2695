// Workspace diagnostics over the protocol: findings for notes that are not open, cross-note
// findings, incremental updates when a file changes on disk, progress while indexing, partial
// results for large folders.

import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LspClient } from '../lsp-client.js';
import { ONLY_FOUNDATION } from '../rules/foundation.js';
import { useTempDirs } from '../temp-dirs.js';

const serverPath = fileURLToPath(new URL('../../dist/server.js', import.meta.url));
const samples = fileURLToPath(new URL('../../samples', import.meta.url));

interface Report { uri: string; version: number | null; kind: string; items: { code: string; message: string; range: { start: { line: number } } }[] }

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

async function start(folder: string): Promise<LspClient> {
  const client = new LspClient(serverPath);
  clients.push(client);
  client.handlers['workspace/configuration'] = () => [{}];
  client.handlers['window/workDoneProgress/create'] = () => null;
  const uri = pathToFileURL(folder).toString();
  await client.request('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'notes' }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { diagnostic: { dynamicRegistration: false } } },
  });
  client.notify('initialized', {});
  return client;
}

/** Resolves once the server's own scan at start-up has finished and asked for a refresh. */
async function scanned(client: LspClient): Promise<void> {
  await client.waitFor((m) => m.method === 'window/logMessage' && /indexed \d+ notes/.test(String((m.params as { message: string }).message)));
  await client.waitFor((m) => m.method === 'workspace/diagnostic/refresh');
}

/**
 * The samples in a fresh folder, indexed, with the individual note that overlaps the group session
 * on disk; `refreshes` counts the server's requests to pull diagnostics again.
 */
async function samplesWorkspace() {
  const folder = tempDir('gnl-wsd-');
  cpSync(samples, folder, { recursive: true });
  const client = await start(folder);
  await client.request('workspace/diagnostic', { previousResultIds: [] });
  await scanned(client);
  const individual = join(folder, 'anxiety-group/individual/2026-03-11-MRN-20417.md');
  const refreshes = () => refreshCount(client);
  return { client, individual, uri: pathToFileURL(individual).toString(), refreshes };
}

/** How many times the server has asked the client to pull diagnostics again. */
const refreshCount = (client: LspClient) => client.notifications.filter((m) => m.method === 'workspace/diagnostic/refresh').length;

/** Resolves on the first refresh request the server sends after this call. */
function nextRefresh(client: LspClient): Promise<unknown> {
  const before = refreshCount(client);
  return client.waitFor(() => refreshCount(client) > before);
}

// the foundation single-note rules and the cross-note rules; the billing and documentation rules have tests of their own
const codesByFile = (reports: Report[], folder: string) =>
  Object.fromEntries(reports.map((r) => ({ ...r, items: r.items.filter((i) => !(i.code in ONLY_FOUNDATION)) })).filter((r) => r.items.length).map((r) => [fileURLToPath(r.uri).slice(folder.length + 1), r.items.map((i) => i.code).sort()]));

describe('workspace/diagnostic', () => {
  it('reports findings for notes that are not open, including cross-note findings, with progress', async () => {
    const folder = tempDir('gnl-wsd-');
    cpSync(samples, folder, { recursive: true });
    const client = await start(folder);
    const result = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: [], workDoneToken: 'scan-1' });
    const byFile = codesByFile(result.items, folder);
    expect(byFile['iop-relapse-prevention/2026-05-19-relapse-prevention.md']).toEqual(['other-member-identifier', 'response-missing', 'treatment-plan-link-missing']);
    expect(byFile['anxiety-group/individual/2026-03-11-MRN-20417.md']).toEqual(['same-day-individual-overlap']);
    expect(byFile['anxiety-group/2026-03-11-anxiety-skills.md']).toContain('member-copy-paste');
    expect(result.items.every((r) => r.version === null && r.kind === 'full')).toBe(true);
    const progress = client.notifications.filter((m) => m.method === '$/progress' && (m.params as { token: string }).token === 'scan-1').map((m) => (m.params as { value: { kind: string } }).value.kind);
    expect(progress[0]).toBe('begin');
    expect(progress.at(-1)).toBe('end');
  });

  it('updates only the changed file when it changes on disk, and drops deleted-from-scope files', async () => {
    const folder = tempDir('gnl-wsd-');
    cpSync(samples, folder, { recursive: true });
    const client = await start(folder);
    await client.request('workspace/diagnostic', { previousResultIds: [] });
    const path = join(folder, 'iop-relapse-prevention/2026-05-19-relapse-prevention.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('He gave Teresa credit', 'He gave a peer credit'));
    const refreshed = nextRefresh(client);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path).toString(), type: 2 }] });
    await refreshed;
    const after = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: [] });
    expect(codesByFile(after.items, folder)['iop-relapse-prevention/2026-05-19-relapse-prevention.md']).toEqual(['response-missing', 'treatment-plan-link-missing']);
    // an ignore file takes notes out of the index
    writeFileSync(join(folder, '.groupnoteignore'), 'iop-relapse-prevention/\n');
    const rescanned = nextRefresh(client);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, '.groupnoteignore')).toString(), type: 1 }] });
    await rescanned;
    const ignored = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: [] });
    expect(Object.keys(codesByFile(ignored.items, folder)).some((f) => f.startsWith('iop-relapse-prevention'))).toBe(false);
  });

  it('an open note is checked from the editor text, with its cross-note findings', async () => {
    const { client, individual, uri, refreshes } = await samplesWorkspace();
    // in the editor the session moves to 16:00, after the group: only the modifier reminder remains
    const moved = readFileSync(individual, 'utf8').replace('start: "15:00"', 'start: "16:00"').replace('end: "15:45"', 'end: "16:45"');
    const before = refreshes();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 4, text: moved } });
    // answered at once with the cross-note findings last computed (the overlap on disk) ...
    const first = await client.request<{ items: Report['items'] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(first.items.map((i) => i.code)).toEqual(['same-day-individual-overlap']);
    // ... then, once edits pause, the cross-note rules run over the editor's text and the client is asked to pull again
    await client.waitFor(() => refreshes() > before);
    const report = await client.request<{ items: Report['items'] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(report.items.map((i) => i.message)).toEqual([expect.stringContaining('many payers want modifier 59 or XU on 90834')]);
  });

  it('typing does not re-run the cross-note rules: they run once edits pause', async () => {
    const { client, individual, uri, refreshes } = await samplesWorkspace();
    const text = readFileSync(individual, 'utf8');
    const before = refreshes();
    // the note opened as it is on disk: its cross-note findings do not change, so no refresh is asked for
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await client.request('textDocument/diagnostic', { textDocument: { uri } });
    await new Promise((r) => setTimeout(r, 800));
    expect(refreshes()).toBe(before);
    // a burst of edits, each pulled at once: the overlap found before stays until typing pauses
    const moved = text.replace('start: "15:00"', 'start: "16:00"').replace('end: "15:45"', 'end: "16:45"');
    for (let version = 2; version <= 6; version++) {
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: version < 6 ? `${text}\n${'x'.repeat(version)}` : moved }] });
      const pulled = await client.request<{ items: Report['items'] }>('textDocument/diagnostic', { textDocument: { uri } });
      expect(pulled.items.map((i) => i.code)).toEqual(['same-day-individual-overlap']);
    }
    await client.waitFor(() => refreshes() > before);
    // one refresh for the burst, and the last text's findings
    await new Promise((r) => setTimeout(r, 600));
    expect(refreshes()).toBe(before + 1);
    const report = await client.request<{ items: Report['items'] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(report.items.map((i) => i.message)).toEqual([expect.stringContaining('many payers want modifier 59 or XU on 90834')]);
  });
});

describe('workspace/diagnostic with a partial-result token', () => {
  it('sends the report in batches of $/progress, ends with an empty answer, and the batches add up to the whole report', async () => {
    const folder = tempDir('gnl-wsd-partial-');
    // 450 generated notes: more than two batches of 200 files
    const made = spawnSync(process.execPath, [fileURLToPath(new URL('../../bench/generate.mjs', import.meta.url)), '--out', folder, '--notes', '450', '--seed', '4'], { encoding: 'utf8' });
    expect(made.status).toBe(0);
    const client = await start(folder);
    const whole = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: [] }, 120_000);
    const token = 'partial-1';
    const answer = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: [], partialResultToken: token }, 120_000);
    const batches = client.notifications.filter((m) => m.method === '$/progress' && (m.params as { token: string }).token === token).map((m) => (m.params as { value: { items: Report[] } }).value.items);
    expect(answer.items).toEqual([]);
    expect(batches.length).toBe(Math.ceil(whole.items.length / 200));
    expect(batches.every((b) => b.length <= 200)).toBe(true);
    const key = (r: Report) => `${r.uri} ${JSON.stringify(r.items)}`;
    expect(batches.flat().map(key).sort()).toEqual(whole.items.map(key).sort());
  }, 180_000);
});
