// The note model: sections, roster matching, fields, offsets with CRLF and BOM.

import { describe, expect, it } from 'vitest';
import { parseNote } from '../engine/facts/note.js';
import { lintText } from '../engine/index.js';

const roster = `---
note: group-psychotherapy
members:
  - id: MRN-1
    name: Maria Lopez
  - id: MRN-2
    name: Jamal Reed
    aliases: [Jay]
  - id: MRN-3
    name: Priya Natarajan
---
`;

describe('note model', () => {
  it('matches member headings by full name, id, alias, "First L." and initials', () => {
    const note = parseNote(`${roster}# Session\n\nShared.\n\n## Maria L.\n\nA.\n\n### MRN-2\n\nB.\n\n## P.N.\n\nC.\n`);
    expect(note.sections.map((s) => s.member.id)).toEqual(['MRN-1', 'MRN-2', 'MRN-3']);
    const alias = parseNote(`${roster}## Jay\n\nA.\n`);
    expect(alias.sections.map((s) => s.member.id)).toEqual(['MRN-2']);
  });

  it('matches headings when a roster entry with aliases has a name without words', () => {
    // this threw a TypeError while trying the "alias + last name" form, and the note went unchecked
    const text = '---\nnote: group-psychotherapy\nmembers:\n  - name: "—"\n    aliases: [Peg]\n  - name: Ana Silva\n---\n# Group\n\n## Ana Silva\n\nA.\n';
    expect(parseNote(text).sections.map((s) => s.member.name)).toEqual(['Ana Silva']);
    expect(() => lintText(text)).not.toThrow();
  });

  it('derives members from headings when there is no roster, skipping section headings', () => {
    const note = parseNote('---\nnote: group-psychotherapy\n---\n# Group\n\n## Group summary\n\nX.\n\n## Client A\n\nA.\n\n## J.R.\n\nB.\n\n## Member 3 (ID 5521)\n\nC.\n\n## Teresa Ruiz (3391)\n\nD.\n\n## Signature\n\nSigned.\n');
    expect(note.sections.map((s) => [s.member.name, s.member.id])).toEqual([
      ['Client A', null],
      ['J.R.', null],
      ['Member 3', '5521'],
      ['Teresa Ruiz', '3391'],
    ]);
    // the summary and the signature are shared text
    expect(note.shared.length).toBe(2);
  });

  it('ends the last member section at a rule or a signature line', () => {
    const text = `${roster}## Maria Lopez\n\nDescribed the week.\n\n---\nSigned: Dana Whitfield, LCSW\n`;
    const note = parseNote(text);
    expect(text.slice(note.sections[0].body.start, note.sections[0].body.end).trim()).toBe('Described the week.');
    const text2 = `${roster}## Maria Lopez\n\nDescribed the week.\n\nMarcus Bell, LPC. Electronically signed 05/19/2026 11:40.\n`;
    expect(text2.slice(parseNote(text2).sections[0].end).trim()).toMatch(/^Marcus Bell/);
  });

  it('reads labelled fields in bold, list, heading, SOAP and inline forms', () => {
    const text = `${roster}## Maria Lopez\n\nOpened with a story.\n\n**Participation:** Did X.\n- Response: Y.\n### Treatment plan\nGoal 1.\nS: said Z. Plan: more.\n`;
    const kinds = parseNote(text).sections[0].fields.map((f) => [f.kind, f.label]);
    expect(kinds).toEqual([
      ['narrative', null],
      ['participation', 'Participation'],
      ['response', 'Response'],
      ['treatment-plan', 'Treatment plan'],
      ['participation', 'S'],
      ['plan', 'Plan'],
    ]);
  });

  it('reads a Reaction label as a response field, and a goal letter after "Obj." as no label', () => {
    const text = `${roster}## Maria Lopez\n\nContribution: Asked about bus passes.\nReaction: Took the list.\nPlan goal: Obj. B: one call a week.\n`;
    const kinds = parseNote(text).sections[0].fields.map((f) => [f.kind, f.label]);
    expect(kinds).toEqual([
      ['participation', 'Contribution'],
      ['response', 'Reaction'],
      ['treatment-plan', 'Plan goal'],
    ]);
  });

  it('reads a PIE "P:" before the Intervention as the Problem, and "E:" as the Evaluation', () => {
    const text = `${roster}## Maria Lopez\n\nP: Said she has not left the house since May.\nI: Graded exposure plan.\nE: Agreed to walk to the corner.\n`;
    const kinds = parseNote(text).sections[0].fields.map((f) => [f.kind, f.label]);
    expect(kinds).toEqual([
      ['other', 'P'],
      ['interventions', 'I'],
      ['response', 'E'],
    ]);
  });

  it('reads labels with a qualifier in brackets, and a plan-of-care label', () => {
    const text = `${roster}## Maria Lopez\n\nPlan of care objective addressed: Obj. 2: sleep.\nI (Leader 2): Pair work.\nResponse (role-play): Asked twice.\n`;
    const kinds = parseNote(text).sections[0].fields.map((f) => [f.kind, f.label]);
    expect(kinds).toEqual([
      ['treatment-plan', 'Plan of care objective addressed'],
      ['interventions', 'I'],
      ['response', 'Response'],
    ]);
  });

  it('reads a list item with a label of its own as a field, not as part of the ticked item before it', () => {
    // (read like narrative, unless the label names a goal, a plan or the topic)
    const text = `${roster}## Maria Lopez\n\n- Homework: [x] Done [ ] Not done\n- Comments: Drew the floor plan of her flat and marked the exits.\n- Unexpected events: None.\n- Session aims today: name exits; keep calm.\n- Goal addressed: Goal 1.\n`;
    const kinds = parseNote(text).sections[0].fields.map((f) => [f.kind, f.label]);
    expect(kinds).toEqual([
      ['plan', 'Homework'],
      ['narrative', 'Comments'],
      ['narrative', 'Unexpected events'],
      ['other', 'Session aims today'],
      ['treatment-plan', 'Goal addressed'],
    ]);
    // a list of sentences that are not fields keeps its items in the field
    const prose = `${roster}## Maria Lopez\n\nResponse: two things.\n- She said: "not today".\n`;
    expect(parseNote(prose).sections[0].fields.map((f) => f.label)).toEqual(['Response']);
  });

  it('does not take a lower-case word that continues a wrapped sentence for a label', () => {
    const text = `${roster}## Maria Lopez\n\nSaid she already knows her\nplan: call her sister, walk, sleep by ten.\nPlan: Practise the script.\n`;
    const kinds = parseNote(text).sections[0].fields.map((f) => [f.kind, f.label]);
    expect(kinds).toEqual([
      ['narrative', null],
      ['plan', 'Plan'],
    ]);
  });

  it('keeps positions right with CRLF line endings and a byte-order mark', () => {
    const lf = `${roster}## Maria Lopez\n\nDescribed her week; Jamal helped. Said she felt calmer after. Goal 1.\n\n## Jamal Reed\n\nDescribed his week and felt relieved after the drill. Goal 2.\n`;
    const crlf = `\uFEFF${lf.replace(/\n/g, '\r\n')}`;
    const a = lintText(lf).findings.map((f) => [f.ruleId, f.start, f.end]);
    const b = lintText(crlf).findings.map((f) => [f.ruleId, f.start, f.end]);
    expect(a.length).toBeGreaterThan(0);
    // the BOM shifts the first line only; the leak is on a later line
    expect(b).toEqual(a);
    const leak = lintText(crlf).findings.find((f) => f.ruleId === 'other-member-identifier')!;
    expect(crlf.slice(leak.startOffset, leak.endOffset)).toBe('Jamal');
  });

  it('reports broken YAML as frontmatter-invalid and still checks the body', () => {
    const text = '---\nnote: group-psychotherapy\nmembers: [Ana Silva, Ben Cole\n---\n## Ana Silva\n\nAsked Ben Cole for a ride.\n';
    const ids = lintText(text).findings.map((f) => f.ruleId);
    expect(ids).toContain('frontmatter-invalid');
    expect(ids).toContain('response-missing');
  });

  it('reports a roster with the wrong shape', () => {
    const bad = lintText('---\nnote: group-psychotherapy\nmembers: Ana Silva\n---\n## Ana Silva\n\nText.\n').findings.filter((f) => f.ruleId === 'frontmatter-invalid');
    expect(bad.map((f) => f.message)).toEqual(['`members` must be a list of members (each with id and name).']);
    const dup = lintText('---\nnote: group-psychotherapy\nmembers:\n  - {id: 1, name: A B}\n  - {id: 1, name: C D}\n  - {aliases: [x]}\n---\n').findings.filter((f) => f.ruleId === 'frontmatter-invalid');
    expect(dup.map((f) => f.message)).toEqual(['Member id 1 appears twice in `members`.', 'Member 3 in `members` has neither a name nor an id.']);
  });

  it('is quiet on frontmatter-invalid for a valid note, and ignores non-group notes entirely', () => {
    expect(lintText(`${roster}## Maria Lopez\n\nText.\n`).findings.filter((f) => f.ruleId === 'frontmatter-invalid')).toEqual([]);
    expect(lintText('---\ntitle: [broken\n---\n# Readme\n').findings).toEqual([]);
    expect(lintText('').findings).toEqual([]);
  });
});
