// Session header rules: date, times, length, per-member times and the participant count; and the
// parsing of times and dates they rely on.

import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lintText } from '../../engine/index.js';
import { LATE_CUE, LATE_WORDS, LEFT_CUE, LEFT_WORDS } from '../../engine/facts/attendance.js';
import { parseClock, parseClockRange, parseDate, parseMinutes } from '../../engine/facts/session.js';
import { at, changed, COMPLETE_NOTE, lintRule } from './complete-note.js';

describe('parsing times and dates', () => {
  it('reads times written the ways clinicians write them', () => {
    const cases: [unknown, number | null][] = [
      ['14:00', 840], ['2:00 PM', 840], ['2:00pm', 840], ['9:30 AM', 570], ['9:30a.m.', 570], ['12:15 PM', 735], ['12:05 am', 5],
      ['2 pm', 840], ['14h00', 840], ['1400', 840], [1400, 840], ['09:30', 570], ['noon', 720], ['2026-03-04T14:00', 840],
      ['2', null], ['13:00 PM', null], ['25:00', null], ['14:75', null], ['[HH:MM]', null], ['', null], [null, null], [true, null], [{}, null], [[14, 0], null], [840.5, null],
    ];
    for (const [value, minutes] of cases) expect(parseClock(value), String(value)).toBe(minutes);
    expect(parseClockRange('2:00 - 3:30 PM')).toEqual({ start: 840, end: 930 });
    expect(parseClockRange('14:00–15:30')).toEqual({ start: 840, end: 930 });
    expect(parseMinutes('90 minutes')).toBe(90);
    expect(parseMinutes('1.5 hours')).toBe(90);
    expect(parseMinutes('1h30')).toBe(90);
    expect(parseMinutes('a while')).toBeNull();
  });

  it('reads dates as ISO, US month-first and in words, and rejects impossible ones', () => {
    expect(parseDate('2026-03-04')).toEqual({ year: 2026, month: 3, day: 4 });
    expect(parseDate('03/04/2026')).toEqual({ year: 2026, month: 3, day: 4 });
    expect(parseDate('3/4/26')).toEqual({ year: 2026, month: 3, day: 4 });
    expect(parseDate('March 4, 2026')).toEqual({ year: 2026, month: 3, day: 4 });
    expect(parseDate('4 Mar 2026')).toEqual({ year: 2026, month: 3, day: 4 });
    expect(parseDate(new Date(Date.UTC(2026, 2, 4)))).toEqual({ year: 2026, month: 3, day: 4 });
    for (const bad of ['2026-02-30', '13/01/2026', 'last Tuesday', '', 20260304, null, ['2026-03-04']]) expect(parseDate(bad), String(bad)).toBeNull();
  });

  it('never throws on odd frontmatter types', () => {
    const odd = changed(
      ['date: 2026-03-04', 'date: [2026, 3, 4]'],
      ['start: "14:00"', 'start: {h: 14}'],
      ['end: "15:30"', 'end: true'],
      ['setting: in-person', 'setting: 7'],
      ['pos: 11', 'pos: [1, 2, 3]'],
      ['cpt: 90853', 'cpt: {code: 90853}'],
      ['    diagnosis: F41.1', '    diagnosis: {code: F41.1}\n    arrived: [1]\n    cpt: {x: 1}'],
    );
    const { findings } = lintText(`${odd}\n<!-- payer: [a] -->`);
    expect(findings.every((f) => !/could not check/.test(f.message))).toBe(true);
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['session-date-invalid', 'session-time-invalid', 'telehealth-coding-invalid']));
    // a payer that is not a name
    expect(lintText(changed(['pos: 11', 'pos: 11\npayer: [medicare, medicaid]'])).findings.filter((f) => f.ruleId === 'payer-profile-unknown')).toHaveLength(1);
  });
});

describe('session-date-invalid', () => {
  afterEach(() => vi.useRealTimers());

  it('fires on a missing, unreadable or future date, at the date line', () => {
    const missing = changed(['date: 2026-03-04\n', '']);
    expect(at(missing, lintRule(missing, 'session-date-invalid'))).toEqual([['note: group-psychotherapy', null]]);
    const bad = changed(['date: 2026-03-04', 'date: 2026-02-30']);
    expect(at(bad, lintRule(bad, 'session-date-invalid'))).toEqual([['date: 2026-02-30', null]]);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 2, 3, 12));
    const found = lintRule(COMPLETE_NOTE, 'session-date-invalid');
    expect(found.map((f) => f.message)).toEqual([expect.stringContaining('2026-03-04, is in the future')]);
  });

  it('stays quiet on a dated note, and reads "Date:" in a note without frontmatter', () => {
    expect(lintRule(COMPLETE_NOTE, 'session-date-invalid')).toEqual([]);
    expect(lintRule(changed(['date: 2026-03-04', 'date: 03/04/2026']), 'session-date-invalid')).toEqual([]);
    const bare = '# Week 3\n\nDate: 2026-03-04\n\n## Ana Silva\n\nDescribed her week.\n';
    expect(lintText(bare, { forceGroupNote: true }).findings.filter((f) => f.ruleId === 'session-date-invalid')).toEqual([]);
  });
});

describe('session-time-invalid', () => {
  it('fires on missing times, unreadable times and an end before the start', () => {
    const none = changed(['start: "14:00"\nend: "15:30"\n', '']);
    expect(at(none, lintRule(none, 'session-time-invalid'))).toEqual([['date: 2026-03-04', null]]);
    const unreadable = changed(['end: "15:30"', 'end: "half three"']);
    expect(at(unreadable, lintRule(unreadable, 'session-time-invalid'))).toEqual([['end: "half three"', null]]);
    const reversed = changed(['start: "14:00"', 'start: "10:30"'], ['end: "15:30"', 'end: "1:00"']);
    const found = lintRule(reversed, 'session-time-invalid');
    expect(at(reversed, found)).toEqual([['end: "1:00"', null]]);
    expect(found[0].message).toContain('add PM');
    const onlyStart = changed(['end: "15:30"\n', '']);
    expect(lintRule(onlyStart, 'session-time-invalid').map((f) => f.message)).toEqual([expect.stringContaining('no end time')]);
  });

  it('stays quiet on 12- and 24-hour times, a time range, or total minutes', () => {
    expect(lintRule(COMPLETE_NOTE, 'session-time-invalid')).toEqual([]);
    expect(lintRule(changed(['start: "14:00"', 'start: "2:00 PM"'], ['end: "15:30"', 'end: "3:30 PM"']), 'session-time-invalid')).toEqual([]);
    expect(lintRule(changed(['start: "14:00"\nend: "15:30"', 'time: "2:00-3:30 PM"']), 'session-time-invalid')).toEqual([]);
    expect(lintRule(changed(['start: "14:00"\nend: "15:30"', 'minutes: 90']), 'session-time-invalid')).toEqual([]);
  });
});

describe('session-length-unusual', () => {
  it("fires on a session outside the profile's range and on a stated length that does not match", () => {
    const short = changed(['end: "15:30"', 'end: "14:15"'], ['90 minutes', '15 minutes']);
    const found = lintRule(short, 'session-length-unusual');
    expect(at(short, found)).toEqual([['end: "14:15"', null]]);
    expect(found[0].message).toContain('15 minutes, outside the 30 to 240 minutes');
    const mismatch = changed(['90 minutes', '60 minutes']);
    expect(at(mismatch, lintRule(mismatch, 'session-length-unusual'))).toEqual([['60 minutes', null]]);
  });

  it('stays quiet on a 90-minute session that says so, and ignores minutes in prose', () => {
    expect(lintRule(COMPLETE_NOTE, 'session-length-unusual')).toEqual([]);
    expect(lintRule(changed(['Cognitive restructuring', 'After 20 minutes of check-in, cognitive restructuring']), 'session-length-unusual')).toEqual([]);
  });

  it("uses the payer profile's range", () => {
    const short = changed(['end: "15:30"', 'end: "14:40"'], ['90 minutes', '40 minutes'], ['pos: 11', 'pos: 11\npayer: state-medicaid']);
    const config = { payers: { 'state-medicaid': { session: { minMinutes: 45 } } } };
    expect(lintRule(short, 'session-length-unusual')).toEqual([]);
    expect(lintRule(short, 'session-length-unusual', { config })).toHaveLength(1);
  });
});

describe('member-time-missing', () => {
  it('fires on a late arrival or early departure with no time, naming the member', () => {
    const late = changed(['**Participation:** Talked about dreading', '**Participation:** Arrived late. Talked about dreading']);
    const found = lintRule(late, 'member-time-missing');
    expect(at(late, found)).toEqual([['Arrived late', 'MRN-2']]);
    expect(found[0].message).toMatch(/^Ben Cole arrived late, but/);
    const byRoster = changed(['    name: Cara Diaz\n', '    name: Cara Diaz\n    attendance: left-early\n']);
    expect(at(byRoster, lintRule(byRoster, 'member-time-missing'))).toEqual([['- id: MRN-3', 'MRN-3']]);
    const unreadable = changed(['    name: Cara Diaz\n', '    name: Cara Diaz\n    arrived: soonish\n']);
    expect(lintRule(unreadable, 'member-time-missing').map((f) => f.message)).toEqual([expect.stringContaining('arrival time for Cara Diaz cannot be read')]);
  });

  it('stays quiet when the time or minutes are given, in the text or on the roster', () => {
    expect(lintRule(COMPLETE_NOTE, 'member-time-missing')).toEqual([]);
    expect(lintRule(changed(['**Participation:** Talked about dreading', '**Participation:** Arrived 10 minutes late. Talked about dreading']), 'member-time-missing')).toEqual([]);
    expect(lintRule(changed(['**Participation:** Talked about dreading', '**Participation:** Left the group at 15:10 for a ride. Talked about dreading']), 'member-time-missing')).toEqual([]);
    expect(lintRule(changed(['    name: Cara Diaz\n', '    name: Cara Diaz\n    attendance: late\n    arrived: "2:20 PM"\n']), 'member-time-missing')).toEqual([]);
    // "came home late" is not a late arrival to the group
    expect(lintRule(changed(['**Participation:** Talked about dreading', '**Participation:** Came home late on Sunday. Talked about dreading']), 'member-time-missing')).toEqual([]);
  });
});

describe('participant-count-invalid', () => {
  it('fires when the count is missing, at the first shared line, or does not match the roster', () => {
    const missing = changed([', 3 of 3 enrolled members present', '']);
    expect(at(missing, lintRule(missing, 'participant-count-invalid'))).toEqual([['# Group session', null]]);
    const wrong = changed(['3 of 3 enrolled members present', '4 of 4 enrolled members present']);
    const found = lintRule(wrong, 'participant-count-invalid');
    expect(at(wrong, found)).toEqual([['4 of 4 enrolled members present', null]]);
    expect(found[0].message).toContain('says 4 members were present, but the roster lists 3 present');
    const absent = changed(['    name: Cara Diaz\n', '    name: Cara Diaz\n    attendance: absent\n']);
    expect(lintRule(absent, 'participant-count-invalid').map((f) => f.message)).toEqual([expect.stringContaining('the roster lists 2 present and 1 absent')]);
  });

  it('reads the ways notes state a head count, and is not fooled by ratings or session numbers', () => {
    for (const count of ['3/3 present', 'Attendance: 3 of 3', 'Three members attended', 'All three members present', '3 participants present', 'Present 3 of 3', 'in-person, 3 members', '3 of 3']) {
      expect(lintRule(changed(['3 of 3 enrolled members present', count]), 'participant-count-invalid'), count).toEqual([]);
    }
    const noisy = changed(['3 of 3 enrolled members present', 'session 5 of 10; distress 6/10 on average; 3 of 3 present']);
    expect(lintRule(noisy, 'participant-count-invalid')).toEqual([]);
    expect(lintRule(COMPLETE_NOTE, 'participant-count-invalid')).toEqual([]);
  });
});

describe('member-time-missing: quick search before the sentence cues', () => {
  // member-time-missing skips a section's sentences when its text has none of these words, so
  // every cue match must contain one of them
  const WORDS = [
    'arrived', 'Arriving', 'came in', 'joined', 'logged on', 'signed in', 'showed up', 'to the', 'group', 'session', 'call', 'video', 'meeting',
    'about', '10', 'ten', 'a few', 'half an', 'minutes', 'hour', 'late', 'LATE', 'arrival', 'tardy', 'Tardy', 'left', 'LEFT', 'early', 'before',
    'end', 'break', 'close', 'at', 'after', 'an', 'the', 'had to leave', 'needed to leave', 'departed early', 'disconnected and did not return',
    'rejoin', 'dropped off the', 'room', 'was', '.', ',',
  ];
  const phrase = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));

  it('finds the quick-search words in every phrase the cues match', () => {
    let late = 0;
    let left = 0;
    fc.assert(
      fc.property(phrase, (text) => {
        if (LATE_CUE.test(text)) {
          late++;
          expect(LATE_WORDS.test(text), text).toBe(true);
        }
        if (LEFT_CUE.test(text)) {
          left++;
          expect(LEFT_WORDS.test(text), text).toBe(true);
        }
      }),
      { seed: 11, numRuns: 20_000 },
    );
    // the cues must match often enough for the check to mean something
    expect(Math.min(late, left)).toBeGreaterThan(100);
  });
});
