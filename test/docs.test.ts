// Every rule has a stable id, a doc page, an entry in the docs index and the README, and tests.

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_RULES as RULES } from '../engine/rules/catalog.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('rule documentation', () => {
  const index = read('docs/rules/README.md');
  const readme = read('README.md');
  const manifest = JSON.parse(read('package.json'));
  for (const rule of RULES) {
    it(`${rule.id} has a doc page, index entries and a setting`, () => {
      expect(rule.id).toMatch(/^[a-z]+(?:-[a-z]+)+$/);
      const page = read(`docs/rules/${rule.id}.md`);
      expect(page.startsWith(`# ${rule.id}`)).toBe(true);
      expect(page).toContain(`**${rule.defaultSeverity}**`);
      expect(page).toMatch(/## Sources/);
      expect(index).toContain(`(${rule.id}.md)`);
      expect(readme).toContain(`(docs/rules/${rule.id}.md)`);
      expect(manifest.contributes.configuration.properties['groupnoteLint.rules'].properties).toHaveProperty(rule.id);
    });
  }
  it('every rule has a test file that names it', () => {
    const tests = ['test/rules/other-member-identifier.test.ts', 'test/rules/member-copy-paste.test.ts', 'test/rules/participation-and-response.test.ts', 'test/rules/treatment-plan-link-missing.test.ts', 'test/rules/disable-comment-invalid.test.ts', 'test/note.test.ts',
      'test/rules/session-header.test.ts', 'test/rules/group-size.test.ts', 'test/rules/billing.test.ts', 'test/rules/telehealth.test.ts', 'test/rules/documentation.test.ts', 'test/rules/payers.test.ts', 'test/workspace/cross-note.test.ts', 'test/rules/member-section-missing.test.ts']
      .filter((p) => existsSync(new URL(`../${p}`, import.meta.url)))
      .map(read)
      .join('\n');
    for (const rule of RULES) expect(tests, rule.id).toContain(`'${rule.id}'`);
  });
});
