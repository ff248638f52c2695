// What of the editor's settings changes a note's check (server/src/settings.ts: checkedUnder): the
// server checks the folder again at start-up only when the settings the editor sends differ from
// those it started indexing under.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkedUnder, DEFAULT_SETTINGS, readSettings } from '../server/src/settings.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } };
/** the groupnoteLint section as VS Code sends it when nothing is set: every setting at its default */
const vscodeDefaults = Object.fromEntries(Object.entries(manifest.contributes.configuration.properties).map(([key, value]) => [key.replace(/^groupnoteLint\./, ''), value.default]));

describe('checkedUnder', () => {
  it('counts every setting at its default (as VS Code sends them) as no settings at all', () => {
    expect(checkedUnder(readSettings(vscodeDefaults))).toBe(checkedUnder(DEFAULT_SETTINGS));
    expect(checkedUnder(readSettings({}))).toBe(checkedUnder(DEFAULT_SETTINGS));
  });

  it('ignores when and how often notes are checked, and sees what changes their findings', () => {
    expect(checkedUnder(readSettings({ ...vscodeDefaults, debounceMs: 800, run: 'onSave' }))).toBe(checkedUnder(DEFAULT_SETTINGS));
    for (const changed of [{ rules: { 'diagnosis-missing': 'off' } }, { copyPasteSimilarity: 0.9 }, { include: ['notes/**/*.md'] }, { exclude: [] }, { groupNoteGlobs: ['**/*.md'] }]) {
      expect(checkedUnder(readSettings({ ...vscodeDefaults, ...changed })), JSON.stringify(changed)).not.toBe(checkedUnder(DEFAULT_SETTINGS));
    }
  });
});
