// signature-late: the note was signed more days after the session than the payer profile
// allows, or dated before the session ended.

import type { Rule } from './rule.js';
import { businessDaysBetween, dayNumber, formatClock, formatDate } from '../facts/session.js';
import { readSignature } from '../facts/signature.js';

export const signatureLate: Rule = {
  id: 'signature-late',
  defaultSeverity: 'warning',
  description: "A signature dated more days after the session than the payer profile allows, or before the session ended.",
  check({ note, session, payer }) {
    const signature = readSignature(note);
    const service = session.date.value;
    if (!signature?.date || !service) return [];
    const at = { start: signature.start, end: signature.end, member: null };
    const days = dayNumber(signature.date) - dayNumber(service);
    if (days < 0) {
      return [{ ...at, message: `The signature is dated ${formatDate(signature.date)}, before the date of service (${formatDate(service)}). Check both dates.` }];
    }
    if (days === 0 && signature.time !== null && session.end.value !== null && signature.time < session.end.value) {
      return [{ ...at, message: `The note is signed at ${formatClock(signature.time)}, before the session ended (${formatClock(session.end.value)}). Check the times.` }];
    }
    const { maxDays, businessDays } = payer.signature;
    const counted = businessDays ? businessDaysBetween(service, signature.date) : days;
    if (counted <= maxDays) return [];
    const unit = businessDays ? 'business days' : 'days';
    return [{
      ...at,
      message: `The note was signed ${counted} ${unit} after the session; the ${payer.label} profile expects a signature within ${maxDays} ${unit}. A late signature invites an audit question; sign notes promptly, and add a dated late-entry statement when one is late.`,
      data: { days: counted, maxDays, businessDays, payer: payer.name },
    }];
  },
};
