// Payer profiles: the built-in Medicare profile, profiles from the configuration (validated,
// merged, "extends"), a note's `payer:` choice, and payer-profile-unknown.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText, RULES } from '../../engine/index.js';
import { mergeConfig, validateConfig } from '../../engine/config.js';
import { MEDICARE, payerForNote, resolvePayers } from '../../engine/facts/payers.js';
import { at, changed, COMPLETE_NOTE, lintRule } from './complete-note.js';

describe('payer profiles', () => {
  it('Medicare is built in: group of 2 to 12, POS 02/10 with 95 or 93', () => {
    expect(MEDICARE.groupSize).toEqual({ min: 2, max: 12, softLimit: 10 });
    expect(MEDICARE.telehealth).toMatchObject({ pos: ['02', '10'], modifiers: ['95'], audioOnlyModifiers: ['93'] });
    expect(payerForNote({}).profile).toBe(MEDICARE);
  });

  it('a configured profile starts from Medicare (or the profile it extends) and a note picks it with payer:', () => {
    const configs = {
      'state-medicaid': { label: 'State Medicaid', groupSize: { min: 3, max: 10 }, signature: { maxDays: 3, businessDays: true } },
      'state-medicaid-youth': { extends: 'state-medicaid', groupSize: { max: 8 } },
      medicare: { groupSize: { softLimit: null } },
    };
    const { profiles, problems } = resolvePayers(configs);
    expect(problems).toEqual([]);
    expect(profiles.get('state-medicaid')).toMatchObject({ label: 'State Medicaid', groupSize: { min: 3, max: 10, softLimit: null }, telehealth: MEDICARE.telehealth });
    expect(profiles.get('state-medicaid-youth')).toMatchObject({ groupSize: { min: 3, max: 8 }, signature: { maxDays: 3, businessDays: true } });
    expect(payerForNote({ payer: 'State Medicaid' }, configs).profile.name).toBe('state-medicaid');
    expect(payerForNote({ payer: 'state_medicaid_youth' }, configs).profile.groupSize.max).toBe(8);
    expect(payerForNote({ payer: 'Aetna' }, configs)).toMatchObject({ profile: { name: 'medicare' }, problem: { kind: 'unknown', value: 'Aetna' } });
    expect(payerForNote({ payer: { name: 'x' } }, configs).problem).toEqual({ kind: 'not-a-name', value: 'object' });
  });

  it('validates the payers section value by value, keeping what is valid', () => {
    const { config, problems } = validateConfig({
      payers: {
        'medi-cal': { label: 'Medi-Cal', groupSize: { min: 3, max: 'ten' }, signature: { maxDays: 3, businessDays: 'yes' }, telehealth: { pos: ['02', 10], modifiers: ['95X'] }, colour: 'red' },
        loop: { extends: 'other-loop' },
        'other-loop': { extends: 'loop' },
        'bad name!': {},
        tight: { groupSize: { min: 6, max: 4 } },
      },
    });
    expect(config.payers).toEqual({
      'medi-cal': { label: 'Medi-Cal', groupSize: { min: 3 }, signature: { maxDays: 3 }, telehealth: { pos: ['02', '10'] } },
      loop: { extends: 'other-loop' },
      'other-loop': { extends: 'loop' },
      tight: { groupSize: { min: 6, max: 4 } },
    });
    expect(problems.map((p) => p.message)).toEqual([
      'payer "medi-cal": "groupSize.max" must be a whole number from 2 to 100',
      'payer "medi-cal": "signature.businessDays" must be true or false',
      'payer "medi-cal": "telehealth.modifiers" must be a list of two-character codes, e.g. ["02", "10"] or ["95"]',
      'payer "medi-cal": unknown setting "colour"',
      'payer "bad name!": a profile name is 1 to 40 letters, digits, spaces, dots, dashes or underscores',
      'payer "tight": "groupSize.min" is larger than "groupSize.max"',
      'payer "other-loop": "extends" goes round in a circle',
    ]);
    expect(validateConfig({ payers: [] }).problems.map((p) => p.message)).toEqual(['"payers" must be an object of profile name to profile']);
  });

  it('editor settings and the config file merge profile by profile, the file winning', () => {
    const merged = mergeConfig({ payers: { a: { label: 'A' }, b: { label: 'B' } } }, { payers: { b: { label: 'B2' } } });
    expect(merged.payers).toEqual({ a: { label: 'A' }, b: { label: 'B2' } });
    expect(mergeConfig({ rules: {} }, { rules: {} })).not.toHaveProperty('payers');
  });

  it('the JSON schema documents every rule and the payers section', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/groupnoterc.schema.json', import.meta.url), 'utf8'));
    for (const rule of RULES) expect(schema.properties.rules.properties, rule.id).toHaveProperty(rule.id);
    const profile = schema.properties.payers.additionalProperties;
    expect(Object.keys(profile.properties)).toEqual(['extends', 'label', 'groupSize', 'session', 'attendance', 'telehealth', 'signature']);
    expect(Object.keys(profile.properties.groupSize.properties)).toEqual(Object.keys(MEDICARE.groupSize));
    expect(Object.keys(profile.properties.telehealth.properties)).toEqual(Object.keys(MEDICARE.telehealth));
    expect(Object.keys(profile.properties.signature.properties)).toEqual(Object.keys(MEDICARE.signature));
  });
});

describe('payer-profile-unknown', () => {
  it('fires at the payer line when the note names no profile', () => {
    const text = changed(['pos: 11', 'pos: 11\npayer: Aetna']);
    const found = lintRule(text, 'payer-profile-unknown');
    expect(at(text, found)).toEqual([['payer: Aetna', null]]);
    expect(found[0].message).toContain('No payer profile is named "Aetna", so this note is checked with the Medicare profile');
  });

  it('stays quiet without payer:, with payer: medicare, and with a configured profile', () => {
    expect(lintRule(COMPLETE_NOTE, 'payer-profile-unknown')).toEqual([]);
    expect(lintRule(changed(['pos: 11', 'pos: 11\npayer: Medicare']), 'payer-profile-unknown')).toEqual([]);
    const text = changed(['pos: 11', 'pos: 11\npayer: Aetna']);
    expect(lintRule(text, 'payer-profile-unknown', { config: { payers: { aetna: { label: 'Aetna' } } } })).toEqual([]);
  });
});

describe('every rule', () => {
  it('stays quiet on a complete note', () => {
    expect(lintText(COMPLETE_NOTE).findings).toEqual([]);
  });

  it('has a one-line description for --list-rules', () => {
    for (const rule of RULES) {
      expect(rule.description, rule.id).not.toMatch(/\n/);
      expect(rule.description.length, rule.id).toBeLessThanOrEqual(140);
      expect(rule.description, rule.id).toMatch(/\.$/);
    }
  });
});
