// session-date-invalid: the date of service is missing, cannot be read, or is in the future.

import type { Rule } from './rule.js';
import { dayNumber, formatDate, noteAnchor, parseDate } from '../facts/session.js';
import { sharedField } from '../facts/sections.js';

export const sessionDateInvalid: Rule = {
  id: 'session-date-invalid',
  defaultSeverity: 'error',
  description: 'The date of service is missing, cannot be read as a date, or is in the future.',
  check({ note, session, today }) {
    let { present, value, span } = session.date;
    // a note without the frontmatter field may say "Date: 2026-03-04" in its shared text
    if (!present) {
      const line = sharedField(note, 'date(?: of service)?|dos|session date');
      if (line) ({ present, value, span } = { present: true, value: parseDate(line.groups[0]?.replace(/[*_]+/g, '').trim()), span: { start: line.start, end: line.end } });
    }
    if (!present) {
      return [{ ...noteAnchor(note, 'date'), member: null, message: 'No date of service. Add `date: YYYY-MM-DD` to the frontmatter; payers reject a note without one.' }];
    }
    const at = span ?? noteAnchor(note, 'date');
    if (!value) {
      return [{ ...at, member: null, message: 'The date of service cannot be read as a real date. Write it as YYYY-MM-DD, e.g. `date: 2026-03-04`.' }];
    }
    if (dayNumber(value) > dayNumber(today)) {
      return [{ ...at, member: null, message: `The date of service, ${formatDate(value)}, is in the future. A note documents a session that took place; check the year and month.`, data: { date: formatDate(value) } }];
    }
    return [];
  },
};
