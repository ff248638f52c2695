// Neovim (Debian's 0.7, headless) runs the built language server over stdio on a copy of a sample
// note: vim.diagnostic.get() must hold the sample's findings, and the "a peer" quick fix, applied
// through Neovim's own workspace-edit code, must remove the other-member-identifier finding.
// The Lua side (nvim-lsp.lua) waits with vim.wait on conditions; no fixed sleeps.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copySamples, e2eEnv, expectedRuleIds, repoRoot, sampleRelative } from './paths.js';

interface VimDiagnostic {
  code: string;
  source: string;
  severity: number;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
}
interface Result {
  nvim: string;
  ok?: boolean;
  error?: string;
  server_name?: string;
  initial?: VimDiagnostic[];
  fix_titles?: string[];
  after_fix?: VimDiagnostic[];
}

const work = mkdtempSync(join(tmpdir(), 'groupnote-nvim-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runNeovim(note: string, out: string): Promise<{ code: number | null; output: string }> {
  const { nvim } = e2eEnv();
  return new Promise((resolve, reject) => {
    const child = spawn(nvim, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(repoRoot, 'test', 'e2e', 'nvim-lsp.lua')}`], {
      cwd: work,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        XDG_CONFIG_HOME: join(work, 'config'),
        XDG_DATA_HOME: join(work, 'data'),
        XDG_STATE_HOME: join(work, 'state'),
        XDG_CACHE_HOME: join(work, 'cache'),
        GROUPNOTE_NODE: process.execPath,
        GROUPNOTE_SERVER: join(repoRoot, 'dist', 'server.js'),
        GROUPNOTE_NOTE: note,
        GROUPNOTE_OUT: out,
        GROUPNOTE_TIMEOUT_MS: '20000',
      },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    // the Lua script quits by itself; this only guards against a hung editor
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    });
  });
}

describe('Neovim 0.7 with the language server over stdio', () => {
  it('shows the findings in vim.diagnostic and applies the "a peer" quick fix', async () => {
    copySamples(join(work, 'samples'));
    const note = join(work, 'samples', sampleRelative);
    const out = join(work, 'result.json');
    const started = Date.now();
    const { code } = await runNeovim(note, out);
    const result = JSON.parse(readFileSync(out, 'utf8')) as Result;
    expect(result.error).toBeUndefined();
    expect(code).toBe(0);
    expect(result.nvim).toMatch(/^0\.\d+$/);
    expect(result.server_name).toBe('groupnote-lint');

    const initial = result.initial!;
    // the sample's findings (other rules may add more)
    expect(initial.map((d) => d.code)).toEqual(expect.arrayContaining(expectedRuleIds));
    expect(initial.every((d) => d.source === 'groupnote-lint')).toBe(true);
    // "Teresa" in Daniel's section: line 52, columns 50-55 (1-based); an error (vim severity 1)
    expect(initial.filter((d) => d.code === 'other-member-identifier').map((d) => [d.lnum, d.col, d.end_col, d.severity])).toEqual([[51, 49, 55, 1]]);

    expect(result.fix_titles).toContain('Replace with "a peer"');
    const after = result.after_fix!;
    expect(after.map((d) => d.code)).not.toContain('other-member-identifier');
    expect(after.map((d) => d.code)).toEqual(expect.arrayContaining(['response-missing', 'treatment-plan-link-missing']));

    const saved = readFileSync(note, 'utf8').split('\n');
    expect(saved[51]).toContain('He gave a peer credit for being honest');
    expect(saved[51]).not.toContain('Teresa');
    console.log(`[e2e] neovim run: ${Date.now() - started} ms`);
  });
});
