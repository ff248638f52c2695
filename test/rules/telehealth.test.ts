// Telehealth rules: place of service and modifiers from the payer profile, and the patient's
// location and consent on record.

import { describe, expect, it } from 'vitest';
import { at, changed, COMPLETE_NOTE, lintRule } from './complete-note.js';

const VIDEO: [string, string] = ['setting: in-person\npos: 11', 'setting: telehealth\npos: 10\nmodifiers: [95]'];
const DOCUMENTED: [string, string] = ['**Format:** In-person', '**Format:** By video; all members confirmed a private location and gave verbal consent to telehealth; '];

describe('telehealth-coding-invalid', () => {
  it('fires on a telehealth session without a telehealth place of service or modifier', () => {
    const pos = changed(['setting: in-person\npos: 11', 'setting: telehealth\npos: 11\nmodifiers: [95]'], DOCUMENTED);
    const found = lintRule(pos, 'telehealth-coding-invalid');
    expect(at(pos, found)).toEqual([['pos: 11', null]]);
    expect(found[0].message).toContain('use 02 or 10');
    const noModifier = changed(['setting: in-person\npos: 11', 'setting: telehealth\npos: "02"'], DOCUMENTED);
    expect(at(noModifier, lintRule(noModifier, 'telehealth-coding-invalid'))).toEqual([['setting: telehealth', null]]);
  });

  it('fires on an audio-only session coded 95, and on an in-person session coded as telehealth', () => {
    const audio = changed(['setting: in-person\npos: 11', 'setting: audio-only\npos: 10\nmodifiers: [95]'], DOCUMENTED);
    const found = lintRule(audio, 'telehealth-coding-invalid');
    expect(at(audio, found)).toEqual([['modifiers: [95]', null]]);
    expect(found[0].message).toContain('Medicare expects 93');
    const mixed = changed(['pos: 11', 'pos: 10']);
    expect(at(mixed, lintRule(mixed, 'telehealth-coding-invalid'))).toEqual([['pos: 10', null]]);
  });

  it("uses the payer profile's codes", () => {
    const text = changed(['setting: in-person\npos: 11', 'setting: telehealth\npos: 10\nmodifiers: [GT]\npayer: commercial'], DOCUMENTED);
    // without the profile the note falls back to Medicare, which expects 95
    expect(lintRule(text, 'telehealth-coding-invalid').map((f) => f.message)).toEqual([expect.stringContaining('needs modifier 95 for Medicare')]);
    const config = { payers: { commercial: { telehealth: { pos: ['02', '10'], modifiers: ['GT', '95'] } } } };
    expect(lintRule(text, 'telehealth-coding-invalid', { config })).toEqual([]);
  });

  it('stays quiet on a correctly coded video session and on an in-person one', () => {
    expect(lintRule(COMPLETE_NOTE, 'telehealth-coding-invalid')).toEqual([]);
    expect(lintRule(changed(VIDEO, DOCUMENTED), 'telehealth-coding-invalid')).toEqual([]);
    expect(lintRule(changed(['setting: in-person\npos: 11', 'setting: audio-only\npos: "02"\nmodifiers: [93]'], DOCUMENTED), 'telehealth-coding-invalid')).toEqual([]);
  });
});

describe('telehealth-documentation-missing', () => {
  it('fires once at the setting when no member has consent or location on record', () => {
    const text = changed(VIDEO);
    const found = lintRule(text, 'telehealth-documentation-missing');
    expect(at(text, found)).toEqual([['setting: telehealth', null], ['setting: telehealth', null]]);
    expect(found.map((f) => f.data?.['missing'])).toEqual(['location', 'consent to telehealth']);
  });

  it('fires at the heading of the one member whose consent is missing, naming them', () => {
    const text = changed(
      VIDEO,
      ['**Format:** In-person', '**Format:** By video; all members confirmed a private location; '],
      ['**Participation:** Described avoiding the bus', '**Participation:** Gave verbal consent to telehealth. Described avoiding the bus'],
      ['**Participation:** Talked about dreading', '**Participation:** Consented to video sessions. Talked about dreading'],
    );
    const found = lintRule(text, 'telehealth-documentation-missing');
    expect(at(text, found)).toEqual([['## Cara Diaz', 'MRN-3']]);
    expect(found[0].message).toBe("Telehealth session, but Cara Diaz's consent to telehealth is not documented. Add it to Cara Diaz's section.");
  });

  it('stays quiet when the shared section or the frontmatter covers the group, and in person', () => {
    expect(lintRule(COMPLETE_NOTE, 'telehealth-documentation-missing')).toEqual([]);
    expect(lintRule(changed(VIDEO, DOCUMENTED), 'telehealth-documentation-missing')).toEqual([]);
    expect(lintRule(changed(VIDEO, ['pos: 10', 'pos: 10\nconsent: verbal, on file\nlocation: each member at home, private room']), 'telehealth-documentation-missing')).toEqual([]);
    // "consent not obtained" is not consent
    expect(lintRule(changed(VIDEO, ['**Format:** In-person', '**Format:** By video in private locations; consent not yet obtained; ']), 'telehealth-documentation-missing')).toHaveLength(1);
  });
});
