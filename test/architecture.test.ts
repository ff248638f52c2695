// The layers ARCHITECTURE.md describes, checked on the import graph (TypeScript's own parser; type-only
// imports are left out, as they vanish at run time): the engine imports no editor, server or CLI
// code; the server, the CLI and the extension do not import each other; the sentence analysis sits
// under the rules; rules do not reach the editor features; no runtime import cycle.
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

  it('the note model and the text layer do not import rules, and rules do not import editor features', () => {
    expect(breaking((i) => i.from.startsWith('engine/facts/') && i.to.startsWith('engine/rules/'))).toEqual([]);
    const model = ['engine/facts/note.ts', 'engine/parse/text.ts', 'engine/facts/names.ts', 'engine/parse/labels.ts', 'engine/facts/session.ts', 'engine/parse/blocks.ts', 'engine/parse/simple-blocks.ts'];
    expect(breaking((i) => model.includes(i.from) && i.to.startsWith('engine/rules/'))).toEqual([]);
    expect(breaking((i) => i.from.startsWith('engine/rules/') && ['engine/editor/fixes.ts', 'engine/editor/export.ts', 'engine/editor/template.ts'].includes(i.to))).toEqual([]);
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
