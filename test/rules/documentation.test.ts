// Documentation rules: risk assessment, the member's own plan, placeholders, the signature,
// and the diagnosis.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { lintText } from '../../engine/index.js';
import type { PlanFacts } from '../../engine/facts/session.js';
import { buildGroupNoteTemplate } from '../../engine/editor/template.js';
import { at, changed, COMPLETE_NOTE, lintRule } from './complete-note.js';

const ben = (sentence: string) => changed(['**Participation:** Talked about dreading', `**Participation:** ${sentence} Talked about dreading`]);

describe('risk-assessment-missing', () => {
  it('fires on suicidal ideation, self-harm, overdose or relapse with no assessment, naming the member', () => {
    const cases: [string, string, string][] = [
      ['Said she has had thoughts of suicide this week.', 'suicide', 'suicidal ideation'],
      ['Described cutting herself again on Saturday.', 'cutting herself', 'self-harm'],
      ['Said she overdosed on Saturday and spent a night in the ER.', 'overdosed', 'overdose'],
      ['Relapsed on alcohol over the weekend.', 'Relapsed', 'a relapse or lapse'],
      ['Disclosed a lapse on Friday after a family argument.', 'lapse', 'a relapse or lapse'],
    ];
    for (const [sentence, flagged, kind] of cases) {
      const text = ben(sentence);
      const found = lintRule(text, 'risk-assessment-missing');
      expect(at(text, found), sentence).toEqual([[flagged, 'MRN-2']]);
      expect(found[0].message, sentence).toContain(`Ben Cole's section mentions ${kind}`);
    }
  });

  it('stays quiet with a risk field or an assessment statement, and on goals, prevention and other people', () => {
    expect(lintRule(COMPLETE_NOTE, 'risk-assessment-missing')).toEqual([]);
    expect(lintRule(ben('Relapsed on alcohol over the weekend.').replace('**Plan:** Give one', '**Risk:** Denies SI; relapse prevention plan updated.\n\n**Plan:** Give one'), 'risk-assessment-missing')).toEqual([]);
    for (const sentence of [
      'Relapsed on Friday; C-SSRS screen negative and safety plan reviewed.',
      'Reviewed her relapse prevention plan and warning signs.',
      'Her brother died by suicide in 2019 and she read the letter she wrote him.',
      'Urges to self-harm rated 2/5 on two days, no action.',
      'Asked whether tapering raises overdose risk.',
      'Nodded along when a peer described her lapse.',
      'Said she is not planning to lapse.',
    ]) {
      expect(lintRule(ben(sentence), 'risk-assessment-missing'), sentence).toEqual([]);
    }
    expect(lintRule(changed(['Objective 2.1, speak in meetings without a script.', 'Objective 2.1, reduce relapse triggers at work.']), 'risk-assessment-missing')).toEqual([]);
  });
});

describe('member-plan-missing', () => {
  it('fires on a stock plan at the plan text, on a placeholder at the label, and on no plan at the heading', () => {
    const stock = changed(['**Plan:** Give one unscripted update at work this week.', '**Plan:** Continue weekly group.']);
    const found = lintRule(stock, 'member-plan-missing');
    expect(at(stock, found)).toEqual([['Continue weekly group.', 'MRN-2']]);
    expect(found[0].message).toMatch(/^The plan for Ben Cole is a stock line/);
    const placeholder = changed(['**Plan:** Give one unscripted update at work this week.', '**Plan:** TBD']);
    expect(at(placeholder, lintRule(placeholder, 'member-plan-missing'))).toEqual([['**Plan:**', 'MRN-2']]);
    const none = changed(['\n**Plan:** Give one unscripted update at work this week.\n', '']);
    expect(at(none, lintRule(none, 'member-plan-missing'))).toEqual([['## Ben Cole', 'MRN-2']]);
  });

  it('stays quiet on a plan of the member\'s own, in a field or in a sentence', () => {
    expect(lintRule(COMPLETE_NOTE, 'member-plan-missing')).toEqual([]);
    expect(lintRule(changed(['**Plan:** Give one unscripted update at work this week.', '**Plan:** Continue group; practise the update with his partner.']), 'member-plan-missing')).toEqual([]);
    const narrative = changed(['\n**Plan:** Give one unscripted update at work this week.\n', ''], ['falling from 8/10 to 5/10.', 'falling from 8/10 to 5/10. Agreed to try one unscripted update on Monday.']);
    expect(lintRule(narrative, 'member-plan-missing')).toEqual([]);
  });
});

describe('placeholder-text', () => {
  it('fires on template and draft text, in the member\'s section or the shared section', () => {
    const text = changed(['Talked about dreading', 'Talked about [insert details] dreading'], ['**Format:** In-person', '**Format:** In-person (XX)']);
    const found = lintRule(text, 'placeholder-text');
    expect(at(text, found)).toEqual([['XX', null], ['[insert details]', 'MRN-2']]);
    expect(found[1].message).toBe("Placeholder text left in Ben Cole's section. Replace it with what happened, or remove it, before the note is signed.");
    const tpl = buildGroupNoteTemplate({ date: '2026-03-18', members: [{ name: 'Ana Silva' }, { name: 'Ben Cole' }] });
    // the template's fill-ins outside the fields that other rules report as placeholders
    expect(at(tpl, lintRule(tpl, 'placeholder-text')).map(([t]) => t)).toEqual(expect.arrayContaining(['[name, credentials]', '[topic and skills covered]', '[techniques used with them]']));
  });

  it('stays quiet on links, task boxes, comments, lower-case words and whole-field placeholders other rules report', () => {
    expect(lintRule(COMPLETE_NOTE, 'placeholder-text')).toEqual([]);
    const text = changed(
      ['Talked about dreading', 'Talked about [his manager](https://example.com/) and dreading'],
      ['# Group session', '# Group session\n\n- [x] consent reviewed\n\n<!-- [insert] is fine inside a comment -->'],
      ['**Plan:** Give one unscripted update at work this week.', '**Plan:** [next steps]'],
    );
    expect(lintRule(text, 'placeholder-text')).toEqual([]);
  });
});

describe('signature-missing', () => {
  it('fires at the title when the note is not signed (a stable place, not the line being typed)', () => {
    const text = changed(['\n---\nSigned: Dana Whitfield, LCSW, 2026-03-04 16:10\n', '\n']);
    const found = lintRule(text, 'signature-missing');
    const title = /^# .*$/m.exec(text)![0];
    expect(at(text, found)).toEqual([[title, null]]);
    // typing at the end of the note does not move it
    expect(lintRule(`${text}\nMore notes being typed`, 'signature-missing').map((f) => f.startOffset)).toEqual(found.map((f) => f.startOffset));
    // no title: the frontmatter's facilitator line
    const untitled = text.replace(/^# .*\n/m, '');
    expect(at(untitled, lintRule(untitled, 'signature-missing'))).toEqual([[/^facilitator: .*$/m.exec(text)![0], null]]);
    expect(found[0].message).toMatch(/^The note is not signed/);
  });

  it('fires at the signature when the name, credentials or date are missing', () => {
    const text = changed(['Signed: Dana Whitfield, LCSW, 2026-03-04 16:10', 'Signed: Dana Whitfield 2026-03-04']);
    const found = lintRule(text, 'signature-missing');
    expect(at(text, found)).toEqual([['Signed: Dana Whitfield 2026-03-04', null]]);
    expect(found[0].message).toContain('The signature has no credentials.');
    const undated = changed(['Signed: Dana Whitfield, LCSW, 2026-03-04 16:10', 'Signed: [name, credentials, date]']);
    expect(lintRule(undated, 'signature-missing')[0].message).toContain('no name, credentials and date');
  });

  it('reads the ways notes are signed', () => {
    for (const line of [
      'Marcus Bell, LPC. Electronically signed 05/19/2026 11:40.',
      'Electronically signed: Keiko Ambrose, LCSW 01/15/2026 14:02',
      'Owen Pratt, LICSW, signed 03/04/2026 20:45',
      'Patricia Lindgren, LCSW  3/4/2026 16:30',
      'Anouk de Vries, PhD - e-signed 03/04/2026 15:40',
      'T. Renner, LCSW 03/04/2026 16:20. Note: reminded all members of confidentiality.',
      'Dana Whitfield, LCSW\nSigned 2026-03-04 16:10',
    ]) {
      expect(lintRule(changed(['Signed: Dana Whitfield, LCSW, 2026-03-04 16:10', line]), 'signature-missing'), line).toEqual([]);
    }
    expect(lintRule(changed(['\n---\nSigned: Dana Whitfield, LCSW, 2026-03-04 16:10\n', '\n'], ['pos: 11', 'pos: 11\nsignature: {name: Dana Whitfield, credentials: LCSW, date: "2026-03-04 16:10"}']), 'signature-missing')).toEqual([]);
  });

  it('reads a name line above the signature whatever the line endings', () => {
    // "Signed:" with only a date takes the name and credentials from the line above it
    const text = changed(['Signed: Dana Whitfield, LCSW, 2026-03-04 16:10', 'Dana Whitfield, LCSW  \nSigned: 2026-03-04 16:10']);
    for (const variant of [text, text.replace(/\n/g, '\r\n'), text.replace(/\n/g, '\r')]) {
      expect(lintRule(variant, 'signature-missing'), JSON.stringify(variant.slice(-40))).toEqual([]);
    }
    const unnamed = changed(['Signed: Dana Whitfield, LCSW, 2026-03-04 16:10', 'Signed: 2026-03-04 16:10']);
    for (const variant of [unnamed, unnamed.replace(/\n/g, '\r')]) {
      expect(lintRule(variant, 'signature-missing')[0].message).toContain('no name and credentials');
    }
  });
});

describe('signature-late', () => {
  it("fires when signed more days after the session than the profile allows, or before it ended", () => {
    const late = changed(['2026-03-04 16:10', '2026-03-20 09:00']);
    const found = lintRule(late, 'signature-late');
    expect(at(late, found)).toEqual([['Signed: Dana Whitfield, LCSW, 2026-03-20 09:00', null]]);
    expect(found[0].message).toContain('signed 16 days after the session; the Medicare profile expects a signature within 7 days');
    const early = changed(['2026-03-04 16:10', '2026-03-04 15:00']);
    expect(lintRule(early, 'signature-late')[0].message).toContain('before the session ended (15:30)');
    const before = changed(['2026-03-04 16:10', '2026-03-03']);
    expect(lintRule(before, 'signature-late')[0].message).toContain('before the date of service');
  });

  it('counts business days when the profile says so', () => {
    // Wednesday 2026-03-04 to Monday 2026-03-09: 5 calendar days, 3 business days
    const text = changed(['2026-03-04 16:10', '2026-03-09 09:00'], ['pos: 11', 'pos: 11\npayer: medi-cal']);
    const config = { payers: { 'medi-cal': { label: 'Medi-Cal', signature: { maxDays: 2, businessDays: true } } } };
    expect(lintRule(text, 'signature-late', { config })[0].message).toContain('signed 3 business days after the session; the Medi-Cal profile expects a signature within 2 business days');
    expect(lintRule(text, 'signature-late')).toEqual([]);
  });

  it('stays quiet on a note signed the same day after the session', () => {
    expect(lintRule(COMPLETE_NOTE, 'signature-late')).toEqual([]);
  });
});

describe('diagnosis-missing', () => {
  it('fires at the heading of a member without a diagnosis, and once for a note with none', () => {
    const text = changed(['    diagnosis: F40.10\n', '']);
    const found = lintRule(text, 'diagnosis-missing');
    expect(at(text, found)).toEqual([['## Ben Cole', 'MRN-2']]);
    expect(found[0].message).toMatch(/^No diagnosis for Ben Cole\./);
    const none = COMPLETE_NOTE.replace(/    diagnosis: \S+\n/g, '');
    expect(at(none, lintRule(none, 'diagnosis-missing'))).toEqual([['members:', null]]);
  });

  it('stays quiet on a diagnosis on the roster, an ICD-10 code or a Diagnosis field in the section', () => {
    expect(lintRule(COMPLETE_NOTE, 'diagnosis-missing')).toEqual([]);
    expect(lintRule(changed(['    diagnosis: F40.10\n', ''], ['speak in meetings without a script.', 'speak in meetings without a script (social anxiety disorder, F40.10).']), 'diagnosis-missing')).toEqual([]);
    expect(lintRule(changed(['    diagnosis: F40.10\n', ''], ['**Plan:** Give one', '**Diagnosis:** Social anxiety disorder\n\n**Plan:** Give one']), 'diagnosis-missing')).toEqual([]);
  });
});

describe('diagnosis-plan-mismatch', () => {
  const plans = new Map<string, PlanFacts>([['MRN-1', { diagnoses: ['F41.1'] }], ['MRN-2', { diagnoses: ['F41.0'] }]]);
  const withPlans = { treatmentPlans: plans };

  it("fires when the member's diagnosis is not on their treatment plan", () => {
    const found = lintRule(COMPLETE_NOTE, 'diagnosis-plan-mismatch', withPlans);
    expect(at(COMPLETE_NOTE, found)).toEqual([['- id: MRN-2', 'MRN-2']]);
    expect(found[0].message).toBe("Ben Cole's diagnosis in this note (F40.10) is not on Ben Cole's treatment plan (F41.0). Use the plan's diagnosis, or update the plan first.");
    const inText = changed(['    diagnosis: F40.10\n', ''], ['speak in meetings without a script.', 'speak in meetings without a script (F40.10).']);
    expect(at(inText, lintRule(inText, 'diagnosis-plan-mismatch', withPlans))).toEqual([['F40.10', 'MRN-2']]);
  });

  it('stays quiet without plans, when the codes match (a category matches its codes), and for members with no plan', () => {
    expect(lintRule(COMPLETE_NOTE, 'diagnosis-plan-mismatch')).toEqual([]);
    const matching = { treatmentPlans: new Map<string, PlanFacts>([['MRN-1', { diagnoses: ['F41'] }], ['MRN-2', { diagnoses: ['F40.10', 'F32.1'] }]]) };
    expect(lintRule(COMPLETE_NOTE, 'diagnosis-plan-mismatch', matching)).toEqual([]);
  });
});

describe('rules that read the current date', () => {
  afterEach(() => vi.useRealTimers());
  it('a note dated today is not in the future', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 2, 4, 23, 59));
    expect(lintText(COMPLETE_NOTE).findings).toEqual([]);
  });
});
