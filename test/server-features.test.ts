// Editor features over the protocol: quick fixes with versioned edits, hovers, code lenses,
// configuration files reloaded while running, lint-on-save, and the server commands.

import { readFileSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LspClient } from './lsp-client.js';
import { ONLY_FOUNDATION } from './rules/foundation.js';
import { WORKSPACE_RULES } from '../engine/rules/cross-note.js';

const CROSS_NOTE_OFF: Record<string, 'off'> = Object.fromEntries(WORKSPACE_RULES.map((r) => [r.id, 'off' as const]));
import { useTempDirs } from './temp-dirs.js';

const serverPath = fileURLToPath(new URL('../dist/server.js', import.meta.url));
const samples = fileURLToPath(new URL('../samples', import.meta.url));

interface Range { start: { line: number; character: number }; end: { line: number; character: number } }
interface Diagnostic { range: Range; code: string; severity: number; source: string; message: string }
interface Publish { uri: string; version?: number; diagnostics: Diagnostic[] }
interface CodeAction { title: string; isPreferred?: boolean; edit: { documentChanges: { textDocument: { uri: string; version: number }; edits: { range: Range; newText: string }[] }[] } }

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

/** A copy of the samples in a temp workspace folder, so tests can add config files. */
function workspace(): string {
  const dir = tempDir('gnl-ws-');
  cpSync(samples, dir, { recursive: true });
  return dir;
}

async function start(folder: string, settings: Record<string, unknown> = {}, extraCaps: Record<string, unknown> = {}): Promise<LspClient> {
  const client = new LspClient(serverPath);
  clients.push(client);
  client.handlers['workspace/configuration'] = () => [settings];
  const uri = pathToFileURL(folder).toString();
  await client.request('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'notes' }], capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: false } }, ...extraCaps } });
  client.notify('initialized', {});
  await client.waitFor((m) => m.method === 'window/logMessage' && String((m.params as { message: string }).message).includes('ready'));
  return client;
}

const publishedFor = (client: LspClient, uri: string, version: number) =>
  client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Publish).uri === uri && (m.params as Publish).version === version).then((m) => m.params as Publish);

function open(client: LspClient, path: string, version = 1): { uri: string; text: string } {
  const text = readFileSync(path, 'utf8');
  const uri = pathToFileURL(path).toString();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  return { uri, text };
}

function applyTextEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

describe('quick fixes over the protocol', () => {
  it('offers versioned fixes for a leak; applying one removes the finding', async () => {
    const folder = workspace();
    const client = await start(folder);
    const { uri, text } = open(client, join(folder, 'anxiety-group/2026-03-11-anxiety-skills.md'));
    const { diagnostics } = await publishedFor(client, uri, 1);
    const jim = diagnostics.find((d) => d.code === 'other-member-identifier' && d.range.start.line === 55)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: jim.range, context: { diagnostics: [jim] } });
    expect(actions.map((a) => a.title)).toEqual(['Replace with "a peer"', 'Disable other-member-identifier for this line', 'Disable other-member-identifier for this file']);
    expect(actions[0].isPreferred).toBe(true);
    const change = actions[0].edit.documentChanges[0];
    expect(change.textDocument).toEqual({ uri, version: 1 });
    const fixed = applyTextEdits(text, change.edits);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await publishedFor(client, uri, 2);
    expect(after.diagnostics.filter((d) => d.code === 'other-member-identifier').map((d) => d.range.start.line)).toEqual([24]);
  });

  it('offers to rename a heading that names no one on the roster to the member without a section', async () => {
    const folder = workspace();
    const client = await start(folder);
    const path = join(folder, 'anxiety-group/2026-03-11-anxiety-skills.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('## Samuel Okafor', '## Samual Okafer'));
    const { uri, text } = open(client, path);
    const { diagnostics } = await publishedFor(client, uri, 1);
    const missing = diagnostics.filter((d) => d.code === 'member-section-missing');
    expect(missing.map((d) => d.range.start.line)).toEqual([18, 62]); // Samuel's roster entry, the heading
    const heading = missing[1];
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: heading.range, context: { diagnostics: [heading] } });
    expect(actions[0]).toMatchObject({ title: 'Rename the heading to "Samuel Okafor (MRN-20711)"', isPreferred: true });
    const fixed = applyTextEdits(text, actions[0].edit.documentChanges[0].edits);
    expect(fixed.split('\n')[62]).toBe('## Samuel Okafor (MRN-20711)');
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await publishedFor(client, uri, 2);
    expect(after.diagnostics.filter((d) => d.code === 'member-section-missing')).toEqual([]);
  });

  it('offers to insert a missing Response field', async () => {
    const folder = workspace();
    const client = await start(folder);
    const { uri, text } = open(client, join(folder, 'anxiety-group/2026-03-11-anxiety-skills.md'));
    const { diagnostics } = await publishedFor(client, uri, 1);
    const samuel = diagnostics.find((d) => d.code === 'response-missing' && d.range.start.line === 62)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: samuel.range, context: { diagnostics: [samuel] } });
    const insert = actions.find((a) => a.title === 'Insert a Response field')!;
    expect(applyTextEdits(text, insert.edit.documentChanges[0].edits)).toContain('with a peer.\n\n**Response:** \n\n**Treatment plan:** Goal 1.1');
  });

  it("links a goal from the member's treatment plan found in the workspace, and shows it on hover", async () => {
    const folder = workspace();
    const client = await start(folder);
    const path = join(folder, 'anxiety-group/2026-03-11-anxiety-skills.md');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace('**Treatment plan:** Goal 1.2, reduce situational avoidance.\n\n', ''));
    const { uri } = open(client, path);
    const { diagnostics } = await publishedFor(client, uri, 1);
    const maria = diagnostics.find((d) => d.code === 'treatment-plan-link-missing' && d.range.start.line === 28)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: maria.range, context: { diagnostics: [maria] } });
    expect(actions.map((a) => a.title)).toContainEqual(expect.stringMatching(/^Link to Objective 1\.2 \(Reduce situational avoidance: enter three avoi.*\.\.\.\)$/));
    expect(actions.map((a) => a.title)).toContainEqual('Link to Goal 2 (Restore daily routine)');
    // hover on "Goal 1.2" in the 2026-03-04 note shows the objective from Maria's plan
    const march4 = open(client, join(folder, 'anxiety-group/2026-03-04-anxiety-skills.md'), 3);
    const line = march4.text.split('\n').findIndex((l) => l.startsWith('**Treatment plan:** Goal 1.2'));
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: march4.uri }, position: { line, character: 22 } });
    expect(hover.contents.value).toContain("**Objective 1.2** in Maria Lopez's treatment plan: Reduce situational avoidance");
  });
});

describe('treatment plan goals in the editor', () => {
  it("completes a member's plan goals in their section and goes to the goal's definition", async () => {
    const folder = workspace();
    const client = await start(folder);
    const { uri, text } = open(client, join(folder, 'anxiety-group/2026-03-04-anxiety-skills.md'));
    await publishedFor(client, uri, 1);
    const line = text.split('\n').findIndex((l) => l.startsWith('**Treatment plan:** Goal 1.2'));
    const items = await client.request<{ label: string; insertText: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line, character: 20 } });
    expect(items.map((i) => i.label)).toEqual(['Goal 1', 'Objective 1.1', 'Objective 1.2', 'Goal 2', 'Objective 2.1']);
    expect(items[2].insertText).toBe('Objective 1.2: Reduce situational avoidance: enter three avoided places (grocery store, bus, cinema) for at least 10 minutes each, rating anxiety before and after.');
    const definition = await client.request<{ uri: string; range: Range }>('textDocument/definition', { textDocument: { uri }, position: { line, character: 23 } });
    expect(definition.uri).toBe(pathToFileURL(join(folder, 'anxiety-group/plans/MRN-20417.md')).toString());
    expect(readFileSync(join(folder, 'anxiety-group/plans/MRN-20417.md'), 'utf8').split('\n')[definition.range.start.line]).toMatch(/^- \*\*1\.2\*\*/);
    // James has no plan in the folder: no goals offered
    const james = text.split('\n').findIndex((l) => l.startsWith('**Treatment plan:** Objective 2.1'));
    expect(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: james, character: 20 } })).toEqual([]);
  });
});

describe('hovers and code lenses', () => {
  it('summarises a member section on its heading, shows copied text, and puts a lens on each member', async () => {
    const folder = workspace();
    // the foundation rules only, so the counts below stay about them
    const client = await start(folder, { rules: { ...ONLY_FOUNDATION, ...CROSS_NOTE_OFF } });
    const { uri } = open(client, join(folder, 'anxiety-group/2026-03-11-anxiety-skills.md'));
    await publishedFor(client, uri, 1);
    const heading = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 62, character: 5 } });
    expect(heading.contents.value).toMatch(/^\*\*Samuel Okafor\*\* \(MRN-20711\): 1 problem\n\n- `response-missing`/);
    const copy = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 30, character: 30 } });
    expect(copy.contents.value).toContain("Matches James O'Connor's section (similarity 1)");
    expect(copy.contents.value).toContain('> Client participated in group discussion');
    const lenses = await client.request<{ range: Range; command: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
    expect(lenses.map((l) => `${l.range.start.line}:${l.command.title}`)).toEqual([
      '28:groupnote-lint: 4 problems (member-copy-paste, participation-missing, response-missing)',
      '40:groupnote-lint: 4 problems (member-copy-paste, participation-missing, response-missing)',
      '52:groupnote-lint: 2 problems (treatment-plan-link-missing, other-member-identifier)',
      '62:groupnote-lint: 1 problem (response-missing)',
    ]);
  });
});

describe('code lenses with cross-note findings', () => {
  it("count a member's cross-note findings with their own, as the Problems panel lists them", async () => {
    const folder = workspace();
    const client = await start(folder, { rules: ONLY_FOUNDATION });
    await client.waitFor((m) => m.method === 'window/logMessage' && /indexed \d+ notes/.test(String((m.params as { message: string }).message)));
    const { uri } = open(client, join(folder, 'anxiety-group/2026-03-04-anxiety-skills.md'));
    const { diagnostics } = await publishedFor(client, uri, 1);
    const james = diagnostics.filter((d) => d.code === 'treatment-plan');
    expect(james.length).toBeGreaterThan(0);
    const lenses = await client.request<{ range: Range; command: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
    for (const d of james) {
      const lens = lenses.find((l) => l.range.start.line === d.range.start.line)!;
      expect(lens.command.title).toContain('treatment-plan');
    }
  });
});

describe('configuration over the protocol', () => {
  it('a .groupnoterc.json wins over settings and reloads when it changes', async () => {
    const folder = workspace();
    const client = await start(folder, { rules: { ...ONLY_FOUNDATION, 'response-missing': 'error' } });
    const path = join(folder, 'iop-relapse-prevention/2026-05-19-relapse-prevention.md');
    const { uri, text } = open(client, path);
    const first = await publishedFor(client, uri, 1);
    expect(first.diagnostics.find((d) => d.code === 'response-missing')!.severity).toBe(1);
    // the file turns the rule off and downgrades the leak
    writeFileSync(join(folder, '.groupnoterc.json'), JSON.stringify({ rules: { 'response-missing': 'off', 'other-member-identifier': 'info' } }));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, '.groupnoterc.json')).toString(), type: 1 }] });
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    const second = await publishedFor(client, uri, 2);
    expect(second.diagnostics.map((d) => `${d.code}:${d.severity}`)).toEqual(['treatment-plan-link-missing:2', 'other-member-identifier:3']);
  });

  it('in onSave mode, typing does not re-check; saving does', async () => {
    const folder = workspace();
    const client = await start(folder, { run: 'onSave', rules: ONLY_FOUNDATION });
    const path = join(folder, 'iop-relapse-prevention/2026-05-19-relapse-prevention.md');
    const { uri, text } = open(client, path);
    expect((await publishedFor(client, uri, 1)).diagnostics).toHaveLength(3);
    const fixed = text.replace('He gave Teresa credit', 'He gave a peer credit');
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    client.notify('textDocument/didSave', { textDocument: { uri } });
    const saved = await publishedFor(client, uri, 2);
    expect(saved.diagnostics.map((d) => d.code)).toEqual(['response-missing', 'treatment-plan-link-missing']);
    // nothing was published for version 2 before the save
    expect(client.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Publish).version === 2)).toHaveLength(1);
  });

  it('debounces a burst of edits into one check of the last version', async () => {
    const folder = workspace();
    const client = await start(folder, { debounceMs: 100 });
    const { uri, text } = open(client, join(folder, 'iop-relapse-prevention/2026-05-19-relapse-prevention.md'));
    await publishedFor(client, uri, 1);
    for (let v = 2; v <= 20; v++) client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: `${text}\n${'x'.repeat(v)}` }] });
    await publishedFor(client, uri, 20);
    const versions = client.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics').map((m) => (m.params as Publish).version);
    expect(versions).toEqual([1, 20]);
  });
});

describe('server commands', () => {
  it('exports member notes and builds next week\'s note from this one', async () => {
    const folder = workspace();
    const client = await start(folder);
    const { uri } = open(client, join(folder, 'anxiety-group/2026-03-04-anxiety-skills.md'));
    await publishedFor(client, uri, 1);
    const exports = await client.request<{ fileName: string; leaks: unknown[]; text: string }[]>('workspace/executeCommand', { command: 'groupnoteLint.server.exportMemberNotes', arguments: [uri] });
    expect(exports).toHaveLength(3);
    expect(exports.every((e) => e.leaks.length === 0)).toBe(true);
    const template = await client.request<string>('workspace/executeCommand', { command: 'groupnoteLint.server.templateFromNote', arguments: [uri, '2026-03-18'] });
    expect(template).toContain('date: 2026-03-18');
    expect(template).toContain("## James O'Connor (MRN-20533)");
    expect(template).toContain('## Samuel Okafor (MRN-20711)');
  });
});

describe('code action kinds, fix all and snippets', () => {
  const relapse = 'iop-relapse-prevention/2026-05-19-relapse-prevention.md';
  const planFor = (id: string, codes: string) => `---\nnote: treatment-plan\npatient: "${id}"\ndiagnoses: [${codes}]\n---\n\n## Goals\n\n- **1** Stay sober.\n`;

  it('answers only the kinds asked for; fix all applies the safe fixes (skeletons, diagnoses from plans) and no name replacement', async () => {
    const folder = workspace();
    writeFileSync(join(folder, 'iop-relapse-prevention/plan-3407.md'), planFor('3407', 'F10.20'));
    const client = await start(folder);
    const { uri, text } = open(client, join(folder, relapse));
    const { diagnostics } = await publishedFor(client, uri, 1);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const ask = (only: string[] | undefined, diags = diagnostics) => client.request<(CodeAction & { kind: string })[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: diags, ...(only ? { only } : {}) } });
    // without `only`: quick fixes, no fix-all among them
    const all = await ask(undefined);
    expect(all.length).toBeGreaterThan(diagnostics.length);
    expect(all.every((a) => a.kind === 'quickfix')).toBe(true);
    // only source actions: fix all, and nothing else
    for (const only of [['source'], ['source.fixAll'], ['source.fixAll.groupnote-lint']]) {
      const actions = await ask(only);
      expect(actions.map((a) => a.kind), only[0]).toEqual(['source.fixAll.groupnote-lint']);
    }
    expect(await ask(['refactor'])).toEqual([]);
    // on save the editor asks with no diagnostics in the context
    const [fixAll] = await ask(['source.fixAll'], []);
    expect(fixAll.edit.documentChanges[0].textDocument).toEqual({ uri, version: 1 });
    const fixed = applyTextEdits(text, fixAll.edit.documentChanges[0].edits);
    expect(fixed).toContain('**Diagnosis:** F10.20');
    expect(fixed).toContain('**Interventions:** ');
    expect(fixed).toContain('He gave Teresa credit');
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await publishedFor(client, uri, 2);
    expect(after.diagnostics.filter((d) => d.code === 'other-member-identifier')).toHaveLength(diagnostics.filter((d) => d.code === 'other-member-identifier').length);
    expect((await ask(['source.fixAll'], [])).length).toBe(0);
  });

  it('sends inserted fields and disable comments as snippets with tab stops to clients that take them', async () => {
    const folder = workspace();
    const client = await start(folder, {}, { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: false }, workspaceEdit: { documentChanges: true, snippetEditSupport: true } } });
    const { uri } = open(client, join(folder, 'anxiety-group/2026-03-11-anxiety-skills.md'));
    const { diagnostics } = await publishedFor(client, uri, 1);
    const samuel = diagnostics.find((d) => d.code === 'response-missing' && d.range.start.line === 62)!;
    const actions = await client.request<{ title: string; edit: { documentChanges: { edits: { snippet?: { kind: string; value: string }; newText?: string }[] }[] } }[]>('textDocument/codeAction', { textDocument: { uri }, range: samuel.range, context: { diagnostics: [samuel] } });
    const insert = actions.find((a) => a.title === 'Insert a Response field')!;
    expect(insert.edit.documentChanges[0].edits).toEqual([{ range: expect.any(Object), snippet: { kind: 'snippet', value: '**Response:** $1\n\n' } }]);
    const disable = actions.find((a) => /for this line$/.test(a.title))!;
    expect(disable.edit.documentChanges[0].edits[0].snippet!.value).toBe('<!-- groupnote-disable-next-line response-missing -- ${1:reason} -->\n');
  });
});

describe('pull diagnostics while typing', () => {
  it('a pull after an edit waits for the pause (debounceMs), and a newer edit cancels it', async () => {
    const folder = workspace();
    const client = await start(folder, { debounceMs: 5000 }, { textDocument: { diagnostic: {} } });
    const { uri, text } = open(client, join(folder, 'iop-relapse-prevention/2026-05-19-relapse-prevention.md'));
    // opening is not an edit: answered without waiting for a pause
    expect((await client.request<{ kind: string }>('textDocument/diagnostic', { textDocument: { uri } })).kind).toBe('full');
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${text}\nKevin` }] });
    const pending = client.request('textDocument/diagnostic', { textDocument: { uri } });
    const pull = client.lastRequestId;
    // a round trip: the pull is under way (waiting for the pause) once this is answered
    await client.request('textDocument/codeLens', { textDocument: { uri } });
    // the editor cancels the pull when the clinician types again, well within the 5 s pause
    client.notify('$/cancelRequest', { id: pull });
    await expect(pending).rejects.toThrow(/-32800/);
  });
});
