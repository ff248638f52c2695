// Notes as clinics write them: no frontmatter, session facts in header lines with several bold
// labels on one line, and head counts as "Members present: 4 of 5", "Present: 6/8",
// "Attendance: 5". The header-only form and the frontmatter form of the same note give the same
// findings (docs/note-format.md shows both).

import { describe, expect, it } from 'vitest';
import { lintText, type Finding } from '../engine/index.js';
import { parseNote } from '../engine/facts/note.js';
import { statedCounts } from '../engine/facts/counts.js';
import { headerFields, headerSaysGroupNote, readSession } from '../engine/facts/session.js';
import { WorkspaceIndex } from '../engine/workspace/index.js';

const BODY = `Members practiced paced breathing and reviewed their exposure hierarchies.

## Maria Lopez (MRN-20417)

**Diagnosis:** F41.0

**Participation:** Described a panic surge at the grocery store and walked the group through the paced breathing she used.

**Interventions:** Therapist modeled interoceptive exposure; peers gave feedback.

**Response:** Rated anxiety 7/10 before and 4/10 after the exercise and said she would repeat it daily.

**Treatment plan:** Goal 1.1, identify panic triggers.

**Plan:** Enter the grocery store twice this week for ten minutes.

## James O'Connor (MRN-20533)

**Diagnosis:** F40.10

**Participation:** Shared a list of avoided situations and said Maria's grocery story sounded like his bus rides.

**Interventions:** Therapist coached cognitive restructuring of predictions.

**Response:** N/A

**Plan:** Ask one question in class this week.

Signed: Dana Whitfield, LCSW, 12/01/2026 3:05 PM
`;

const HEADER_ONLY = `# Group Psychotherapy Note

**Date:** 12/01/2026  **Time:** 1:00–2:30 PM  **Location:** Room 4, Eastside Clinic
**Group:** Anxiety Skills  **CPT:** 90853  **Setting:** In person  **POS:** 11
**Members present:** 2 of 2

${BODY}`;

const FRONTMATTER = `---
note: group-psychotherapy
cpt: 90853
date: 2026-12-01
start: "1:00 PM"
end: "2:30 PM"
setting: in-person
pos: 11
group: Anxiety Skills
members:
  - id: MRN-20417
    name: Maria Lopez
  - id: MRN-20533
    name: James O'Connor
---

# Group Psychotherapy Note

Location: Room 4, Eastside Clinic. 2 of 2 members present.

${BODY}`;

// what a finding says, without where it is (the two forms put the header facts on different lines)
// or its member key (the roster's id in one form, the id read from the heading in the other; the
// message names the member either way)
const said = (findings: Finding[]) => findings.map((f) => `${f.ruleId} ${f.severity} ${f.member === null ? 'shared' : 'member'} ${f.message}`).sort();

describe('header lines', () => {
  it('reads several bold labels on one line as separate fields', () => {
    const note = parseNote(HEADER_ONLY);
    expect(headerFields(note).map((f) => [f.label, f.value])).toEqual([
      ['Date', '12/01/2026'],
      ['Time', '1:00–2:30 PM'],
      ['Location', 'Room 4, Eastside Clinic'],
      ['Group', 'Anxiety Skills'],
      ['CPT', '90853'],
      ['Setting', 'In person'],
      ['POS', '11'],
      ['Members present', '2 of 2'],
      ['Signed', 'Dana Whitfield, LCSW, 12/01/2026 3:05 PM'],
    ]);
    const date = headerFields(note)[0];
    expect(HEADER_ONLY.slice(date.span.start, date.span.end)).toBe('**Date:** 12/01/2026');
  });

  it('reads plain labels split by pipes or two spaces, and **Label**: with the colon outside', () => {
    const note = parseNote('# Group therapy note\n\nDate: 2026-03-04 | Time: 10:00-11:30 AM  Setting: Telehealth\n- **POS**: 10\n\nText.\n\n## Ana Silva\n\nSpoke.\n');
    expect(note.isGroupNote).toBe(true);
    const session = readSession(note);
    expect(session.date.value).toEqual({ year: 2026, month: 3, day: 4 });
    expect([session.start.value, session.end.value]).toEqual([600, 690]);
    expect(session.setting.value).toBe('telehealth');
    expect(session.pos.value).toBe('10');
  });

  it('a note without frontmatter is a group note when its header says so, and only then', () => {
    expect(headerSaysGroupNote(HEADER_ONLY)).toBe(true);
    expect(headerSaysGroupNote('**Service:** Group psychotherapy (90853)\n\n## Ana\n')).toBe(true);
    expect(headerSaysGroupNote('CPT: 90853\n')).toBe(true);
    expect(headerSaysGroupNote('# Skills group, week 12\n\nMembers reviewed skills.\n\n## Client A\n')).toBe(false);
    expect(headerSaysGroupNote('# Individual session\n\nCPT: 90834\n')).toBe(false);
    // a mention below the first member section is not a header
    expect(headerSaysGroupNote('# Notes\n\n## Ana\n\nBilled 90853 last week.\n')).toBe(false);
  });

  it('reads head counts as clinics write them', () => {
    const counts = (shared: string) => statedCounts(parseNote(`---\nnote: group-psychotherapy\n---\n\n${shared}\n\n## Ana Silva\n\nSpoke.\n`)).map((c) => [c.present, c.enrolled]);
    expect(counts('**Members present:** 4 of 5 (one absent, excused)')).toEqual([[4, 5]]);
    expect(counts('Present: 6/8')).toEqual([[6, 8]]);
    expect(counts('**Present:** 6/8')).toEqual([[6, 8]]);
    expect(counts('Attendance: 5')).toEqual([[5, null]]);
    expect(counts('**Attendance:** 5 of 7')).toEqual([[5, 7]]);
  });
});

describe('the header-only form and the frontmatter form', () => {
  it('give the same findings for the same content', () => {
    const header = lintText(HEADER_ONLY, { now: () => 0 });
    const front = lintText(FRONTMATTER, { now: () => 0 });
    expect(header.isGroupNote).toBe(true);
    // not vacuous: the note has a leak and a missing response in James's section
    expect(said(front.findings).map((s) => s.split(' ')[0])).toEqual(expect.arrayContaining(['other-member-identifier', 'response-missing']));
    expect(said(header.findings)).toEqual(said(front.findings));
    // and the same session facts
    const a = readSession(header.note);
    const b = readSession(front.note);
    for (const key of ['date', 'start', 'end', 'setting', 'pos'] as const) expect(a[key].value, key).toEqual(b[key].value);
    expect(a.codes).toEqual(b.codes);
    expect(a.lengthMinutes).toBe(90);
  });

  it('give the same cross-note findings (the index reads the header\'s date and codes)', () => {
    const crossOf = (text: string) => {
      const index = new WorkspaceIndex();
      index.update('a.md', '1', text);
      index.update('b.md', '1', text);
      return [...index.crossNoteFindings().values()].flat().map((f) => `${f.ruleId} ${f.message}`).sort();
    };
    const header = crossOf(HEADER_ONLY);
    expect(header.some((f) => f.startsWith('duplicate-billing'))).toBe(true);
    expect(header).toEqual(crossOf(FRONTMATTER));
  });
});
