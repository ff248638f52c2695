// Configuration files: validation, discovery, precedence over editor settings, and the CLI.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile, loadConfigFile, mergeConfig, validateConfig } from '../engine/config.js';
import { isFoundationRule, ONLY_FOUNDATION } from './rules/foundation.js';
import { useTempDirs } from './temp-dirs.js';

const root = new URL('..', import.meta.url).pathname;
const tempDir = useTempDirs();
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/groupnote-lint.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('configuration', () => {
  it('keeps valid values and reports each invalid one', () => {
    const { config, problems } = validateConfig({
      rules: { 'member-copy-paste': 'off', 'response-missing': 'loud', 'no-such-rule': 'error' },
      options: { copyPasteSimilarity: 0.9, copyPasteMinWords: 1 },
      colour: 'blue',
    });
    expect(config).toEqual({ rules: { 'member-copy-paste': 'off' }, options: { copyPasteSimilarity: 0.9 } });
    expect(problems.map((p) => p.message)).toEqual([
      'unknown setting "colour"',
      'rule "response-missing": severity must be error, warning, info or off',
      'unknown rule id "no-such-rule"',
      'option "copyPasteMinWords" must be a number from 2 to 50',
    ]);
  });

  it('finds the nearest file at or above the note and stops at the workspace folder', () => {
    const dir = tempDir('gnl-cfg-');
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, '.groupnoterc.json'), '{}');
    writeFileSync(join(dir, 'a', '.groupnoterc.json'), '{"rules": {"member-copy-paste": "off"}}');
    expect(findConfigFile(join(dir, 'a', 'b', 'note.md'))).toBe(join(dir, 'a', '.groupnoterc.json'));
    expect(findConfigFile(join(dir, 'note.md'))).toBe(join(dir, '.groupnoterc.json'));
    expect(findConfigFile(join(dir, 'a', 'b', 'note.md'), join(dir, 'a', 'b'))).toBeNull();
  });

  it('reports broken JSON without throwing', () => {
    const dir = tempDir('gnl-cfg-');
    writeFileSync(join(dir, '.groupnoterc.json'), '{"rules": {');
    const loaded = loadConfigFile(join(dir, '.groupnoterc.json'));
    expect(loaded.config).toEqual({});
    expect(loaded.problems[0].message).toMatch(/^is not valid JSON/);
  });

  it('lets the file win over editor settings, rule by rule', () => {
    const merged = mergeConfig(
      { rules: { 'member-copy-paste': 'error', 'response-missing': 'info' }, options: { copyPasteSimilarity: 0.7 }, groupNoteGlobs: ['a/*.md'] },
      { rules: { 'member-copy-paste': 'off' }, options: { copyPasteSimilarity: 0.9 } },
    );
    expect(merged).toEqual({ rules: { 'member-copy-paste': 'off', 'response-missing': 'info' }, options: { copyPasteSimilarity: 0.9 }, groupNoteGlobs: ['a/*.md'] });
  });

  it('the CLI applies the nearest config file: severities, off, and its group-note globs', () => {
    const r = run('--format', 'json', 'test/fixtures/cli/configured');
    const all = JSON.parse(r.stdout) as { ruleId: string; severity: string; file: string }[];
    // the exit code follows the errors found; the foundation rules' only error was lowered to warning
    expect(r.status).toBe(all.some((f) => f.severity === 'error') ? 1 : 0);
    const findings = all.filter((f) => isFoundationRule(f.ruleId));
    expect(findings.map((f) => `${f.file.replace('test/fixtures/cli/configured/', '')}:${f.ruleId}:${f.severity}`)).toEqual([
      '2026-04-01-dbt-skills.md:other-member-identifier:warning',
      '2026-04-01-dbt-skills.md:response-missing:warning',
      'weekly/week-12.md:other-member-identifier:warning',
    ]);
  });

  it('the CLI exits 2 and names the file when a config file is invalid, and --config overrides discovery', () => {
    const dir = tempDir('gnl-cfg-');
    writeFileSync(join(dir, '.groupnoterc.json'), '{"rules": {"response-missing": "loud"}}');
    writeFileSync(join(dir, 'n.md'), '---\nnote: group-psychotherapy\nmembers: [Ana Silva, Ben Cole]\n---\n## Ana Silva\n\nAsked Ben Cole for a ride.\n');
    const bad = run(dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`${join(dir, '.groupnoterc.json')}: rule "response-missing": severity must be error, warning, info or off`);
    writeFileSync(join(dir, 'quiet.json'), JSON.stringify({ rules: { ...ONLY_FOUNDATION, 'other-member-identifier': 'off', 'response-missing': 'off', 'participation-missing': 'off', 'treatment-plan-link-missing': 'off' } }));
    const quiet = run('--config', join(dir, 'quiet.json'), '--format', 'json', dir);
    expect(quiet.status).toBe(0);
    expect(JSON.parse(quiet.stdout)).toEqual([]);
  });
});
