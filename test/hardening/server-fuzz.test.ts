// The language server never crashes on generated and mutated notes: one server process is fed
// many documents through didOpen and incremental didChange, asked for diagnostics, hovers, code
// lenses, code actions and completions at random places, and must keep answering with ranges
// inside each document. GROUPNOTE_FUZZ_SERVER_RUNS sets the number of documents.

import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { document, fuzzSettings, isFuzzRun, lineLengths, sampleFiles } from './generators.js';
import { LspClient, serverPath } from '../lsp-client.js';

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Diagnostic {
  range: Range;
  code: string;
  message: string;
  relatedInformation?: { location: { uri: string; range: Range } }[];
}

function rangeProblems(text: string, range: Range, what: string): string[] {
  const lengths = lineLengths(text);
  const problems: string[] = [];
  for (const [name, p] of [['start', range.start], ['end', range.end]] as const) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) problems.push(`${what}: ${name} ${JSON.stringify(p)} is not a position`);
    else if (p.line >= lengths.length) problems.push(`${what}: ${name} line ${p.line} beyond the last line ${lengths.length - 1}`);
    else if (p.character > lengths[p.line]) problems.push(`${what}: ${name} ${JSON.stringify(p)} beyond the end of the line (${lengths[p.line]})`);
  }
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) problems.push(`${what}: start after end`);
  return problems;
}

const edit = fc.record({
  from: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  length: fc.integer({ min: 0, max: 40 }),
  text: fc.oneof(fc.constantFrom('', '\n', '\r\n', '\r', 'Maria Lopez', '## Ben Cole\n\n', '---\n', '😀', 'e\u0301', '\t', '\ufeff', '\ud83d'), fc.string({ unit: 'binary', maxLength: 12 })),
});

const probe = fc.record({
  line: fc.oneof(fc.nat({ max: 80 }), fc.constant(100_000)),
  character: fc.oneof(fc.nat({ max: 120 }), fc.constant(100_000)),
});

const settings = fuzzSettings(40);
const runs = Number(process.env.GROUPNOTE_FUZZ_SERVER_RUNS ?? (isFuzzRun() ? 1000 : 40));

describe('language server under generated documents', () => {
  let client: LspClient;
  let n = 0;

  beforeAll(async () => {
    client = new LspClient(serverPath);
    await client.start({ textDocument: { diagnostic: { dynamicRegistration: false }, publishDiagnostics: { relatedInformation: true } } });
  }, 60_000);
  afterAll(async () => {
    await client?.close();
  });

  it(`answers with ranges inside each document (seed ${settings.seed}, ${runs} documents)`, async () => {
    console.info(`[hardening] server fuzz: seed ${settings.seed}, ${runs} documents`);
    await fc.assert(
      fc.asyncProperty(document, fc.array(edit, { maxLength: 5 }), fc.array(probe, { maxLength: 3 }), fc.boolean(), async (text, edits, probes, close) => {
        const uri = n % 5 === 4 ? `untitled:Untitled-${n}` : `file:///tmp/groupnote-hardening/note-${n}.md`;
        n++;
        let mirror = TextDocument.create(uri, 'markdown', 1, text);
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
        const check = async () => {
          const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
          expect(report.kind).toBe('full');
          const problems = report.items.flatMap((d) => [
            ...rangeProblems(mirror.getText(), d.range, d.code),
            ...(d.relatedInformation ?? []).filter((r) => r.location.uri === uri).flatMap((r) => rangeProblems(mirror.getText(), r.location.range, `${d.code} related`)),
          ]);
          expect(problems).toEqual([]);
          return report.items;
        };
        let diagnostics = await check();
        for (const e of edits) {
          const current = mirror.getText();
          const start = Math.floor(e.from * (current.length + 1));
          const range = { start: mirror.positionAt(start), end: mirror.positionAt(start + e.length) };
          const version = mirror.version + 1;
          mirror = TextDocument.update(mirror, [{ range, text: e.text }], version);
          client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: e.text }] });
        }
        if (edits.length) diagnostics = await check();
        for (const p of probes) {
          await client.request('textDocument/hover', { textDocument: { uri }, position: p });
          await client.request('textDocument/completion', { textDocument: { uri }, position: p });
          await client.request('textDocument/definition', { textDocument: { uri }, position: p });
        }
        const lenses = await client.request<{ range: Range }[]>('textDocument/codeLens', { textDocument: { uri } });
        expect(lenses.flatMap((l) => rangeProblems(mirror.getText(), l.range, 'code lens'))).toEqual([]);
        if (diagnostics.length) {
          const actions = await client.request<{ edit?: { documentChanges?: { edits: { range: Range }[] }[] } }[]>('textDocument/codeAction', {
            textDocument: { uri },
            range: diagnostics[0].range,
            context: { diagnostics },
          });
          const editRanges = actions.flatMap((a) => a.edit?.documentChanges ?? []).flatMap((c) => c.edits.map((x) => x.range));
          expect(editRanges.flatMap((r) => rangeProblems(mirror.getText(), r, 'quick fix'))).toEqual([]);
        }
        if (close) client.notify('textDocument/didClose', { textDocument: { uri } });
        expect(client.alive).toBe(true);
      }),
      { seed: settings.seed, numRuns: runs, endOnFailure: true },
    );
    // still serving: a sample with known problems gets its findings
    const uri = 'file:///tmp/groupnote-hardening/final.md';
    const sample = readFileSync(sampleFiles.find((f) => f.includes('relapse-prevention'))!, 'utf8');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: sample } });
    const report = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(report.items.length).toBeGreaterThan(0);
    expect(client.alive).toBe(true);
    expect(client.stderr).toBe('');
    const errors = client.notifications.filter((m) => m.method === 'window/logMessage' && (m.params as { type: number }).type === 1);
    expect(errors).toEqual([]);
  }, 60_000 + runs * 3000);
});
