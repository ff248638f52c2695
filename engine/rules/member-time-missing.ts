// member-time-missing: a member who arrived late or left early without the time (or minutes)
// they were there, or with arrival/departure times that cannot be read or do not fit the session.

import type { Rule, RuleFinding } from './rule.js';
import { formatClock, isAbsent, rosterEntryLine } from '../facts/session.js';
import { LATE_CUE, LATE_WORDS, LEFT_CUE, LEFT_WORDS, TIME_AMOUNT } from '../facts/attendance.js';
import { sectionsOf, sectionSentences } from '../facts/sections.js';
import { phraseSpan } from '../facts/text-match.js';

export const memberTimeMissing: Rule = {
  id: 'member-time-missing',
  defaultSeverity: 'warning',
  description: 'A member who arrived late or left early without the time or minutes they attended, or with member times that do not fit.',
  check({ note, session, label }) {
    const findings: RuleFinding[] = [];
    for (const member of note.roster) {
      if (isAbsent(member)) continue;
      const facts = session.members.get(member);
      const who = label(member);
      const sections = sectionsOf(note, member);
      // where a finding without a place of its own goes; the roster line is searched for (once
      // per member, kept by rosterEntryLine) only when a finding needs it
      const at = () => rosterEntryLine(note, member) ?? sections[0]?.heading;
      if (sections.length === 0 && !rosterEntryLine(note, member)) continue;
      // times on the roster entry: readable, and inside the session
      for (const [kind, value] of [['arrival', facts?.arrived], ['departure', facts?.left]] as const) {
        if (value?.present && value.value === null) findings.push({ ...(value.span ?? at()), member, message: `The ${kind} time for ${who} cannot be read as a time of day; write it as "14:10" or "2:10 PM".` });
      }
      const arrived = facts?.arrived.value ?? null;
      const left = facts?.left.value ?? null;
      if (arrived !== null && left !== null && left <= arrived) {
        findings.push({ ...(facts?.left.span ?? at()), member, message: `${who} is recorded as leaving (${formatClock(left)}) before arriving (${formatClock(arrived)}).` });
      } else if (session.end.value !== null && arrived !== null && arrived >= session.end.value) {
        findings.push({ ...(facts?.arrived.span ?? at()), member, message: `${who} is recorded as arriving (${formatClock(arrived)}) after the session ended (${formatClock(session.end.value)}).` });
      }

      // late or left early, by attendance or in the section's text, with no time for it
      const attendance = member.attendance.toLowerCase();
      const sentences = sections.flatMap((s) => sectionSentences(note, s));
      const mentions = (words: RegExp) => sections.some((s) => words.test(note.text.slice(s.body.start, s.body.end)));
      const lateSentence = mentions(LATE_WORDS) ? sentences.find((s) => LATE_CUE.test(s.flat)) : undefined;
      const leftSentence = mentions(LEFT_WORDS) ? sentences.find((s) => LEFT_CUE.test(s.flat)) : undefined;
      const late = LATE_WORDS.test(attendance) || !!lateSentence;
      const leftEarly = /left|early|partial|depart/.test(attendance) || !!leftSentence;
      const timed = (sentence: typeof lateSentence) => !!sentence && TIME_AMOUNT.test(sentence.flat);
      const problems: string[] = [];
      let range = lateSentence ?? leftSentence;
      if (late && arrived === null && !timed(lateSentence) && !sentences.some((s) => LATE_CUE.test(s.flat) && TIME_AMOUNT.test(s.flat))) problems.push('arrived late');
      if (leftEarly && left === null && !timed(leftSentence) && !sentences.some((s) => LEFT_CUE.test(s.flat) && TIME_AMOUNT.test(s.flat))) problems.push('left early');
      if (problems.length === 0) continue;
      if (problems[0] === 'left early' && leftSentence) range = leftSentence;
      const cue = range ? (problems[0] === 'arrived late' ? LATE_CUE : LEFT_CUE).exec(range.text.replace(/\s+/g, ' ')) : null;
      const span = range && cue ? phraseSpan(note.text, range.start, range.end, cue[0]) : at();
      findings.push({
        ...span,
        member,
        message: `${who} ${problems.join(' and ')}, but the note does not say when (or for how many minutes ${who} attended). Add the time, e.g. "arrived 14:20" or \`arrived: "14:20"\` on the roster entry.`,
        data: { late: problems.includes('arrived late'), leftEarly: problems.includes('left early') },
      });
    }
    return findings;
  },
};
