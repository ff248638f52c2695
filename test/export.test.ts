// Splitting a group note into one chart note per present member, with leak checks.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { exportMemberNotes, MEMBER_NOTE_KIND } from '../engine/editor/export.js';
import { parseNote } from '../engine/facts/note.js';

const sample = (name: string) => readFileSync(new URL(`../samples/anxiety-group/${name}`, import.meta.url), 'utf8');
const frontmatterOf = (text: string) => parseYaml(/^---\r?\n([\s\S]*?)\r?\n---/.exec(text)![1]) as Record<string, unknown>;
const leaked = (e: { text: string; leaks: { start: number; end: number }[] }) => e.leaks.map((l) => e.text.slice(l.start, l.end));

describe('exportMemberNotes on 2026-03-11 (names in the shared section and in a member section)', () => {
  const text = sample('2026-03-11-anxiety-skills.md');
  const exports = exportMemberNotes(text);

  it('exports one note per present member, in section order, with safe file names', () => {
    expect(exports.map((e) => e.member)).toEqual([
      { key: 'MRN-20417', id: 'MRN-20417', name: 'Maria Lopez' },
      { key: 'MRN-20533', id: 'MRN-20533', name: "James O'Connor" },
      { key: 'MRN-20602', id: 'MRN-20602', name: 'Priya Natarajan' },
      { key: 'MRN-20711', id: 'MRN-20711', name: 'Samuel Okafor' },
    ]);
    expect(exports.map((e) => e.fileName)).toEqual(['2026-03-11-MRN-20417.md', '2026-03-11-MRN-20533.md', '2026-03-11-MRN-20602.md', '2026-03-11-MRN-20711.md']);
  });

  it('reduces the frontmatter to the session fields and one patient', () => {
    const fm = frontmatterOf(exports[0].text);
    expect(fm).toEqual({
      note: MEMBER_NOTE_KIND,
      cpt: 90853,
      date: '2026-03-11',
      start: '14:00',
      end: '15:30',
      setting: 'in-person',
      pos: 11,
      group: 'Anxiety skills and process group (outpatient)',
      facilitator: 'Dana Whitfield, LCSW',
      patient: { id: 'MRN-20417', name: 'Maria Lopez' },
    });
    // times stay quoted, as docs/note-format.md asks
    expect(exports[0].text).toContain('start: "14:00"');
    expect(exports[0].text).not.toContain('members:');
  });

  it('holds the shared text, only that member section, and the signature block, in that order', () => {
    const maria = exports[0].text;
    const order = ['# Group session', '**Focus:**', '**Interventions used across the group:**', '## Maria Lopez', '**Plan:** Continue weekly group.', '---\nSigned: Dana Whitfield, LCSW, 2026-03-11 16:05'].map((s) => maria.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const other of ["## James O'Connor", '## Priya Natarajan', '## Samuel Okafor', 'Objective 2.1', 'interoceptive']) expect(maria).not.toContain(other);
    expect(maria.endsWith('16:05\n')).toBe(true);
    expect(exports[3].text).toContain('Practiced a short, honest answer with a peer.');
  });

  it('reports Samuel Okafor (shared section) in every other member export, and Jim in Priya\'s', () => {
    expect(exports.map(leaked)).toEqual([['Samuel Okafor'], ['Samuel Okafor'], ['Samuel Okafor', 'Jim'], []]);
    const jim = exports[2].leaks[1];
    expect(jim.message).toMatch(/James O'Connor \(alias\)/);
    expect(exports[2].text.split('\n')[jim.line]).toContain('how Jim handled his staff meeting');
    const samuel = exports[0].leaks[0];
    expect(exports[0].text.split('\n')[samuel.line]).toMatch(/^\*\*Focus:\*\*/);
  });

  it('each export parses as a note with the member as its only section', () => {
    for (const e of exports) {
      const note = parseNote(e.text, { forceGroupNote: true });
      expect(note.sections).toHaveLength(1);
      expect(e.text.slice(note.sections[0].heading.start, note.sections[0].heading.end)).toContain(e.member.name!);
    }
  });
});

describe('exportMemberNotes on 2026-03-04 (Samuel absent)', () => {
  const exports = exportMemberNotes(sample('2026-03-04-anxiety-skills.md'));

  it('gives absent members no export, and the others have no leaks', () => {
    expect(exports.map((e) => e.member.name)).toEqual(['Maria Lopez', "James O'Connor", 'Priya Natarajan']);
    expect(exports.map((e) => e.leaks)).toEqual([[], [], []]);
    expect(exports.map((e) => e.fileName)).toEqual(['2026-03-04-MRN-20417.md', '2026-03-04-MRN-20533.md', '2026-03-04-MRN-20602.md']);
  });

  it('drops the whole roster, including the absent member', () => {
    for (const e of exports) expect(e.text).not.toMatch(/Samuel|Okafor|MRN-20711|attendance/);
  });
});

describe('other notes', () => {
  const noRoster = [
    '---',
    'note: group-psychotherapy',
    'cpt: 90853',
    'date: 2026-04-02',
    'facilitator: Hugo Lindgren, LMSW',
    '---',
    '',
    '# DBT skills',
    '',
    'Topic: opposite action. 3 members.',
    '',
    '## Teresa Ruiz (3391)',
    '',
    'Practiced opposite action for shame; rated urge 8/10 then 5/10. Goal 1.1.',
    '',
    '## Client B',
    '',
    'Sat next to Teresa and described avoiding calls. Goal 2.',
    '',
    '## J.R.',
    '',
    'Quiet; said the skill "might work." Goal 3.',
    '',
    'Signed: Hugo Lindgren, LMSW, 2026-04-02',
    '',
  ].join('\n');

  it('exports members derived from headings when there is no roster', () => {
    const exports = exportMemberNotes(noRoster);
    expect(exports.map((e) => [e.member.name, e.member.id, e.fileName])).toEqual([
      ['Teresa Ruiz', '3391', '2026-04-02-3391.md'],
      ['Client B', null, '2026-04-02-client-b.md'],
      ['J.R.', null, '2026-04-02-j-r.md'],
    ]);
    expect(frontmatterOf(exports[1].text).patient).toEqual({ name: 'Client B' });
    expect(exports.map(leaked)).toEqual([[], ['Teresa'], []]);
    expect(exports[2].text).toMatch(/## J\.R\.\n\nQuiet; said the skill "might work\." Goal 3\.\n\nSigned: Hugo Lindgren, LMSW, 2026-04-02\n$/);
  });

  it('keeps CRLF line endings and offsets in the exported text', () => {
    const crlf = `\uFEFF${noRoster.replace(/\n/g, '\r\n')}`;
    const exports = exportMemberNotes(crlf);
    expect(exports).toHaveLength(3);
    const b = exports[1];
    expect(b.text).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
    expect(b.text.startsWith('---\r\nnote: group-psychotherapy-member-note\r\n')).toBe(true);
    expect(leaked(b)).toEqual(['Teresa']);
    expect(b.text.split('\r\n')[b.leaks[0].line]).toContain('Sat next to Teresa');
  });

  it('never copies frontmatter comments or unknown fields, and makes unsafe ids safe file names', () => {
    const text = [
      '---',
      'note: group-psychotherapy # Ana is new',
      'location: Room 4, next to Ana Silva',
      'members:',
      '  - {id: "../../etc/passwd", name: Ana Silva}',
      '  - {name: "Zoë O\'Brien: Jr"}',
      '  - {name: "Zoe O Brien Jr"}',
      '---',
      '## Ana Silva',
      '',
      'Described her week in detail.',
      '',
      "## Zoë O'Brien: Jr",
      '',
      'Described hers.',
      '',
      '## Zoe O Brien Jr',
      '',
      'Described his.',
      '',
    ].join('\n');
    const exports = exportMemberNotes(text);
    expect(exports.map((e) => e.fileName)).toEqual(['undated-etc-passwd.md', 'undated-zoe-obrien-jr.md', 'undated-zoe-o-brien-jr.md']);
    for (const e of exports) expect(e.fileName).toMatch(/^[A-Za-z0-9_-]+\.md$/);
    expect(exports[0].text).not.toMatch(/Ana is new|Room 4|location/);
    expect(frontmatterOf(exports[1].text)).toEqual({ note: MEMBER_NOTE_KIND, patient: { name: "Zoë O'Brien: Jr" } });
  });

  it('gives each export a distinct file name', () => {
    const text = '---\nnote: group-psychotherapy\ndate: 2026-05-01\nmembers:\n  - {id: A-1, name: Ana}\n  - {id: "A 1", name: Bo}\n---\n## Ana\n\nX.\n\n## Bo\n\nY.\n';
    expect(exportMemberNotes(text).map((e) => e.fileName)).toEqual(['2026-05-01-A-1.md', '2026-05-01-A-1-2.md']);
  });

  it('returns nothing for a file that is not a group note, unless forced', () => {
    const text = '# Week 12\n\n## Maria Lopez\n\nDescribed her week.\n';
    expect(exportMemberNotes(text)).toEqual([]);
    expect(exportMemberNotes(text, { forceGroupNote: true }).map((e) => e.fileName)).toEqual(['undated-maria-lopez.md']);
  });
});

describe('exportMemberNotes leaves editor-only markup out of chart notes', () => {
  it('drops disable comments (with reasons that name members) and other HTML comments, keeping the text around them', () => {
    const text = sample('2026-03-04-anxiety-skills.md');
    const sections = [...text.matchAll(/^## .*$/gm)];
    const second = sections[1].index!;
    const commented = [
      text.slice(0, second),
      '<!-- groupnote-disable-next-line member-copy-paste -- same exercise as Maria Lopez, checked with supervisor -->\n',
      text.slice(second).replace(/^(\*\*Participation:\*\*.*)$/m, '$1 <!-- groupnote-disable-line participation-missing -- see Maria Lopez --> <!-- draft:\nask James -->'),
      '\n<!-- a comment over\ntwo lines --> then text\n',
      '\n<!-- groupnote-disable-file diagnosis-missing -->\n<!-- unclosed comment naming Maria Lopez',
    ].join('');
    const plain = exportMemberNotes(text);
    const exports = exportMemberNotes(commented);
    expect(exports.map((e) => e.fileName)).toEqual(plain.map((e) => e.fileName));
    for (const e of exports) {
      expect(e.text).not.toContain('<!--');
      expect(e.text).not.toContain('-->');
      expect(e.text).not.toContain('groupnote-disable');
      expect(e.text).not.toContain('ask James');
    }
    // the member whose section held the comments: the same chart note as without them, but for
    // the text after the last comment
    expect(exports[1].text.replace(/\n\nthen text\n/, '\n')).toBe(plain[1].text);
    expect(exports[1].leaks).toEqual(plain[1].leaks);
  });
});
