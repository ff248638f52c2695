// session-length-unusual: a session shorter or longer than the payer profile's plausible range,
// or a length stated in the note that does not match the start and end times.

import type { Rule, RuleFinding } from './rule.js';
import { noteAnchor } from '../facts/session.js';
import { leadShared } from '../facts/sections.js';
import { matchesIn } from '../facts/text-match.js';

/** Minutes or hours written in a title or a Format/Duration line: "90 minutes", "1.5 hours", "75 min". */
const STATED_LENGTH = /\b(\d{2,3})[- ]?(?:minutes?|mins?)\b|\b(\d(?:\.\d+)?)[- ]?(?:hours?|hrs?)\b/gi;
// the title, or a line labelled Format, Duration, Length, Time or Session
const LENGTH_LINE = /^(?:#{1,6}[ \t][^\r\n]*|[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:format|duration|length|session length|time|session)(?:\*\*|__)?[ \t]*:[^\r\n]*)$/gim;
const TOLERANCE = 5;

export const sessionLengthUnusual: Rule = {
  id: 'session-length-unusual',
  defaultSeverity: 'warning',
  description: "A session shorter or longer than the payer profile's plausible range, or a stated length that does not match the times.",
  check({ note, session, payer }) {
    const findings: RuleFinding[] = [];
    const { start, end, totalMinutes } = session;
    const timed = start.value !== null && end.value !== null && end.value > start.value ? end.value - start.value : null;
    const length = timed ?? totalMinutes.value;
    const at = (end.span ?? totalMinutes.span ?? start.span) ?? noteAnchor(note, 'end', 'start');
    if (length !== null && (length < payer.session.minMinutes || length > payer.session.maxMinutes)) {
      findings.push({
        ...at,
        member: null,
        message: `The session lasted ${length} minutes, outside the ${payer.session.minMinutes} to ${payer.session.maxMinutes} minutes expected for a group session (${payer.label} profile). Check the times.`,
        data: { minutes: length, payer: payer.name },
      });
    }
    if (timed !== null && totalMinutes.value !== null && Math.abs(timed - totalMinutes.value) > TOLERANCE) {
      findings.push({ ...(totalMinutes.span ?? at), member: null, message: `The total minutes (${totalMinutes.value}) do not match the start and end times (${timed} minutes).` });
    }
    if (length !== null) {
      // only the title and the session's format line, not "30 seconds" or "after six minutes" in prose
      for (const span of leadShared(note)) {
        for (const line of matchesIn(note.text, span.start, span.end, LENGTH_LINE)) {
          for (const m of matchesIn(note.text, line.start, line.end, STATED_LENGTH)) {
            const stated = m.groups[0] ? Number(m.groups[0]) : Math.round(Number(m.groups[1]) * 60);
            if (Math.abs(stated - length) > TOLERANCE) {
              findings.push({ start: m.start, end: m.end, member: null, message: `The note says the session lasted ${stated} minutes, but its times give ${length} minutes.`, data: { stated, minutes: length } });
            }
            break;
          }
        }
      }
    }
    return findings;
  },
};
