// Protocol test: the built server (dist/server.js) over stdio, as an editor drives it.

import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LspClient } from './lsp-client.js';
import { isFoundationRule } from './rules/foundation.js';

const serverPath = fileURLToPath(new URL('../dist/server.js', import.meta.url));
const samplePath = fileURLToPath(new URL('../samples/iop-relapse-prevention/2026-05-19-relapse-prevention.md', import.meta.url));
const sampleText = readFileSync(samplePath, 'utf8');
const uri = pathToFileURL(samplePath).toString();

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code: string;
  severity: number;
  codeDescription: { href: string };
  source: string;
  message: string;
}
type Publish = { method: string; params: { uri: string; version?: number; diagnostics: Diagnostic[] } };

const clients: LspClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function start(capabilities: Record<string, unknown> = {}): Promise<LspClient> {
  const client = new LspClient(serverPath);
  clients.push(client);
  await client.request('initialize', { processId: process.pid, rootUri: null, capabilities, workspaceFolders: null });
  client.notify('initialized', {});
  return client;
}

/** The foundation rules' diagnostics; the billing and documentation rules are asserted on their own. */
const foundation = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => isFoundationRule(d.code));

const published = (client: LspClient, version: number) =>
  client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Publish['params']).version === version) as Promise<Publish>;

describe('language server over stdio', () => {
  it('pushes diagnostics on open, with ranges, codes and doc links, to a minimal client', async () => {
    const client = await start();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: sampleText } });
    const { params } = await published(client, 1);
    expect(params.uri).toBe(uri);
    const at = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
    expect(foundation(params.diagnostics).map(at)).toEqual([
      'response-missing@42:0-42:21',
      'treatment-plan-link-missing@42:0-42:21',
      'other-member-identifier@51:49-51:55',
    ]);
    // billing and documentation rules, with their default severities (2 = warning)
    expect(params.diagnostics.filter((d) => !isFoundationRule(d.code)).map((d) => `${at(d)}:${d.severity}`)).toEqual([
      'telehealth-documentation-missing@6:0-6:19:2',
      'diagnosis-missing@11:0-11:8:2',
      'risk-assessment-missing@32:43-32:48:2',
      'member-not-participating@44:20-44:63:2',
    ]);
    const leak = foundation(params.diagnostics)[2];
    expect(leak.severity).toBe(1);
    expect(leak.source).toBe('groupnote-lint');
    expect(leak.codeDescription.href).toMatch(/^file:.*\/docs\/rules\/other-member-identifier\.md$/);
    expect(readFileSync(fileURLToPath(leak.codeDescription.href), 'utf8')).toContain('other-member-identifier');
  });

  it('re-checks on incremental didChange and publishes for the new version', async () => {
    const client = await start();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: sampleText } });
    await published(client, 1);
    // Replace "Teresa" in Daniel's section (line 51, col 49-55) with "a peer".
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 51, character: 49 }, end: { line: 51, character: 55 } }, text: 'a peer' }],
    });
    const { params } = await published(client, 2);
    expect(foundation(params.diagnostics).map((d) => d.code)).toEqual(['response-missing', 'treatment-plan-link-missing']);
    // Add a goal reference for Kevin: the plan-link warning goes away.
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 45, character: 0 }, end: { line: 45, character: 0 } }, text: 'Goal 1.1, stay engaged in treatment. ' }],
    });
    expect(foundation((await published(client, 3)).params.diagnostics).map((d) => d.code)).toEqual(['response-missing']);
  });

  it('clears diagnostics when the document closes, and ignores non-group Markdown', async () => {
    const client = await start();
    const readme = 'file:///tmp/README.md';
    client.notify('textDocument/didOpen', { textDocument: { uri: readme, languageId: 'markdown', version: 1, text: '# Team\n\nMaria Lopez and Jim wrote this.\n' } });
    expect((await published(client, 1)).params.diagnostics).toEqual([]);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 7, text: sampleText } });
    await published(client, 7);
    client.notify('textDocument/didClose', { textDocument: { uri } });
    const cleared = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Publish['params']).uri === uri && (m.params as Publish['params']).version === undefined);
    expect((cleared.params as Publish['params']).diagnostics).toEqual([]);
  });

  it('answers pull diagnostics when the client supports them', async () => {
    const client = await start({ textDocument: { diagnostic: { dynamicRegistration: false } } });
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: sampleText } });
    const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(report.kind).toBe('full');
    expect(foundation(report.items).map((d) => d.code)).toEqual(['response-missing', 'treatment-plan-link-missing', 'other-member-identifier']);
    expect(client.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics')).toEqual([]);
  });

  it('applies group-note globs and rule severities from workspace/configuration', async () => {
    const client = new LspClient(serverPath);
    clients.push(client);
    client.handlers['workspace/configuration'] = () => [{ groupNoteGlobs: ['weekly/*.md'], rules: { 'other-member-identifier': 'warning', 'response-missing': 'bogus' } }];
    await client.request('initialize', { processId: process.pid, rootUri: 'file:///notes', capabilities: { workspace: { configuration: true } }, workspaceFolders: [{ uri: 'file:///notes', name: 'notes' }] });
    client.notify('initialized', {});
    await client.waitFor((m) => m.method === 'window/logMessage' && String((m.params as { message: string }).message).includes('ready'));
    const text = '# Week 3\n\n## Ana Silva\n\nAsked Ben Cole for a ride; when the facilitator suggested a carpool list, she added her phone number to it. Goal 1.\n\n## Ben Cole\n\nOffered a ride home; when the facilitator thanked him, he said he felt useful for the first time in weeks. Goal 2.\n';
    client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///notes/weekly/w3.md', languageId: 'markdown', version: 1, text } });
    client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///notes/other/w3.md', languageId: 'markdown', version: 2, text } });
    const first = (await published(client, 1)).params.diagnostics;
    expect(foundation(first).map((d) => `${d.code}:${d.severity}`)).toEqual(['other-member-identifier:2']);
    expect((await published(client, 2)).params.diagnostics).toEqual([]);
  });

  it('survives broken frontmatter and binary-looking text without crashing, and logs no note text', async () => {
    const client = await start();
    const broken = '---\nnote: group-psychotherapy\nmembers: [Zelda Quist\n---\n## Zelda Quist\n\nDescribed things.\n';
    client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/broken.md', languageId: 'markdown', version: 1, text: broken } });
    const { params } = await published(client, 1);
    expect(params.diagnostics.map((d) => d.code)).toContain('frontmatter-invalid');
    client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/bin.md', languageId: 'markdown', version: 2, text: '\u0000\u0001\u0002\uFFFD'.repeat(1000) } });
    await published(client, 2);
    // still serving
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 3, text: sampleText } });
    expect(foundation((await published(client, 3)).params.diagnostics)).toHaveLength(3);
    const logs = client.notifications.filter((m) => m.method === 'window/logMessage').map((m) => JSON.stringify(m.params));
    expect(logs.join('\n')).not.toMatch(/Zelda|Quist|Teresa/);
    expect(client.stderr).not.toMatch(/Zelda|Quist|Teresa/);
  });
});
