// The bundled sample notes: what the foundation issue says the tool must report, and not report.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../engine/index.js';
import { isFoundationRule } from './rules/foundation.js';

const lint = (path: string) => {
  const text = readFileSync(new URL(`../samples/${path}`, import.meta.url), 'utf8');
  const { findings, isGroupNote } = lintText(text);
  return { text, isGroupNote, findings: findings.map((f) => ({ rule: f.ruleId, member: f.member, text: text.slice(f.startOffset, f.endOffset) })) };
};

describe('sample notes', () => {
  it('2026-03-11: copied Maria/James sections, Jim in Priya, Samuel in shared, Samuel response, Priya plan link', () => {
    const { findings } = lint('anxiety-group/2026-03-11-anxiety-skills.md');
    const copies = findings.filter((f) => f.rule === 'member-copy-paste');
    expect(new Set(copies.map((f) => f.member))).toEqual(new Set(['MRN-20417', 'MRN-20533']));
    expect(findings).toContainEqual({ rule: 'other-member-identifier', member: 'MRN-20602', text: 'Jim' });
    expect(findings).toContainEqual({ rule: 'other-member-identifier', member: null, text: 'Samuel Okafor' });
    expect(findings).toContainEqual({ rule: 'response-missing', member: 'MRN-20711', text: '## Samuel Okafor' });
    expect(findings).toContainEqual({ rule: 'treatment-plan-link-missing', member: 'MRN-20602', text: '## Priya Natarajan' });
    // Priya and Samuel wrote their own participation; the stock-phrase sections did not
    expect(findings.filter((f) => f.rule === 'participation-missing').map((f) => f.member)).toEqual(['MRN-20417', 'MRN-20533']);
  });

  it('2026-05-19 relapse prevention: Teresa in Daniel, Kevin response and plan link; own names and "hope" are fine', () => {
    const { findings } = lint('iop-relapse-prevention/2026-05-19-relapse-prevention.md');
    // the foundation rules exactly; the billing and documentation rules are asserted below
    expect(findings.filter((f) => isFoundationRule(f.rule))).toEqual([
      { rule: 'response-missing', member: '3407', text: '## Kevin Marsh (3407)' },
      { rule: 'treatment-plan-link-missing', member: '3407', text: '## Kevin Marsh (3407)' },
      { rule: 'other-member-identifier', member: '3412', text: 'Teresa' },
    ]);
  });

  it('2026-03-04: nothing to report', () => {
    const { findings, isGroupNote } = lint('anxiety-group/2026-03-04-anxiety-skills.md');
    expect(isGroupNote).toBe(true);
    expect(findings).toEqual([]);
  });

  it('billing and documentation rules on 2026-05-19: telehealth consent, no diagnoses, Teresa\'s lapse, Kevin\'s camera', () => {
    const { findings } = lint('iop-relapse-prevention/2026-05-19-relapse-prevention.md');
    expect(findings.filter((f) => !isFoundationRule(f.rule))).toEqual([
      // video session: private location stated for all, consent to telehealth nowhere
      { rule: 'telehealth-documentation-missing', member: null, text: 'setting: telehealth' },
      { rule: 'diagnosis-missing', member: null, text: 'members:' },
      { rule: 'risk-assessment-missing', member: '3391', text: 'lapse' },
      { rule: 'member-not-participating', member: '3407', text: 'kept his camera off for most of the session' },
    ]);
  });

  it('billing and documentation rules on 2026-03-11: stock plans and missing diagnoses only', () => {
    const { findings } = lint('anxiety-group/2026-03-11-anxiety-skills.md');
    expect(findings.filter((f) => !isFoundationRule(f.rule))).toEqual([
      { rule: 'diagnosis-missing', member: 'MRN-20417', text: '## Maria Lopez' },
      { rule: 'member-plan-missing', member: 'MRN-20417', text: 'Continue weekly group.' },
      { rule: 'diagnosis-missing', member: 'MRN-20533', text: "## James O'Connor" },
      { rule: 'member-plan-missing', member: 'MRN-20533', text: 'Continue weekly group.' },
      { rule: 'diagnosis-missing', member: 'MRN-20602', text: '## Priya Natarajan' },
    ]);
  });

  it('individual notes and treatment plans get no group-note rules', () => {
    expect(lint('anxiety-group/individual/2026-03-11-MRN-20417.md').isGroupNote).toBe(false);
    expect(lint('anxiety-group/plans/MRN-20417.md').isGroupNote).toBe(false);
  });
});
