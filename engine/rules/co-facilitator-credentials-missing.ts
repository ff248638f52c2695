// co-facilitator-credentials-missing: a co-led group where one of the leaders is not named with
// a name and credentials.

import type { Rule, RuleFinding } from './rule.js';
import { frontmatterLine, noteAnchor } from '../facts/session.js';
import { clinicians } from '../facts/clinicians.js';
import { matchesIn } from '../facts/text-match.js';

const CO_LED = /\bco-?(?:led|lead|facilitated|facilitator|therapist|leader)s?\b/i;
const LEAD_KEYS = ['facilitator', 'facilitators', 'leader', 'leaders'];
const CO_KEYS = ['co-facilitator', 'cofacilitator', 'co_facilitator', 'co-leader', 'co-therapist'];

export const coFacilitatorCredentialsMissing: Rule = {
  id: 'co-facilitator-credentials-missing',
  defaultSeverity: 'warning',
  description: "A co-led group without both leaders' names and credentials.",
  check({ note }) {
    const fm = note.frontmatter ?? {};
    const leadKey = LEAD_KEYS.find((k) => fm[k] !== undefined);
    const coKey = CO_KEYS.find((k) => fm[k] !== undefined && fm[k] !== null && fm[k] !== '');
    const leads = leadKey ? clinicians(fm[leadKey]) : [];
    const cos = coKey ? clinicians(fm[coKey]) : [];
    let textCue = null;
    for (const span of note.shared) {
      textCue = matchesIn(note.text, span.start, span.end, CO_LED)[0] ?? null;
      if (textCue) break;
    }
    const coLed = cos.length > 0 || leads.length > 1 || !!textCue;
    if (!coLed) return [];
    const findings: RuleFinding[] = [];
    if (leads.length + cos.length < 2) {
      const at = textCue ?? noteAnchor(note, ...LEAD_KEYS);
      return [{ start: at.start, end: at.end, member: null, message: 'The group was co-led, but only one leader is named. Name both leaders with their credentials (`facilitator:` and `co-facilitator:`).' }];
    }
    const check = (list: typeof leads, key: string | undefined, role: string) => {
      list.forEach((c, i) => {
        const missing = [c.name ? null : 'name', c.credential ? null : 'credentials'].filter(Boolean);
        if (!missing.length) return;
        const at = (key && frontmatterLine(note, key)) || noteAnchor(note, ...LEAD_KEYS);
        const which = list.length > 1 ? `${role} ${i + 1}` : `The ${role}`;
        findings.push({ ...at, member: null, message: `${which.charAt(0).toUpperCase()}${which.slice(1)} of this co-led group has no ${missing.join(' or ')}. Payers expect both leaders named with their credentials, e.g. "Rowan Ellery, LMFT".` });
      });
    };
    check(leads, leadKey, 'facilitator');
    check(cos, coKey, 'co-facilitator');
    return findings;
  },
};
