import { describe, expect, it } from 'vitest';
import { findingsOf, flagged, goodSection, groupNote } from '../helpers.js';

const RULE = 'other-member-identifier';
const roster = [
  { id: 'MRN-20417', name: 'Maria Lopez' },
  { id: 'MRN-20533', name: "James O'Connor", aliases: ['Jim'] },
  { id: 'MRN-20602', name: 'Priya Natarajan' },
  { id: 'MRN-20711', name: 'Hope Adeyemi' },
];

function noteWith(priyaDetail: string, shared = 'Members practised paced breathing and reviewed homework.'): string {
  return groupNote(
    roster,
    `# Group session

${shared}

${goodSection('Maria Lopez', 'Described a panic episode in the checkout line and completed a thought record aloud.')}
${goodSection("James O'Connor", 'Spoke about dread before staff meetings and rehearsed an unscripted update.')}
${goodSection('Priya Natarajan', priyaDetail)}
${goodSection('Hope Adeyemi', 'Role-played declining an invitation from an old friend, first hesitantly, then clearly.')}`,
  );
}

describe(RULE, () => {
  it('flags an alias, a possessive, a last name and an MRN of another member, at the exact words', () => {
    const text = noteWith("Said that hearing how Jim handled a meeting helped; borrowed Maria's phrase; thanked O'Connor; compared notes with MRN-20417.");
    const found = findingsOf(text, RULE);
    expect(flagged(text, found)).toEqual(['Jim', "Maria's", "O'Connor", 'MRN-20417']);
    expect(found.every((f) => f.member === 'MRN-20602')).toBe(true);
    expect(found[0].message).toContain("James O'Connor");
  });

  it('flags any member named in the shared section, even split across a line break', () => {
    const text = noteWith('Reported taking a short flight and rated anxiety 6/10 at takeoff.', 'Maria\nLopez returned after missing last week. Four members attended.');
    const found = findingsOf(text, RULE);
    expect(found).toHaveLength(1);
    expect(flagged(text, found)).toEqual(['Maria\nLopez']);
    expect(found[0].member).toBeNull();
  });

  it('matches without accents, apostrophes or case and catches dotted initials', () => {
    const roster2 = [
      { id: '1', name: 'Ana-María Nguyễn' },
      { id: '2', name: 'Sean Brady' },
    ];
    const text = groupNote(
      roster2,
      `${goodSection('Sean Brady', 'Told the group that ana-maria nguyen and J.B. reminded him of home; also Nguyen helped.')}
${goodSection('Ana-María Nguyễn', 'Described her week and rated sleep.')}`,
    );
    // J.B. is nobody's initials here: not flagged. A.N. would be.
    expect(flagged(text, findingsOf(text, RULE))).toEqual(['ana-maria nguyen', 'Nguyen']);
    const text2 = text.replace('J.B.', 'A.N.');
    expect(flagged(text2, findingsOf(text2, RULE))).toEqual(['ana-maria nguyen', 'A.N.', 'Nguyen']);
  });

  it('flags roster contact details of another member', () => {
    const roster3 = [
      { id: 'A1', name: 'Lena Park', phone: '555-201-3344', email: 'lena.p@example.org' },
      { id: 'A2', name: 'Omar Haddad' },
    ];
    const text = groupNote(
      roster3,
      `${goodSection('Omar Haddad', 'Asked for a ride and wrote down 555-201-3344 and lena.p@example.org for later.')}
${goodSection('Lena Park', 'Described avoiding calls from her manager.')}`,
    );
    expect(flagged(text, findingsOf(text, RULE))).toEqual(['555-201-3344', 'lena.p@example.org']);
  });

  it("stays quiet on the member's own names, staff names, relatives and ordinary words", () => {
    const text = noteWith(
      "Priya said she has hope that the trip will go well and will try again; her sister Maria drove her. Dana Whitfield reflected the pattern. Natarajan's homework was done. We mark progress with grace.",
    );
    expect(findingsOf(text, RULE)).toEqual([]);
  });

  it('does not flag a name opening a quoted title in title case', () => {
    expect(findingsOf(noteWith('When the aide played "Maria in the Moonlight" she hummed along and said it was her mother\'s song.'), RULE)).toEqual([]);
    const leak = noteWith('Said "Maria was right about me" and cried.');
    expect(flagged(leak, findingsOf(leak, RULE))).toEqual(['Maria']);
  });

  it('reads a lower-case name-word after an article as the ordinary word, but not a bare one', () => {
    const roster2 = [{ id: '1', name: 'Maria Lopez' }, { id: '2', name: 'Wren Castellano' }];
    const quiet = groupNote(roster2, '## Maria Lopez\n\nDrew a small wren in the margin before the test.\n\n## Wren Castellano\n\nDescribed her week.\n');
    expect(findingsOf(quiet, RULE)).toEqual([]);
    const verb = groupNote([{ id: '1', name: 'Maria Lopez' }, { id: '2', name: 'Ada Dove' }], '## Maria Lopez\n\nSaid she dove into overtime after the divorce.\n\n## Ada Dove\n\nDescribed her week.\n');
    expect(findingsOf(verb, RULE)).toEqual([]);
    const leak = groupNote(roster2, '## Maria Lopez\n\nSaid she texted wren after the test.\n\n## Wren Castellano\n\nDescribed her week.\n');
    expect(flagged(leak, findingsOf(leak, RULE))).toEqual(['wren']);
  });

  it('treats a capitalised word-name as a name only where it reads as one', () => {
    const quiet = noteWith('Reported a good week. Hope is what keeps her going, she said. Will continue practice.');
    expect(findingsOf(quiet, RULE)).toEqual([]);
    const leak = noteWith('Said that Hope described the same fear, and that talking with Hope helped.');
    expect(flagged(leak, findingsOf(leak, RULE))).toEqual(['Hope', 'Hope']);
  });

  it('does not flag a first name shared with the section owner, but flags the other full name', () => {
    const twins = [
      { id: '11', name: 'Maria Lopez' },
      { id: '12', name: 'Maria Gomez' },
    ];
    const text = groupNote(
      twins,
      `${goodSection('Maria Lopez', 'Maria said the week was hard; she sat next to Maria Gomez and compared notes with Gomez.')}
${goodSection('Maria Gomez', 'Described her commute and rated anxiety.')}`,
    );
    expect(flagged(text, findingsOf(text, RULE))).toEqual(['Maria Gomez', 'Gomez']);
  });

  it('is quiet on the 2026-03-04 style note where nobody is named', () => {
    const text = noteWith('Arrived 10 minutes late; challenged a peer’s catastrophic prediction and linked it to her own.');
    expect(findingsOf(text, RULE)).toEqual([]);
  });

  it('catches a one-letter typo in a long name, but not in short names or ordinary words', () => {
    const text = noteWith('Sat beside OConor and Natarjan said hi; later Jin and Marla waved.');
    // "OConor" is one letter off O'Connor; "Natarjan" is Priya's own name; "Jin"/"Marla" are short
    expect(flagged(text, findingsOf(text, RULE))).toEqual(['OConor']);
    expect(findingsOf(text, RULE)[0].message).toContain('misspelt name');
  });

  it('finds roster phone numbers and dates of birth written in another format', () => {
    const roster4 = [
      { id: 'B1', name: 'Dolores Kane', dob: '1951-03-09', phone: '503-555-0148' },
      { id: 'B2', name: 'Walter Nowak' },
    ];
    const text = groupNote(
      roster4,
      `${goodSection('Walter Nowak', 'Listed a peer contact, DOB 03/09/1951, number (503) 555.0148, and met her on 3/9/51; his own appointment is 03/10/1951.')}
${goodSection('Dolores Kane', 'Described her cardiology follow-up.')}`,
    );
    expect(flagged(text, findingsOf(text, RULE))).toEqual(['03/09/1951', '(503) 555.0148', '3/9/51']);
  });

  it('knows months, times and lower-case names used as names', () => {
    const r = [
      { id: '1', name: 'May Chen' },
      { id: '2', name: 'Joy Park' },
      { id: '3', name: 'A.M.' },
    ];
    const text = groupNote(
      r,
      `${goodSection('Joy Park', 'Her mother died in May and she wakes at 3 a.m. or 4 A.M.; when may said she understood, Joy cried. Later joy said thanks.')}
${goodSection('May Chen', 'Described her commute.')}
${goodSection('A.M.', 'Described her week.')}`,
    );
    expect(flagged(text, findingsOf(text, RULE))).toEqual(['may']);
  });

  it('matches hyphenated surnames written with a space or in part, and common nicknames', () => {
    const r = [
      { id: '1', name: 'Calvin Reyes-Morgan' },
      { id: '2', name: 'Raymond Fisk' },
      { id: '3', name: 'Philippa Grant-Osei' },
    ];
    const text = groupNote(
      r,
      `${goodSection('Philippa Grant-Osei', 'Sat near reyes morgan, told Ray about her week, thanked Reyes; applied for a grant.')}
${goodSection('Calvin Reyes-Morgan', 'Described road rage on the commute.')}
${goodSection('Raymond Fisk', 'Described six months sober.')}`,
    );
    expect(flagged(text, findingsOf(text, RULE))).toEqual(['reyes morgan', 'Ray', 'Reyes']);
  });

  it('a roster whose members no heading names gives section findings, not a flood of shared-section leaks', () => {
    const text = groupNote(
      roster,
      `# Group session

Members practised paced breathing.

## Member One

Maria described a panic episode in the checkout line. Goal 1.

## Member Two

Priya asked Maria how she got through it. Goal 2.
`,
    );
    expect(findingsOf(text, RULE)).toEqual([]);
    const missing = findingsOf(text, 'member-section-missing');
    expect(missing.length).toBeGreaterThanOrEqual(2);
    expect(flagged(text, missing)).toEqual(expect.arrayContaining(['## Member One', '## Member Two']));
  });

  it('reads a name that is an English word by its place: the word in prose, the person where a person stands', () => {
    const r = [{ id: '1', name: 'Maria Lopez' }, { id: '2', name: 'Sage Whitfield' }, { id: '3', name: 'Clement Auger' }];
    const others = `${goodSection('Sage Whitfield', 'Described her week.')}\n${goodSection('Clement Auger', 'Described his week.')}`;
    const quiet = groupNote(r, `${goodSection('Maria Lopez', 'Said her supervisor gave sage advice but in a clipped tone. Clement weather let her walk to the session.')}\n${others}`);
    expect(findingsOf(quiet, RULE)).toEqual([]);
    const leaks = groupNote(r, `${goodSection('Maria Lopez', 'Said she talked to sage at the bus stop, and that she and\nClement grew up on the same block.')}\n${others}`);
    expect(flagged(leaks, findingsOf(leaks, RULE))).toEqual(['sage', 'Clement']);
  });

  it('flags an id written with a space for its hyphen, but not a name after a saint\'s "St."', () => {
    const shortIds = [{ id: 'RT-301', name: 'Maria Lopez' }, { id: 'RT-302', name: 'Priya Natarajan' }];
    const spaced = groupNote(shortIds, `${goodSection('Maria Lopez', 'Sat next to RT 302 and passed her the cards.')}\n${goodSection('Priya Natarajan', 'Named three warning signs and rehearsed the script twice.')}`);
    expect(flagged(spaced, findingsOf(spaced, RULE))).toEqual(['RT 302']);
    const church = noteWith('Sings on Sundays at St. Hope chapel and said it keeps her steady.');
    expect(findingsOf(church, RULE)).toHaveLength(0);
  });

  it('flags the initials of a three-part name and an id of grouped digits written without its dots; not a name inside "Musée de la ..."', () => {
    const people = [{ id: '12.345.678-9', name: 'Maria Lopez' }, { id: '98.765.432-1', name: 'Rosa Elena Diaz' }];
    const body = (maria: string) => groupNote(people, `${goodSection('Maria Lopez', maria)}\n${goodSection('Rosa Elena Diaz', 'Named three warning signs and rehearsed the script twice.')}`);
    const initials = body('Sat next to R.E.D. during the drawing task.');
    expect(flagged(initials, findingsOf(initials, RULE))).toEqual(['R.E.D.']);
    const undotted = body('Her entry is filed next to 98765432-1 by mistake.');
    expect(flagged(undotted, findingsOf(undotted, RULE))).toEqual(['98765432-1']);
    const museum = body('Talked about a Sunday visit to the Museo de la Rosa and the tram ride home.');
    expect(findingsOf(museum, RULE)).toHaveLength(0);
  });

  it('flags a surname that is an English word after an initial ("S. Whitfield" style)', () => {
    const r = [{ id: '1', name: 'Maria Lopez' }, { id: '2', name: 'Omar Sow' }];
    const text = groupNote(r, `Absent: O. Sow (excused).\n\n${goodSection('Maria Lopez', 'Described her week.')}\n${goodSection('Omar Sow', 'Described his week.')}`);
    expect(flagged(text, findingsOf(text, RULE))).toEqual(['Sow']);
  });

  it('flags a lower-case word-name after a verb that takes a person ("helped may with")', () => {
    const r = [{ id: '1', name: 'Maria Lopez' }, { id: '2', name: 'May Osei' }];
    const others = goodSection('May Osei', 'Described her week.');
    const leak = groupNote(r, `${goodSection('Maria Lopez', 'Helped may with her seed packets when she dropped them.')}\n${others}`);
    expect(flagged(leak, findingsOf(leak, RULE))).toEqual(['may']);
    const quiet = groupNote(r, `${goodSection('Maria Lopez', 'Said she may start the night class in the autumn.')}\n${others}`);
    expect(findingsOf(quiet, RULE)).toEqual([]);
  });
});
