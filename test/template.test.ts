// A new group note from a roster; the roster of an existing note.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../engine/index.js';
import { isFoundationRule } from './rules/foundation.js';
import { parseNote } from '../engine/facts/note.js';
import { buildGroupNoteTemplate, rosterFromNote, type TemplateOptions } from '../engine/editor/template.js';

const sample = (name: string) => readFileSync(new URL(`../samples/anxiety-group/${name}`, import.meta.url), 'utf8');

const options: TemplateOptions = {
  date: '2026-03-18',
  start: '14:00',
  end: '15:30',
  setting: 'in-person',
  group: 'Anxiety skills and process group (outpatient)',
  facilitator: 'Dana Whitfield, LCSW',
  members: [
    { id: 'MRN-20417', name: 'Maria Lopez' },
    { id: 'MRN-20533', name: "James O'Connor", aliases: ['Jim'] },
    { id: '5120', name: 'Noor Haddad: Jr' },
    { name: "D'Andre #1 *Smith*" },
    { id: 'MRN-30118', name: '' },
  ],
};

describe('buildGroupNoteTemplate', () => {
  const text = buildGroupNoteTemplate(options);
  const note = parseNote(text);

  it('parses as a group note with valid frontmatter and the whole roster, present', () => {
    expect(note.isGroupNote).toBe(true);
    expect(note.problems).toEqual([]);
    expect(note.frontmatter).toMatchObject({
      note: 'group-psychotherapy',
      cpt: 90853,
      date: '2026-03-18',
      start: '14:00',
      end: '15:30',
      setting: 'in-person',
      group: 'Anxiety skills and process group (outpatient)',
      facilitator: 'Dana Whitfield, LCSW',
    });
    expect(text).toContain('start: "14:00"');
    expect(note.roster.map((m) => [m.id, m.name, m.aliases, m.attendance])).toEqual([
      ['MRN-20417', 'Maria Lopez', [], 'present'],
      ['MRN-20533', "James O'Connor", ['Jim'], 'present'],
      ['5120', 'Noor Haddad: Jr', [], 'present'],
      [null, "D'Andre #1 *Smith*", [], 'present'],
      ['MRN-30118', null, [], 'present'],
    ]);
    expect(note.staff).toEqual(['Dana Whitfield']);
  });

  it('has one section per member, in roster order, each with the field skeleton', () => {
    expect(note.sections.map((s) => s.member)).toEqual(note.roster);
    for (const s of note.sections) {
      expect(s.fields.map((f) => f.kind)).toEqual(['participation', 'interventions', 'response', 'treatment-plan', 'plan']);
    }
    expect(text).toContain("## James O'Connor (MRN-20533)\n\n**Participation:** [what they said and did]");
    expect(text).toContain('## MRN-30118\n');
  });

  it('has the shared section skeleton and a signature line outside every member section', () => {
    const shared = note.shared.map((s) => text.slice(s.start, s.end)).join('');
    expect(shared).toContain('# Group session');
    expect(shared).toContain('**Focus:**');
    expect(shared).toContain('**Format:** in-person, 90 minutes, [number present] of 5 enrolled members present.');
    expect(shared).toContain('**Interventions used across the group:**');
    expect(shared).toMatch(/---\nSigned: \[[^\]]+\]\n$/);
  });

  it('round-trips names with apostrophes, colons and Markdown characters', () => {
    const again = rosterFromNote(text);
    expect(again.members).toEqual([
      { id: 'MRN-20417', name: 'Maria Lopez' },
      { id: 'MRN-20533', name: "James O'Connor", aliases: ['Jim'] },
      { id: '5120', name: 'Noor Haddad: Jr' },
      { name: "D'Andre #1 *Smith*" },
      { id: 'MRN-30118', name: '' },
    ]);
    expect(buildGroupNoteTemplate({ ...again, date: '2026-03-18' })).toBe(text);
  });

  it('an untouched template reports the participation, response and plan-link placeholders of every member', () => {
    // the foundation rules (the template's other placeholders are placeholder-text's, tested in test/rules)
    const findings = lintText(text).findings.filter((f) => isFoundationRule(f.ruleId));
    for (const s of note.sections) {
      const own = findings.filter((f) => f.member === s.member.key).map((f) => [f.ruleId, f.data?.['evidence'] ?? null, text.slice(f.startOffset, f.endOffset)]);
      expect(own, s.member.key).toEqual([
        ['participation-missing', 'placeholder', '**Participation:**'],
        ['response-missing', 'placeholder', '**Response:**'],
        ['treatment-plan-link-missing', null, '**Treatment plan:**'],
      ]);
    }
    // and nothing else: no names in shared text, no "copied" placeholders, valid YAML
    expect(findings.filter((f) => !['participation-missing', 'response-missing', 'treatment-plan-link-missing'].includes(f.ruleId))).toEqual([]);
    expect(findings).toHaveLength(3 * note.sections.length);
  });

  it('writes placeholders for session facts that are not given, and no member with neither id nor name', () => {
    const bare = buildGroupNoteTemplate({ date: '2026-03-18', members: [{ name: 'Ana Silva' }, { name: '  ' }] });
    const fm = parseNote(bare).frontmatter!;
    expect(fm).toMatchObject({ start: '[HH:MM]', end: '[HH:MM]', setting: '[in-person or telehealth]', facilitator: '[name, credentials]' });
    expect(fm['members']).toEqual([{ name: 'Ana Silva', attendance: 'present' }]);
    expect(bare).toContain('**Format:** [in-person or telehealth], [minutes] minutes, [number present] of 1 enrolled members present.');
    // placeholders are not carried into next week's note
    expect(rosterFromNote(bare)).toEqual({ members: [{ name: 'Ana Silva' }] });
  });
});

describe('rosterFromNote', () => {
  it('keeps absent members and the session facts of last week\'s note', () => {
    const roster = rosterFromNote(sample('2026-03-04-anxiety-skills.md'));
    expect(roster).toEqual({
      members: [
        { id: 'MRN-20417', name: 'Maria Lopez' },
        { id: 'MRN-20533', name: "James O'Connor", aliases: ['Jim'] },
        { id: 'MRN-20602', name: 'Priya Natarajan' },
        { id: 'MRN-20711', name: 'Samuel Okafor' },
      ],
      facilitator: 'Dana Whitfield, LCSW',
      group: 'Anxiety skills and process group (outpatient)',
      start: '14:00',
      end: '15:30',
      setting: 'in-person',
    });
    const next = parseNote(buildGroupNoteTemplate({ ...roster, date: '2026-03-11' }));
    expect(next.roster.map((m) => m.attendance)).toEqual(['present', 'present', 'present', 'present']);
    expect(next.sections.map((s) => s.member.name)).toEqual(['Maria Lopez', "James O'Connor", 'Priya Natarajan', 'Samuel Okafor']);
  });

  it('carries co-facilitators and contact details, and not a misspelt heading', () => {
    const text = [
      '---',
      'note: group-psychotherapy',
      'facilitator: ["Rowan Ellery, LMFT"]',
      'co-facilitator: Hugo Lindgren, LMSW',
      'members:',
      '  - {id: 5120, name: Noor Haddad, dob: 1990-02-03, attendance: no-show}',
      '---',
      '## Noor Haddad',
      '',
      'X.',
      '',
      '## Beatrix Lund',
      '',
      'Y.',
      '',
    ].join('\n');
    expect(rosterFromNote(text)).toEqual({
      members: [{ id: '5120', name: 'Noor Haddad', dob: '1990-02-03' }],
      facilitator: 'Rowan Ellery, LMFT',
      coFacilitator: 'Hugo Lindgren, LMSW',
    });
    const two = rosterFromNote(text.replace('["Rowan Ellery, LMFT"]', '["Rowan Ellery, LMFT", "Ida Berg, PhD"]'));
    expect(two.facilitator).toEqual(['Rowan Ellery, LMFT', 'Ida Berg, PhD']);
    const next = parseNote(buildGroupNoteTemplate({ ...two, date: '2026-03-18' }));
    expect(next.frontmatter).toMatchObject({ facilitator: ['Rowan Ellery, LMFT', 'Ida Berg, PhD'], 'co-facilitator': 'Hugo Lindgren, LMSW' });
    expect(next.staff).toEqual(['Rowan Ellery', 'Ida Berg', 'Hugo Lindgren']);
  });

  it('takes the members from the headings of a note without a roster', () => {
    const text = '---\nnote: group-psychotherapy\n---\n# Group\n\n## Group summary\n\nX.\n\n## Teresa Ruiz (3391)\n\nA.\n\n## Client B\n\nB.\n';
    expect(rosterFromNote(text).members).toEqual([{ id: '3391', name: 'Teresa Ruiz' }, { name: 'Client B' }]);
  });
});
