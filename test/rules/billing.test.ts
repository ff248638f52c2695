// Billing rules: absent members billed, members who did not take part, a class rather than
// therapy, 90785, multiple-family groups, double billing in one note, co-led groups.

import { describe, expect, it } from 'vitest';
import { at, changed, COMPLETE_NOTE, lintRule } from './complete-note.js';

const absentCara = (): [string, string] => ['    name: Cara Diaz\n', '    name: Cara Diaz\n    attendance: absent\n'];

describe('absent-member-billed', () => {
  it("fires at the heading of an absent member whose section documents the session", () => {
    const text = changed(absentCara(), ['3 of 3 enrolled members present', '2 of 3 enrolled members present']);
    const found = lintRule(text, 'absent-member-billed');
    expect(at(text, found)).toEqual([['## Cara Diaz', 'MRN-3']]);
    expect(found[0].message).toMatch(/^Cara Diaz is marked absent, but Cara Diaz's section documents the session/);
  });

  it('fires at the roster entry of an absent member listed as billed', () => {
    const text = changed(['    name: Cara Diaz\n', '    name: Cara Diaz\n    attendance: no-show\n    billed: true\n']);
    expect(at(text, lintRule(text, 'absent-member-billed'))).toEqual([['- id: MRN-3', 'MRN-3']]);
  });

  it('stays quiet when the absent member\'s section records only the absence', () => {
    expect(lintRule(COMPLETE_NOTE, 'absent-member-billed')).toEqual([]);
    const text = changed(absentCara(), [/## Cara Diaz[\s\S]*?(?=\n---)/, '## Cara Diaz\n\nAbsent (called in sick). Outreach call placed; will be contacted before next group.\n']);
    expect(lintRule(text, 'absent-member-billed')).toEqual([]);
  });
});

describe('member-not-participating', () => {
  const ben = (sentence: string) => changed(['**Participation:** Talked about dreading', `**Participation:** ${sentence} Talked about dreading`]);

  it('fires on a member documented as asleep, off camera, declining or there briefly, naming the member', () => {
    const cases: [string, string, string][] = [
      ['Kept his camera off for the entire session.', 'Kept his camera off for the entire session', 'camera off'],
      ['Was asleep for most of the session.', 'Was asleep for most of the session', 'asleep'],
      ['Declined to participate.', 'Declined to participate', 'declined to take part'],
      ['Did not speak at all.', 'Did not speak', 'declined to take part'],
      ['Left after 15 minutes.', 'Left after 15 minutes', 'present for 15 minutes of 90'],
    ];
    for (const [sentence, flagged, kind] of cases) {
      const text = ben(sentence);
      const found = lintRule(text, 'member-not-participating');
      expect(at(text, found), sentence).toEqual([[flagged, 'MRN-2']]);
      expect(found[0].message, sentence).toContain(`Ben Cole's section documents little or no participation (${kind}`);
    }
  });

  it('fires from roster times that cover less than the profile share of the session', () => {
    const text = changed(['    name: Ben Cole\n', '    name: Ben Cole\n    attendance: left-early\n    left: "14:30"\n']);
    expect(at(text, lintRule(text, 'member-not-participating'))).toEqual([['## Ben Cole', 'MRN-2']]);
    const config = { payers: { medicare: { attendance: { minPercent: 30 } } } };
    expect(lintRule(text, 'member-not-participating', { config })).toEqual([]);
  });

  it('stays quiet on partial quiet that turned into taking part, and on words about life outside the group', () => {
    expect(lintRule(COMPLETE_NOTE, 'member-not-participating')).toEqual([]);
    for (const sentence of [
      'Was quiet for the first half hour.',
      'Was quiet most of the session. When invited, said the feedback helped.',
      'Declined to share at first, then described the meeting.',
      'Did not talk about her mother.',
      'Reported she fell asleep at 3 a.m. most nights.',
      'Left after 80 minutes for a ride home.',
    ]) {
      expect(lintRule(ben(sentence), 'member-not-participating'), sentence).toEqual([]);
    }
  });
});

describe('class-not-therapy', () => {
  const classNote = changed(
    ['**Format:** In-person, 90 minutes, 3 of 3 enrolled members present.\n**Interventions used across the group:** Cognitive restructuring, role-play and peer feedback.', 'Members watched a video about sleep hygiene and completed a quiz. 3 of 3 enrolled members present.'],
    ['**Response:** Rated anxiety 7/10 before the role-play and 4/10 after; said it "felt doable."', '**Response:** Client was receptive and verbalized understanding.'],
    ['**Response:** Completed the update with a shaky voice; reported anxiety falling from 8/10 to 5/10.', '**Response:** Client was attentive.'],
    ['**Response:** Tolerated thirty seconds of paced breathing; said the dizziness "faded on its own."', '**Response:** Client appeared to benefit.'],
    ['and rehearsed the first stop aloud', 'during the video'],
    ['and practiced an unscripted update', 'during the quiz'],
    ['and challenged a catastrophic prediction', 'during the video'],
  );

  it('fires in the shared section when the session reads as a video and a quiz', () => {
    const found = lintRule(classNote, 'class-not-therapy');
    expect(at(classNote, found)).toEqual([['watched a video', null]]);
  });

  it('stays quiet when the shared section or the members\' sections show therapeutic work', () => {
    expect(lintRule(COMPLETE_NOTE, 'class-not-therapy')).toEqual([]);
    expect(lintRule(classNote.replace('completed a quiz', 'processed their reactions with peer feedback'), 'class-not-therapy')).toEqual([]);
    // psychoeducation with members' own responses documented is still group therapy
    expect(lintRule(changed(['Cognitive restructuring, role-play and peer feedback', 'psychoeducation on the panic cycle']), 'class-not-therapy')).toEqual([]);
  });
});

describe('interactive-complexity-unsupported', () => {
  it('fires for a member billed 90785 without a qualifying factor, and notes an interpreter does not qualify', () => {
    const text = changed(['    diagnosis: F40.10\n', '    diagnosis: F40.10\n    cpt: [90853, 90785]\n'], ['Talked about dreading', 'Through an interpreter, talked about dreading']);
    const found = lintRule(text, 'interactive-complexity-unsupported');
    expect(at(text, found)).toEqual([['## Ben Cole', 'MRN-2']]);
    expect(found[0].message).toContain('An interpreter alone does not qualify');
  });

  it('fires for every present member when the note bills 90785, and on 90785 with 90849 or crisis codes', () => {
    const all = changed(['cpt: 90853', 'cpt: [90853, 90785]']);
    expect(at(all, lintRule(all, 'interactive-complexity-unsupported')).map(([, m]) => m)).toEqual(['MRN-1', 'MRN-2', 'MRN-3']);
    const crisis = changed(['cpt: 90853', 'cpt: [90853, 90785, 90839]']);
    expect(at(crisis, lintRule(crisis, 'interactive-complexity-unsupported'))[0]).toEqual(['cpt: [90853, 90785, 90839]', null]);
  });

  it('stays quiet without 90785, and when the member\'s section documents a factor', () => {
    expect(lintRule(COMPLETE_NOTE, 'interactive-complexity-unsupported')).toEqual([]);
    const text = changed(
      ['    diagnosis: F40.10\n', '    diagnosis: F40.10\n    cpt: [90853, 90785]\n'],
      ['Talked about dreading', 'Escalated into shouting at a peer, which the therapist had to manage before the group could go on. Talked about dreading'],
    );
    expect(lintRule(text, 'interactive-complexity-unsupported')).toEqual([]);
  });
});

describe('multiple-family-group', () => {
  it("fires on a roster entry that is a patient's relative, naming them", () => {
    const text = changed(['  - id: MRN-3\n    name: Cara Diaz\n', '  - id: MRN-3\n    name: Cara Diaz\n    relationship: mother of MRN-1\n']);
    const found = lintRule(text, 'multiple-family-group');
    expect(at(text, found)).toEqual([['- id: MRN-3', 'MRN-3']]);
    expect(found[0].message).toContain('bill 90849');
  });

  it('fires when the shared section says families took part', () => {
    const text = changed(['# Group session', '# Group session\n\nTeens and their parents attended together.']);
    expect(at(text, lintRule(text, 'multiple-family-group'))).toEqual([['Teens and their parents', null]]);
  });

  it('stays quiet on relatives mentioned in members\' lives, parents meeting separately, or a note billed 90849', () => {
    expect(lintRule(COMPLETE_NOTE, 'multiple-family-group')).toEqual([]);
    expect(lintRule(changed(['# Group session', '# Group session\n\nParents joined separately.']), 'multiple-family-group')).toEqual([]);
    expect(lintRule(changed(['cpt: 90853', 'cpt: 90849'], ['# Group session', '# Group session\n\nTeens and their parents attended together.']), 'multiple-family-group')).toEqual([]);
  });
});

describe('billed-twice-in-note', () => {
  it('fires on 90853 listed twice, more than one unit for a member, and two billing clinicians', () => {
    const twice = changed(['cpt: 90853', 'cpt: [90853, 90853]']);
    expect(at(twice, lintRule(twice, 'billed-twice-in-note'))).toEqual([['cpt: [90853, 90853]', null]]);
    const units = changed(['    diagnosis: F40.10\n', '    diagnosis: F40.10\n    units: 2\n']);
    expect(at(units, lintRule(units, 'billed-twice-in-note'))).toEqual([['- id: MRN-2', 'MRN-2']]);
    const both = changed(['facilitator: Dana Whitfield, LCSW', 'facilitator: Dana Whitfield, LCSW\nco-facilitator: Rowan Ellery, LMFT\nbilled-by: [Dana Whitfield, Rowan Ellery]']);
    expect(at(both, lintRule(both, 'billed-twice-in-note'))).toEqual([['billed-by: [Dana Whitfield, Rowan Ellery]', null]]);
  });

  it('stays quiet on one 90853 with an add-on code and one billing clinician', () => {
    expect(lintRule(COMPLETE_NOTE, 'billed-twice-in-note')).toEqual([]);
    expect(lintRule(changed(['cpt: 90853', 'cpt: [90853, 90785]'], ['facilitator: Dana Whitfield, LCSW', 'facilitator: Dana Whitfield, LCSW\nbilled-by: Dana Whitfield']), 'billed-twice-in-note')).toEqual([]);
  });
});

describe('co-facilitator-credentials-missing', () => {
  it('fires when a co-leader has no credentials, or the group is co-led with one leader named', () => {
    const text = changed(['facilitator: Dana Whitfield, LCSW', 'facilitator: Dana Whitfield, LCSW\nco-facilitator: Sam Ortiz']);
    const found = lintRule(text, 'co-facilitator-credentials-missing');
    expect(at(text, found)).toEqual([['co-facilitator: Sam Ortiz', null]]);
    expect(found[0].message).toContain('The co-facilitator of this co-led group has no credentials');
    const unnamed = changed(['# Group session', '# Group session\n\nCo-led with the school counselor.']);
    expect(at(unnamed, lintRule(unnamed, 'co-facilitator-credentials-missing'))).toEqual([['Co-led', null]]);
  });

  it('stays quiet on one leader, and on two leaders with credentials', () => {
    expect(lintRule(COMPLETE_NOTE, 'co-facilitator-credentials-missing')).toEqual([]);
    expect(lintRule(changed(['facilitator: Dana Whitfield, LCSW', 'facilitator: Dana Whitfield, LCSW\nco-facilitator: Sam Ortiz, RD']), 'co-facilitator-credentials-missing')).toEqual([]);
    expect(lintRule(changed(['facilitator: Dana Whitfield, LCSW', 'facilitator: ["Dana Whitfield, LCSW", {name: Rowan Ellery, credentials: LMFT}]']), 'co-facilitator-credentials-missing')).toEqual([]);
  });
});
