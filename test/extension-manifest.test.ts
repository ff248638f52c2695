// What package.json promises the editor, checked against what the code does: the $groupnote-lint
// problem matcher reads every finding line the CLI prints, every contributed command is registered
// by the client (and every registered one contributed), and the extension activates when a folder
// of notes opens.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const clientSource = readFileSync(new URL('../client/src/extension.ts', import.meta.url), 'utf8');
const samples = fileURLToPath(new URL('../samples', import.meta.url));

describe('package.json contributions', () => {
  it('the $groupnote-lint problem matcher reads every finding the CLI prints, with its file, position, severity and rule', () => {
    const [matcher] = manifest.contributes.problemMatchers;
    expect(matcher.name).toBe('groupnote-lint');
    const cli = fileURLToPath(new URL('../bin/groupnote-lint.js', import.meta.url));
    const human = spawnSync(process.execPath, [cli, '.'], { cwd: samples, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const json = spawnSync(process.execPath, [cli, '--format', 'json', '.'], { cwd: samples, encoding: 'utf8' });
    const findings = JSON.parse(json.stdout) as { file: string; line: number; column: number; severity: string; ruleId: string; message: string }[];
    const pattern = new RegExp(matcher.pattern.regexp);
    const read = human.stdout.split('\n').map((l) => pattern.exec(l)).filter((m) => m !== null).map((m) => ({
      file: m[matcher.pattern.file],
      line: Number(m[matcher.pattern.line]),
      column: Number(m[matcher.pattern.column]),
      severity: m[matcher.pattern.severity],
      ruleId: m[matcher.pattern.code],
      message: m[matcher.pattern.message],
    }));
    expect(findings.length).toBeGreaterThan(10);
    expect(read).toEqual(findings.map(({ file, line, column, severity, ruleId, message }) => ({ file, line, column, severity, ruleId, message })));
    // the summary line is not a finding
    expect(human.stdout.trim().split('\n').at(-1)).not.toMatch(pattern);
  });

  it('registers every contributed command in the client, and contributes every command it registers', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    const registered = [...clientSource.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    expect(registered).toEqual(contributed);
    expect(manifest.contributes.taskDefinitions.map((t: { type: string }) => t.type)).toEqual(['groupnote-lint']);
    expect(clientSource).toContain("'$groupnote-lint'");
  });

  it('activates when a folder with Markdown notes opens, not only on a Markdown editor', () => {
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onLanguage:markdown', 'workspaceContains:**/*.md', 'workspaceContains:**/*.markdown', 'workspaceContains:**/.groupnoterc.json']));
  });
});
