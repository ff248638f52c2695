// session-time-invalid: start and end time (or total minutes) missing or unreadable, or the
// session ends before it starts.

import type { Rule, RuleFinding } from './rule.js';
import { formatClock, noteAnchor, parseClockRange } from '../facts/session.js';
import { sharedField } from '../facts/sections.js';

export const sessionTimeInvalid: Rule = {
  id: 'session-time-invalid',
  defaultSeverity: 'error',
  description: 'Start and end time (or total minutes) missing or unreadable, or an end time that is not after the start.',
  check({ note, session }) {
    const { start, end, totalMinutes } = session;
    const findings: RuleFinding[] = [];
    const anchor = () => noteAnchor(note, 'start', 'end', 'date');
    if (!start.present && !end.present && !totalMinutes.present) {
      // a note without frontmatter times may say "Time: 2:00-3:30 PM" in its shared text
      const line = sharedField(note, 'time|times|session time');
      if (line && parseClockRange(line.groups[0]?.replace(/[*_]+/g, '').trim())) return [];
      const minutes = sharedField(note, 'duration|length|total time|minutes');
      if (minutes) return [];
      return [{ ...anchor(), member: null, message: 'No start and end time for the session (or total minutes). Add `start: "14:00"` and `end: "15:30"` to the frontmatter.' }];
    }
    const unreadable = (which: 'start' | 'end') => ({
      ...(session[which].span ?? anchor()),
      member: null,
      message: `The ${which} time cannot be read as a time of day. Write it as "14:00" or "2:00 PM" (quoted in the frontmatter).`,
    });
    if (start.present && start.value === null) findings.push(unreadable('start'));
    if (end.present && end.value === null) findings.push(unreadable('end'));
    if (totalMinutes.present && totalMinutes.value === null) {
      findings.push({ ...(totalMinutes.span ?? anchor()), member: null, message: 'The total minutes cannot be read as a number of minutes, e.g. `minutes: 90`.' });
    }
    if (start.present !== end.present && totalMinutes.value === null) {
      const which = start.present ? 'end' : 'start';
      findings.push({ ...((start.present ? start.span : end.span) ?? anchor()), member: null, message: `The session has a ${which === 'end' ? 'start' : 'end'} time but no ${which} time. Add \`${which}:\` so the length of the session is on record.` });
    }
    if (start.value !== null && end.value !== null && end.value <= start.value) {
      const hint = end.value < 12 * 60 && end.value + 12 * 60 > start.value ? ' If it ended in the afternoon, write the end as 24-hour time or add PM.' : '';
      findings.push({ ...(end.span ?? anchor()), member: null, message: `The session ends (${formatClock(end.value)}) ${end.value === start.value ? 'when' : 'before'} it starts (${formatClock(start.value)}).${hint}` });
    }
    return findings;
  },
};
