// Debug switches of bundled dependencies must print nothing. The yaml package prints every token
// (LOG_TOKENS) or node (LOG_STREAM) it reads, and warns on stderr with the key's text when a map
// key is a collection; the CLI and the server remove the switches at start and read YAML with its
// log level at "error" (engine/debug-switches.ts). The bundles are read for every environment
// variable they read, so that a new dependency's switch is looked at.

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_PRINTING_SWITCHES } from '../../engine/debug-switches.js';
import { repoRoot } from './generators.js';
import { LspClient, serverPath } from '../lsp-client.js';
import { useTempDirs } from '../temp-dirs.js';

const tempDir = useTempDirs();

/** Read by the bundles and looked at: they print no note text. */
const HARMLESS = new Set([
  'NO_COLOR', // the CLI's colours
  'XDG_RUNTIME_DIR', // vscode-languageserver: where to put a pipe
]);

const SWITCHES = Object.fromEntries(CONTENT_PRINTING_SWITCHES.map((name) => [name, '1']));

// flow-style roster (read by the yaml package, not the fast reader) and a collection as a map key
const note = `---
note: group-psychotherapy
cpt: 90853
date: 2026-03-04
start: "14:00"
end: "15:30"
? [Korvatush, 1984-02-03]
: seen
members:
  - {id: "MRN-1", name: Korvatush Emberline, dob: 1984-02-03, phone: "555-313-4242"}
  - {id: "MRN-2", name: Pellucida Quorn}
---

## Korvatush Emberline

**Participation:** Talked about sleep.

## Pellucida Quorn

**Participation:** Talked about work.
`;
/** What the yaml package would print: the roster's names, a date of birth, a phone number. */
const MARKERS = ['Korvatush', 'Emberline', 'Pellucida', '1984-02-03', '313-4242'];
const leaks = (text: string) => MARKERS.filter((m) => text.includes(m));

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/groupnote-lint.js'), ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('environment variables read by the bundles', () => {
  for (const bundle of ['dist/cli.js', 'dist/server.js']) {
    it(`${bundle}: each is neutralised or known to print no note text`, () => {
      const code = readFileSync(join(repoRoot, bundle), 'utf8');
      const names = new Set<string>();
      // reads only: `env.NAME` or `env["NAME"]` not followed by an assignment
      for (const m of code.matchAll(/\benv(?:\.([A-Za-z_$][\w$]*)|\[\s*["'`]([^"'`]+)["'`]\s*\])(?!\s*=[^=])/g)) names.add(m[1] ?? m[2]);
      const unreviewed = [...names].filter((name) => !HARMLESS.has(name) && !CONTENT_PRINTING_SWITCHES.includes(name));
      expect(unreviewed).toEqual([]);
      // the yaml package is in both bundles and reads both of its switches (the glob library only in the CLI's)
      for (const name of ['LOG_TOKENS', 'LOG_STREAM']) expect(names).toContain(name);
    });
  }
});

describe('CLI: dependency switches print nothing', () => {
  it('--format json stays JSON, and stderr holds no roster text', async () => {
    const dir = tempDir('groupnote-switches-');
    writeFileSync(join(dir, 'note.md'), note);
    const result = await run(['--format', 'json', '--jobs', '1', join(dir, 'note.md')], SWITCHES);
    expect(result.code).toBeLessThan(2);
    const findings = JSON.parse(result.stdout) as { ruleId: string }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(result.stderr).toBe('');
    // the findings name members by design; tokens would also show the date of birth and phone
    expect(leaks(result.stdout).filter((m) => /\d/.test(m))).toEqual([]);
  }, 120_000);
});

describe('server: dependency switches print nothing to the log', () => {
  it('no roster text in logs, traces or stderr', async () => {
    const dir = tempDir('groupnote-switches-server-');
    const client = new LspClient(serverPath, { env: SWITCHES });
    try {
      await client.start({ textDocument: { diagnostic: { dynamicRegistration: false } } }, { rules: {} }, pathToFileURL(dir).toString());
      const uri = pathToFileURL(join(dir, 'note.md')).toString();
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: note } });
      const report = await client.request<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } });
      expect(report.items.length).toBeGreaterThan(0);
      await client.request('workspace/executeCommand', { command: 'groupnoteLint.server.exportMemberNotes', arguments: [uri] }).catch(() => null);
      expect(leaks(client.logText())).toEqual([]);
      expect(client.alive).toBe(true);
    } finally {
      await client.close();
      await client.exited();
    }
  }, 120_000);
});
