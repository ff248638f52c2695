// The layers ARCHITECTURE.md describes, checked on the import graph (TypeScript's own parser; type-only
// imports count for the layers but not for cycles, as they vanish at run time): the engine imports no editor, server or CLI
// code; the server, the CLI and the extension do not import each other; the sentence analysis sits
// under the rules; the engine's folders keep their layer order (parse, language, facts, rules,
// workspace, editor and report) and the server's modules theirs; no runtime import cycle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const files: string[] = [];
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(relative(root, full).replace(/\\/g, '/'));
  }
};
for (const dir of ['engine', 'server/src', 'client/src', 'cli']) walk(join(root, dir));

interface Import { from: string; to: string; typeOnly: boolean }

function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, false);
  const out: Import[] = [];
  for (const statement of source.statements) {
    if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const spec = statement.moduleSpecifier.text;
    const typeOnly = ts.isImportDeclaration(statement) ? !!statement.importClause?.isTypeOnly : statement.isTypeOnly;
    const to = spec.startsWith('.') ? relative(root, resolve(join(root, dirname(file)), spec)).replace(/\\/g, '/').replace(/\.js$/, '.ts') : spec;
    out.push({ from: file, to, typeOnly });
  }
  return out;
}

const imports = files.flatMap(importsOf);
const runtime = imports.filter((i) => !i.typeOnly);
const breaking = (rule: (i: Import) => boolean) => imports.filter(rule).map((i) => `${i.from} -> ${i.to}`);

// The engine's layers, lowest first (ARCHITECTURE.md). A file may import its own layer and those
// below it, type-only imports included; a folder entry covers the folder, a file entry overrides it.
const ENGINE_LAYERS: string[][] = [
  // reading a note: Markdown blocks, frontmatter, labels, text utilities, parse budget, disable
  // comments; and the two files with no engine imports at all
  ['engine/parse/', 'engine/version.ts', 'engine/debug-switches.ts'],
  // sentence analysis and cue words
  ['engine/language/'],
  // the note model, session facts, names, plans, payer profiles and the facts several rules read
  ['engine/facts/'],
  // one note's summary for the cross-note rules (no note text), and its MinHash signature
  ['engine/workspace/summary.ts', 'engine/workspace/minhash.ts', 'engine/workspace/types.ts'],
  // the rules, single-note and cross-note
  ['engine/rules/'],
  // running the rules: lintText, the configuration, the workspace index and note files
  ['engine/index.ts', 'engine/config.ts', 'engine/workspace/'],
  // on top of findings: quick fixes, templates, export; reports
  ['engine/editor/', 'engine/report/'],
  // the library entry
  ['engine/api.ts'],
];
// Type-only imports that go up a layer: what the workspace index and the cross-note rules share
// (workspace/types.ts) names the rule types it carries.
const TYPE_EXCEPTIONS = new Set(['engine/workspace/types.ts -> engine/rules/rule.ts']);

/** The layer of an engine file (its most specific entry), -1 when it has none. */
function engineLayer(path: string): number {
  let best = -1;
  let length = 0;
  ENGINE_LAYERS.forEach((entries, layer) => {
    for (const entry of entries) {
      const covers = entry.endsWith('/') ? path.startsWith(entry) : path === entry;
      if (covers && entry.length > length) [best, length] = [layer, entry.length];
    }
  });
  return best;
}

// The language server's modules, lowest first: helpers that hold no server state; the shared state;
// diagnostics; editor features; the connection wiring.
const SERVER_LAYERS: string[][] = [
  ['commands.ts', 'plan-index.ts', 'presentation.ts', 'settings.ts', 'summary.ts', 'workspace.ts'],
  ['context.ts'],
  ['diagnostics.ts'],
  ['editor-features.ts'],
  ['server.ts'],
];
const serverLayer = (path: string) => SERVER_LAYERS.findIndex((names) => names.some((n) => path === `server/src/${n}`));

describe('layers', () => {
  it('reads the whole source tree', () => {
    expect(files.length).toBeGreaterThan(80);
    expect(imports.length).toBeGreaterThan(300);
  });

  it('the engine imports no editor, server or CLI code', () => {
    expect(breaking((i) => i.from.startsWith('engine/') && (/^(?:server|client|cli)\//.test(i.to) || /^vscode/.test(i.to)))).toEqual([]);
  });

  it('the server, the CLI and the VS Code client do not import each other', () => {
    const layer = (p: string) => (p.startsWith('server/') ? 'server' : p.startsWith('cli/') ? 'cli' : p.startsWith('client/') ? 'client' : null);
    // (shared data such as server/node-flags.json, read by the client to start the server, is not code)
    expect(breaking((i) => layer(i.from) !== null && layer(i.to) !== null && layer(i.from) !== layer(i.to) && !i.to.endsWith('.json'))).toEqual([]);
  });

  it('the sentence analysis (engine/language) uses only itself and the text utilities', () => {
    expect(breaking((i) => i.from.startsWith('engine/language/') && i.to.startsWith('engine/') && !i.to.startsWith('engine/language/') && i.to !== 'engine/parse/text.ts')).toEqual([]);
  });

  it('every engine file is in a layer', () => {
    expect(files.filter((f) => f.startsWith('engine/') && engineLayer(f) < 0)).toEqual([]);
  });

  it('an engine layer imports only its own layer and the ones below it', () => {
    expect(breaking((i) => i.from.startsWith('engine/') && i.to.startsWith('engine/') && engineLayer(i.to) > engineLayer(i.from) && !TYPE_EXCEPTIONS.has(`${i.from} -> ${i.to}`))).toEqual([]);
    // each exception is still a type-only import (a runtime one would break the order)
    expect(imports.filter((i) => TYPE_EXCEPTIONS.has(`${i.from} -> ${i.to}`) && !i.typeOnly)).toEqual([]);
  });

  it('the editor features and the report writers do not import each other', () => {
    expect(breaking((i) => (i.from.startsWith('engine/editor/') && i.to.startsWith('engine/report/')) || (i.from.startsWith('engine/report/') && i.to.startsWith('engine/editor/')))).toEqual([]);
  });

  it('the server modules import only the ones below them', () => {
    expect(files.filter((f) => f.startsWith('server/src/') && serverLayer(f) < 0)).toEqual([]);
    expect(breaking((i) => i.from.startsWith('server/src/') && i.to.startsWith('server/src/') && serverLayer(i.to) >= serverLayer(i.from) && serverLayer(i.from) > 0)).toEqual([]);
    // the helpers under context.ts import none of the server's own modules but the plan index
    expect(breaking((i) => i.from.startsWith('server/src/') && serverLayer(i.from) === 0 && i.to.startsWith('server/src/') && i.to !== 'server/src/plan-index.ts')).toEqual([]);
  });

  it('has no runtime import cycle', () => {
    const graph = new Map<string, string[]>();
    for (const i of runtime) graph.set(i.from, [...(graph.get(i.from) ?? []), i.to]);
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const d of graph.get(f) ?? []) {
        if (state.get(d) === 'open') cycles.push([...stack.slice(stack.indexOf(d)), d].join(' -> '));
        else if (!state.has(d)) visit(d);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
