import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../engine/index.js';

const RULE = 'disable-comment-invalid';
const march11 = readFileSync(new URL('../../samples/anxiety-group/2026-03-11-anxiety-skills.md', import.meta.url), 'utf8');

describe('disable comments in lint results', () => {
  it('suppress the named rule on the next non-blank line and keep the justification', () => {
    const text = march11.replace('## Samuel Okafor', '<!-- groupnote-disable-next-line response-missing -- response documented in the individual note -->\n\n## Samuel Okafor');
    const result = lintText(text);
    expect(result.findings.filter((f) => f.ruleId === 'response-missing' && f.member === 'MRN-20711')).toEqual([]);
    expect(result.suppressed.map((s) => [s.finding.ruleId, s.finding.member, s.justification])).toEqual([
      ['response-missing', 'MRN-20711', 'response documented in the individual note'],
    ]);
    // other rules on that line are untouched
    expect(result.findings.filter((f) => f.member === 'MRN-20711')).toEqual([]);
    expect(lintText(text).findings.filter((f) => f.ruleId === 'other-member-identifier')).toHaveLength(2);
  });

  it('a file-wide disable switches a rule off for the whole note', () => {
    const text = march11.replace('# Group session', '<!-- groupnote-disable-file member-copy-paste -->\n\n# Group session');
    expect(lintText(text).findings.filter((f) => f.ruleId === 'member-copy-paste')).toEqual([]);
    expect(lintText(text).suppressed.filter((s) => s.finding.ruleId === 'member-copy-paste')).toHaveLength(4);
  });
});

describe(RULE, () => {
  it('fires on an unknown rule id, and the misspelt comment suppresses nothing', () => {
    const text = march11.replace('## Samuel Okafor', '<!-- groupnote-disable-next-line respnse-missing -->\n## Samuel Okafor');
    const result = lintText(text);
    const found = result.findings.filter((f) => f.ruleId === RULE);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('respnse-missing');
    expect(result.findings.some((f) => f.ruleId === 'response-missing' && f.member === 'MRN-20711')).toBe(true);
  });

  it('stays quiet on valid comments and on comments inside code', () => {
    const text = march11.replace('## Samuel Okafor', '<!-- groupnote-disable-next-line response-missing -->\n## Samuel Okafor').replace('# Group session', '# Group session\n\n`<!-- groupnote-disable-line nope -->`');
    expect(lintText(text).findings.filter((f) => f.ruleId === RULE)).toEqual([]);
  });
});
