// member-section-missing: every present roster member needs a section of their own; a heading that
// names no one on the roster while a member has none is reported, with a quick fix that renames
// it to the closest roster name. Export refuses such a note (test/export.test.ts, cli.test.ts).

import { describe, expect, it } from 'vitest';
import { lintText } from '../../engine/index.js';
import { fixesFor } from '../../engine/editor/fixes.js';
import { exportMemberNotes } from '../../engine/editor/export.js';

const roster = (extra = '') => `---
note: group-psychotherapy
cpt: 90853
date: 2026-03-04
members:
  - {id: "A-1", name: Ana Silva}
  - {id: "B-2", name: Ben Cole}
  - {id: "C-3", name: Cara Diaz${extra}}
---

3 of 3 members present.
`;
const section = (heading: string, text: string) => `\n## ${heading}\n\n**Participation:** ${text}\n`;
const rule = (text: string) => lintText(text).findings.filter((f) => f.ruleId === 'member-section-missing');
const apply = (text: string, edit: { start: number; end: number; newText: string }) => text.slice(0, edit.start) + edit.newText + text.slice(edit.end);

describe('member-section-missing', () => {
  it('reports a present member with no section at their roster entry, and a misspelt heading with a rename fix', () => {
    const text = roster() + section('Ana Silva (A-1)', 'Described the week.') + section('Ben Coel', 'Disclosed a positive test result.') + section('Cara Diaz (C-3)', 'Practised grounding.');
    const findings = rule(text);
    // in the order of the note: Ben's roster entry, then the heading
    expect(findings.map((f) => [f.start.line + 1, f.member])).toEqual([
      [7, 'B-2'],
      [text.split('\n').findIndex((l) => l.startsWith('## Ben Coel')) + 1, 'Ben Coel'],
    ]);
    expect(findings[0].message).toMatch(/^Ben Cole is on the roster as present but has no section of their own/);
    expect(findings[1].message).toMatch(/^This heading names no one on the roster, while Ben Cole has no section: if this is Ben Cole's section/);
    // the message quotes no note text (not even the misspelt heading)
    for (const f of findings) expect(f.message).not.toContain('Coel');
    const result = lintText(text);
    const [fix] = fixesFor(result, findings[1]);
    expect(fix).toMatchObject({ title: 'Rename the heading to "Ben Cole (B-2)"', preferred: true });
    // after the fix, every member has a section and the rule is quiet
    const fixed = apply(text, fix.edits[0]);
    expect(fixed).toContain('\n## Ben Cole (B-2)\n');
    expect(rule(fixed)).toEqual([]);
    expect(lintText(fixed).note.sections.map((s) => s.member.key)).toEqual(['A-1', 'B-2', 'C-3']);
  });

  it('picks the closest roster name among the members without a section', () => {
    const text = roster() + section('Ana Silva (A-1)', 'Described the week.') + section('Kara Dias', 'Practised grounding.') + section('Benn Col', 'Talked about work.');
    const renames = rule(text).filter((f) => f.data?.rename).map((f) => (f.data!.rename as { newText: string }).newText);
    expect(renames).toEqual(['Cara Diaz (C-3)', 'Ben Cole (B-2)']);
  });

  it('reports a member whose text sits under a heading that is not a member heading (## Plan)', () => {
    const text = roster() + section('Ana Silva (A-1)', 'Described the week.') + section('Ben Cole (B-2)', 'Talked about work.') + '\n## Plan\n\nCara practised grounding and disclosed a relapse.\n';
    const findings = rule(text);
    expect(findings.map((f) => f.member)).toEqual(['C-3']);
    expect(exportMemberNotes(text)[0].unattributed).toEqual(['Cara Diaz is present but has no section of their own']);
  });

  it('is quiet when every present member has a section, when the member without one is absent, and without a roster', () => {
    const complete = roster() + section('Ana Silva (A-1)', 'a.') + section('Ben Cole (B-2)', 'b.') + section('Cara Diaz (C-3)', 'c.');
    expect(rule(complete)).toEqual([]);
    expect(rule(roster(', attendance: absent') + section('Ana Silva (A-1)', 'a.') + section('Ben Cole (B-2)', 'b.'))).toEqual([]);
    expect(rule(roster(', attendance: no-show') + section('Ana Silva (A-1)', 'a.') + section('Ben Cole (B-2)', 'b.'))).toEqual([]);
    // a heading naming someone not on the roster while every member has a section: a guest, not a lost section
    expect(rule(complete + section('Dee Evans', 'd.'))).toEqual([]);
    expect(rule('---\nnote: group-psychotherapy\n---\n## Ana Silva\n\na.\n\n## Ben Cole\n\nb.\n')).toEqual([]);
    expect(exportMemberNotes(complete).every((e) => e.unattributed.length === 0)).toBe(true);
  });
});
