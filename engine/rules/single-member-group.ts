// single-member-group: fewer than two members present. That is not group psychotherapy; the
// session is billed, if at all, with the individual psychotherapy code that fits its length.

import type { Rule } from './rule.js';
import { noteAnchor, presentMembers } from '../facts/session.js';

/** The individual psychotherapy code for a session of this length (CPT time ranges). */
export function individualCode(minutes: number | null): string {
  if (minutes === null) return 'the individual psychotherapy code that fits the minutes spent (90832, 90834 or 90837)';
  if (minutes < 16) return 'no psychotherapy code (under 16 minutes)';
  if (minutes <= 37) return `90832 (16 to 37 minutes; this session: ${minutes})`;
  if (minutes <= 52) return `90834 (38 to 52 minutes; this session: ${minutes})`;
  return `90837 (53 minutes or more; this session: ${minutes})`;
}

export const singleMemberGroup: Rule = {
  id: 'single-member-group',
  defaultSeverity: 'error',
  description: 'Fewer than two members present: not a group session, so not billable as 90853.',
  check({ note, session, label }) {
    const present = presentMembers(note);
    if (present.length >= 2 || note.roster.length === 0) return [];
    const at = noteAnchor(note, 'members', 'cpt');
    if (present.length === 0) {
      return [{ ...at, member: null, message: 'No member was present, so there is no group session to bill. Record the absences and do not bill 90853.', data: { present: 0 } }];
    }
    return [{
      ...at,
      member: null,
      message: `Only one member (${label(present[0])}) was present. A session with fewer than two patients is not group psychotherapy; bill ${individualCode(session.lengthMinutes)} instead of 90853, if the session met that code.`,
      data: { present: 1 },
    }];
  },
};
