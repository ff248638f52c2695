// Workspace diagnostics over the protocol: findings for notes that are not open, cross-note
// findings, incremental updates when a file changes on disk, progress while indexing, partial
// results for large folders.

import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** A fresh folder of notes made by the benchmark's generator. */
function generatedFolder(prefix: string, notes: number, seed: number): string {
  const folder = tempDir(prefix);
  const made = spawnSync(process.execPath, [fileURLToPath(new URL('../../bench/generate.mjs', import.meta.url)), '--out', folder, '--notes', String(notes), '--seed', String(seed)], { encoding: 'utf8' });
  expect(made.status).toBe(0);
  return folder;
}

describe('workspace/diagnostic with a partial-result token', () => {
  it('sends the report in batches of $/progress, ends with an empty answer, and the batches add up to the whole report', async () => {
    // 450 generated notes: more than two batches of 200 files
    const client = await start(generatedFolder('gnl-wsd-partial-', 450, 4));
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

interface Item { code: string; message: string; severity: number; range: { start: { line: number; character: number }; end: { line: number; character: number } } }
type AnyReport = { uri: string; kind: 'full'; resultId?: string; items: Item[] } | { uri: string; kind: 'unchanged'; resultId: string };

/**
 * The workspace diagnostics an editor holds: a full report replaces a note's findings, an
 * unchanged one keeps them; the result ids go back with the next pull, as VS Code sends them.
 */
class EditorView {
  readonly ids = new Map<string, string>();
  readonly items = new Map<string, Item[]>();
  last: AnyReport[] = [];

  async pull(client: LspClient): Promise<AnyReport[]> {
    const previousResultIds = [...this.ids].map(([uri, value]) => ({ uri, value }));
    const { items } = await client.request<{ items: AnyReport[] }>('workspace/diagnostic', { previousResultIds }, 120_000);
    for (const report of items) {
      if (report.resultId) this.ids.set(report.uri, report.resultId);
      if (report.kind === 'full') this.items.set(report.uri, report.items);
      else expect(this.items.has(report.uri)).toBe(true);
    }
    this.last = items;
    return items;
  }

  /** One line per finding, as the CLI's JSON gives it: file, 1-based range, severity, rule, message. */
  lines(folder: string): string[] {
    const severity = ['', 'error', 'warning', 'info'];
    return [...this.items].flatMap(([uri, list]) =>
      list.map((d) => `${fileURLToPath(uri).slice(folder.length + 1)}:${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${severity[d.severity]} ${d.code} ${d.message}`),
    ).sort();
  }
}

/** What the CLI prints (--format json) for the folder, in the same form as EditorView.lines. */
function cliLines(folder: string, args: string[] = []): string[] {
  const cli = fileURLToPath(new URL('../../bin/groupnote-lint.js', import.meta.url));
  const run = spawnSync(process.execPath, [cli, '--format', 'json', '--jobs', '1', ...args, '.'], { cwd: folder, encoding: 'utf8' });
  expect(run.status, run.stderr).toBeLessThanOrEqual(1);
  const findings = JSON.parse(run.stdout) as { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; ruleId: string; message: string }[];
  return findings.map((f) => `${join(folder, f.file).slice(folder.length + 1)}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.ruleId} ${f.message}`).sort();
}

/** The samples in a fresh folder, indexed, with the editor's view of them after its first pulls. */
async function viewedSamples(prefix: string): Promise<{ folder: string; client: LspClient; view: EditorView }> {
  const folder = tempDir(prefix);
  cpSync(samples, folder, { recursive: true });
  const client = await start(folder);
  const view = new EditorView();
  await view.pull(client);
  await scanned(client);
  return { folder, client, view };
}

describe('a streamed workspace pull while the folder is being indexed', () => {
  it('sends each batch of notes as it is read, then what the cross-note rules add; together, the whole report', async () => {
    const client = await start(generatedFolder('gnl-wsd-first-', 300, 5));
    const token = 'first-1';
    // sent at once: the server is still indexing the folder
    expect(await client.request('workspace/diagnostic', { previousResultIds: [], partialResultToken: token }, 120_000)).toEqual({ items: [] });
    const messages = client.raw.map((body) => JSON.parse(body) as { method?: string; params?: { token?: string; message?: string; value?: { items: AnyReport[] } } });
    const batches = messages.filter((m) => m.method === '$/progress' && m.params!.token === token);
    const indexedAt = messages.findIndex((m) => m.method === 'window/logMessage' && /indexed \d+ notes/.test(m.params!.message ?? ''));
    // findings went out before the folder was indexed
    expect(messages.indexOf(batches[0])).toBeLessThan(indexedAt);
    expect(batches.filter((b) => messages.indexOf(b) < indexedAt).length).toBeGreaterThan(2);
    // the folder came as rootUri and as a workspace folder (as VS Code sends it): each note went out once while indexing
    const whileIndexing = batches.filter((b) => messages.indexOf(b) < indexedAt).flatMap((b) => b.params!.value!.items.map((r) => r.uri));
    expect(new Set(whileIndexing).size).toBe(whileIndexing.length);
    // the later batches replace what they send again (notes with cross-note findings)
    const streamed = new Map<string, Item[]>();
    for (const b of batches) for (const r of b.params!.value!.items) if (r.kind === 'full') streamed.set(r.uri, r.items);
    const whole = await client.request<{ items: Extract<AnyReport, { kind: 'full' }>[] }>('workspace/diagnostic', { previousResultIds: [] }, 120_000);
    expect(new Map(whole.items.map((r) => [r.uri, r.items]))).toEqual(streamed);
  }, 180_000);
});

describe('diagnostics always current', () => {
  it('a .groupnoterc.json or settings change re-checks every note, open or not, and the editor then shows what the CLI prints', async () => {
    const folder = tempDir('gnl-wsd-current-');
    cpSync(samples, folder, { recursive: true });
    let settings: Record<string, unknown> = {};
    const client = await start(folder);
    client.handlers['workspace/configuration'] = () => [settings];
    const view = new EditorView();
    await view.pull(client);
    await scanned(client);
    await view.pull(client);
    expect(view.lines(folder)).toEqual(cliLines(folder));
    const before = new Map(view.items);

    // a config file turns off the commonest rule and a cross-note one, and downgrades another: no note is open
    const rc = { rules: { 'diagnosis-missing': 'off', 'treatment-plan': 'off', 'other-member-identifier': 'info' } };
    writeFileSync(join(folder, '.groupnoterc.json'), JSON.stringify(rc));
    const refreshed = nextRefresh(client);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, '.groupnoterc.json')).toString(), type: 1 }] });
    await refreshed;
    const reports = await view.pull(client);
    const after = view.lines(folder);
    expect(after).toEqual(cliLines(folder));
    expect(after.some((l) => / diagnosis-missing | treatment-plan /.test(l))).toBe(false);
    expect(after.some((l) => / info other-member-identifier /.test(l))).toBe(true);
    // only the notes whose findings changed were sent again; the rest were reported unchanged
    const full = reports.filter((r) => r.kind === 'full') as Extract<AnyReport, { kind: 'full' }>[];
    expect(full.length).toBeGreaterThan(0);
    expect(reports.some((r) => r.kind === 'unchanged')).toBe(true);
    for (const r of full) expect(r.items).not.toEqual(before.get(r.uri));

    // a settings change (the file still wins for the rules it lists)
    settings = { rules: { 'risk-assessment-missing': 'off', 'diagnosis-missing': 'error' } };
    const again = nextRefresh(client);
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await again;
    await view.pull(client);
    const merged = tempDir('gnl-wsd-config-');
    writeFileSync(join(merged, 'team.json'), JSON.stringify({ rules: { 'risk-assessment-missing': 'off', ...rc.rules } }));
    expect(view.lines(folder)).toEqual(cliLines(folder, ['--config', join(merged, 'team.json')]));
    expect(view.lines(folder).some((l) => / risk-assessment-missing /.test(l))).toBe(false);
  }, 120_000);
});

describe('incremental workspace diagnostics', () => {
  it('a workspace pull that starts indexing before the editor has sent its settings: the notes are checked again under them', async () => {
    // VS Code sends the workspace pull right after initialized; the server's question for the
    // settings is answered after the first notes are read. Here the answer waits for the pull.
    const folder = tempDir('gnl-wsd-early-');
    cpSync(samples, folder, { recursive: true });
    const client = new LspClient(serverPath);
    clients.push(client);
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    client.handlers['workspace/configuration'] = () => answered.then(() => [{ rules: { 'diagnosis-missing': 'off' } }]);
    client.handlers['window/workDoneProgress/create'] = () => null;
    const uri = pathToFileURL(folder).toString();
    await client.request('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'notes' }], capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } } });
    client.notify('initialized', {});
    const first = client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: [] });
    await client.waitFor((m) => m.method === 'workspace/configuration');
    await new Promise((resolve) => setTimeout(resolve, 300));
    answer();
    await first;
    await scanned(client);
    const { items } = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: [] });
    expect(items.length).toBeGreaterThan(0);
    expect(items.flatMap((r) => r.items).filter((d) => d.code === 'diagnosis-missing')).toEqual([]);
    expect(items.flatMap((r) => r.items).length).toBeGreaterThan(0);
  }, 60_000);

  it('answers unchanged for notes whose findings did not change, and asks for a refresh only when some did', async () => {
    const { folder, client, view } = await viewedSamples('gnl-wsd-inc-');
    const first = await view.pull(client);
    expect(first.every((r) => r.kind === 'unchanged')).toBe(true);
    expect(first.length).toBe(view.items.size);

    // the same text saved again (a new mtime): checked again, same findings, no refresh
    const path = join(folder, 'iop-relapse-prevention/2026-05-19-relapse-prevention.md');
    const uri = pathToFileURL(path).toString();
    const later = new Date(Date.now() + 60_000);
    utimesSync(path, later, later);
    const refreshes = refreshCount(client);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    // a real change after it: exactly one refresh between them (the server handles them in order)
    writeFileSync(path, readFileSync(path, 'utf8').replace('He gave Teresa credit', 'He gave a peer credit'));
    const refreshed = nextRefresh(client);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    await refreshed;
    expect(refreshCount(client)).toBe(refreshes + 1);
    const second = await view.pull(client);
    expect(second.filter((r) => r.kind === 'full').map((r) => r.uri)).toEqual([uri]);
    expect(view.items.get(uri)!.map((d) => d.code)).not.toContain('other-member-identifier');

    // a note deleted from disk: an empty report clears it, then it is not reported again
    rmSync(path);
    const cleared = nextRefresh(client);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await cleared;
    const third = await view.pull(client);
    expect(third.filter((r) => r.kind === 'full')).toEqual([{ kind: 'full', uri, version: null, resultId: expect.any(String), items: [] }]);
    expect((await view.pull(client)).every((r) => r.kind === 'unchanged')).toBe(true);
  }, 60_000);

  it('answers textDocument/diagnostic with unchanged when the previous result id still holds', async () => {
    const { client } = await samplesWorkspace();
    const uri = pathToFileURL(join(samples, 'iop-relapse-prevention/2026-05-19-relapse-prevention.md')).toString();
    const text = readFileSync(fileURLToPath(uri), 'utf8');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const first = await client.request<{ kind: string; resultId: string; items: Item[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(first.kind).toBe('full');
    expect(first.items.map((i) => i.code)).toContain('other-member-identifier');
    expect(await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId })).toEqual({ kind: 'unchanged', resultId: first.resultId });
    // an edit that changes the findings: a full report with a new id
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text.replace('He gave Teresa credit', 'He gave a peer credit') }] });
    const second = await client.request<{ kind: string; resultId: string; items: Item[] }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    expect(second.kind).toBe('full');
    expect(second.resultId).not.toBe(first.resultId);
    expect(second.items.map((i) => i.code)).not.toContain('other-member-identifier');
  });
});

describe('the reviewer in the editor', () => {
  it('summarises the folder per rule and per member, with revenue at risk, matching the CLI totals', async () => {
    const folder = tempDir('gnl-wsd-summary-');
    cpSync(samples, folder, { recursive: true });
    const client = await start(folder);
    const { summary, markdown } = await client.request<{ summary: { notes: number; groupNotes: number; totals: Record<string, number>; byRule: { ruleId: string; total: number }[]; byMember: { member: string; name: string | null; total: number }[]; revenueAtRisk: { claims: number; total: string } }; markdown: string }>('workspace/executeCommand', { command: 'groupnoteLint.server.summary', arguments: [] }, 60_000);
    const cli = cliLines(folder);
    const count = (severity: string) => cli.filter((l) => l.split(' ')[1] === severity).length;
    expect(summary.totals).toEqual({ error: count('error'), warning: count('warning'), info: count('info') });
    expect(summary.groupNotes).toBe(3);
    for (const r of summary.byRule) expect(r.total, r.ruleId).toBe(cli.filter((l) => l.split(' ')[2] === r.ruleId).length);
    expect(summary.byMember.find((m) => m.member === '3412')).toMatchObject({ name: 'Daniel Whitaker' });
    expect(summary.revenueAtRisk.claims).toBeGreaterThan(0);
    expect(summary.revenueAtRisk.total).toMatch(/^\$\d/);
    expect(markdown).toContain('| other-member-identifier |');
    expect(markdown).toContain('Daniel Whitaker');
  }, 60_000);

  it('"check folder" re-reads every note from disk, even one changed without a file event', async () => {
    const { folder, client, view } = await viewedSamples('gnl-wsd-check-');
    const path = join(folder, 'iop-relapse-prevention/2026-05-19-relapse-prevention.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('He gave Teresa credit', 'He gave a peer credit'));
    const later = new Date(Date.now() + 60_000);
    utimesSync(path, later, later);
    const totals = await client.request<Record<string, number>>('workspace/executeCommand', { command: 'groupnoteLint.server.checkFolder', arguments: [] }, 60_000);
    await view.pull(client);
    expect(view.lines(folder)).toEqual(cliLines(folder));
    expect(totals.error).toBe(cliLines(folder).filter((l) => l.split(' ')[1] === 'error').length);
  }, 60_000);

  it('indexes only notes: a folder of other Markdown stays empty and asks for no refresh', async () => {
    const folder = tempDir('gnl-wsd-docs-');
    writeFileSync(join(folder, 'README.md'), '# Team\n\nMaria Lopez and Jim wrote this.\n');
    writeFileSync(join(folder, 'CHANGELOG.md'), '---\ntitle: Changes\n---\n\n- fixed things\n');
    const client = await start(folder);
    const result = await client.request<{ items: unknown[] }>('workspace/diagnostic', { previousResultIds: [] });
    expect(result.items).toEqual([]);
    await client.waitFor((m) => m.method === 'window/logMessage' && /indexed 0 notes/.test(String((m.params as { message: string }).message)));
    // a round trip after the scan's end: any refresh it asked for has arrived by now
    expect((await client.request<{ items: unknown[] }>('workspace/diagnostic', { previousResultIds: [] })).items).toEqual([]);
    expect(refreshCount(client)).toBe(0);
  });

  it('links rule pages through the command the client asks for', async () => {
    const folder = tempDir('gnl-wsd-links-');
    cpSync(samples, folder, { recursive: true });
    const client = new LspClient(serverPath);
    clients.push(client);
    const uri = pathToFileURL(folder).toString();
    await client.request('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'notes' }], initializationOptions: { ruleDocCommand: 'groupnoteLint.openRuleDoc' }, capabilities: { textDocument: { diagnostic: {} } } });
    client.notify('initialized', {});
    const note = pathToFileURL(join(folder, 'iop-relapse-prevention/2026-05-19-relapse-prevention.md')).toString();
    client.notify('textDocument/didOpen', { textDocument: { uri: note, languageId: 'markdown', version: 1, text: readFileSync(fileURLToPath(note), 'utf8') } });
    const report = await client.request<{ items: { code: string; codeDescription: { href: string } }[] }>('textDocument/diagnostic', { textDocument: { uri: note } });
    const href = report.items.find((d) => d.code === 'other-member-identifier')!.codeDescription.href;
    expect(href).toMatch(/^command:groupnoteLint\.openRuleDoc\?/);
    // the rule id: the client opens docs/rules/<id>.md of its extension folder (the package root)
    const [rule] = JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1))) as string[];
    expect(rule).toBe('other-member-identifier');
    expect(readFileSync(join(dirname(serverPath), '..', 'docs', 'rules', `${rule}.md`), 'utf8')).toMatch(/^# other-member-identifier/);
  });

  it('leaves the source and rule link out for a client that fills them in, and still offers its quick fixes', async () => {
    const folder = tempDir('gnl-wsd-filled-');
    cpSync(samples, folder, { recursive: true });
    const client = new LspClient(serverPath);
    clients.push(client);
    const uri = pathToFileURL(folder).toString();
    await client.request('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'notes' }], initializationOptions: { ruleDocCommand: 'groupnoteLint.openRuleDoc', fillsRuleLinks: true }, capabilities: { textDocument: { diagnostic: {} } } });
    client.notify('initialized', {});
    const { items } = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: [] }, 60_000);
    const all = items.flatMap((r) => r.items) as Record<string, unknown>[];
    expect(all.length).toBeGreaterThan(0);
    for (const d of all) expect([d.source, d.codeDescription, typeof d.code]).toEqual([undefined, undefined, 'string']);
    // an open note's diagnostics come back with code actions as the client keeps them (source filled in)
    const note = pathToFileURL(join(folder, 'iop-relapse-prevention/2026-05-19-relapse-prevention.md')).toString();
    client.notify('textDocument/didOpen', { textDocument: { uri: note, languageId: 'markdown', version: 1, text: readFileSync(fileURLToPath(note), 'utf8') } });
    const report = await client.request<{ items: Record<string, unknown>[] }>('textDocument/diagnostic', { textDocument: { uri: note } });
    const withSource = report.items.map((d) => ({ ...d, source: 'groupnote-lint' }));
    const actions = await client.request<unknown[]>('textDocument/codeAction', { textDocument: { uri: note }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: withSource } });
    const plain = await client.request<unknown[]>('textDocument/codeAction', { textDocument: { uri: note }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: report.items } });
    expect(actions.length).toBeGreaterThan(0);
    const titles = (list: unknown[]) => (list as { title: string }[]).map((a) => a.title);
    expect(titles(plain)).toEqual(titles(actions));
  }, 60_000);
});

describe('a streamed workspace pull with nothing new', () => {
  it('is held open until a note changes, then sends only that note', async () => {
    const { folder, client, view } = await viewedSamples('gnl-wsd-hold-');
    const token = 'hold-1';
    const previousResultIds = [...view.ids].map(([uri, value]) => ({ uri, value }));
    const held = client.request<{ items: unknown[] }>('workspace/diagnostic', { previousResultIds, partialResultToken: token }, 60_000);
    const id = client.lastRequestId;
    // the server has taken the pull in before the file event (messages are handled in order)
    await client.request('workspace/executeCommand', { command: 'groupnoteLint.server.templateFromNote', arguments: [null, '2026-01-01'] });
    const path = join(folder, 'iop-relapse-prevention/2026-05-19-relapse-prevention.md');
    const uri = pathToFileURL(path).toString();
    writeFileSync(path, readFileSync(path, 'utf8').replace('He gave Teresa credit', 'He gave a peer credit'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    expect(await held).toEqual({ items: [] });
    const batches = client.notifications.filter((m) => m.method === '$/progress' && (m.params as { token: string }).token === token).map((m) => (m.params as { value: { items: AnyReport[] } }).value.items);
    expect(batches.flat().map((r) => `${r.kind} ${r.uri}`)).toEqual([`full ${uri}`]);
    // answered only after the change: the server's refresh request came before the answer
    const answerAt = client.raw.findIndex((body) => (JSON.parse(body) as { id?: number; method?: string }).id === id && !JSON.parse(body).method);
    expect(answerAt).toBeGreaterThan(client.raw.map((b) => JSON.parse(b).method).lastIndexOf('workspace/diagnostic/refresh'));
  }, 60_000);
});

describe('a .groupnoterc.json being typed', () => {
  it('keeps its last valid version while it is not valid JSON, and says so in the log, never in a pop-up', async () => {
    const { folder, client, view } = await viewedSamples('gnl-wsd-typing-');
    const rc = join(folder, '.groupnoterc.json');
    const changed = () => client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(rc).toString(), type: 2 }] });
    writeFileSync(rc, JSON.stringify({ rules: { 'diagnosis-missing': 'off' } }));
    changed();
    await client.request('workspace/executeCommand', { command: 'groupnoteLint.server.checkFolder', arguments: [] }, 60_000);
    await view.pull(client);
    const valid = view.lines(folder);
    expect(valid.some((l) => / diagnosis-missing /.test(l))).toBe(false);
    // saved half-typed (auto-save): not JSON
    writeFileSync(rc, '{ "rules": { "diagnosis-missing": "off", "treatment-plan": "of');
    changed();
    await client.request('workspace/executeCommand', { command: 'groupnoteLint.server.checkFolder', arguments: [] }, 60_000);
    await view.pull(client);
    expect(view.lines(folder)).toEqual(valid);
    expect(client.notifications.filter((m) => m.method === 'window/showMessage' || m.method === 'window/showMessageRequest')).toEqual([]);
    const warnings = client.notifications.filter((m) => m.method === 'window/logMessage' && String((m.params as { message: string }).message).includes('is not valid JSON'));
    expect(warnings).toHaveLength(1);
    expect(String((warnings[0].params as { message: string }).message)).toContain('its last valid version is used until it is fixed');
  }, 60_000);
});

describe('the HTML report in the editor', () => {
  it('is the report the CLI writes for the folder: same findings, revenue at risk and rule links', async () => {
    const folder = tempDir('gnl-wsd-report-');
    cpSync(samples, folder, { recursive: true });
    const client = await start(folder);
    const page = await client.request<string>('workspace/executeCommand', { command: 'groupnoteLint.server.htmlReport', arguments: [] }, 60_000);
    const cli = fileURLToPath(new URL('../../bin/groupnote-lint.js', import.meta.url));
    const out = join(tempDir('gnl-wsd-report-out-'), 'report.html');
    spawnSync(process.execPath, [cli, '--jobs', '1', '--report', out, '.'], { cwd: folder, encoding: 'utf8' });
    // the same page but for the title, the time it was made, and where the rule pages are read: the
    // editor links the pages installed with the extension, the CLI the repository's at this version
    const comparable = (html: string) =>
      html.replace(/<title>[^<]*<\/title>/, '').replace(/<h1>[^<]*<\/h1>/, '').replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/g, 'TIME').replace(/href="[^"]*?docs\/rules\//g, 'href="DOCS/').replace(/\([^()]*documentation base given[^()]*\)|\(relative to the groupnote-lint package folder\)/, '(DOCS)');
    expect(comparable(page)).toBe(comparable(readFileSync(out, 'utf8')));
    expect(page).toContain('Content-Security-Policy');
  }, 60_000);
});
