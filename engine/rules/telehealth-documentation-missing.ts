// telehealth-documentation-missing: a telehealth session without each patient's location or
// consent to telehealth on record.

import type { Rule, RuleFinding } from './rule.js';
import { noteAnchor } from '../facts/session.js';
import { sectionsOf, spansText } from '../facts/sections.js';
import { telehealthFacts } from './telehealth-facts.js';

const LOCATION = /\b(?:(?:private|confidential|safe|quiet|secure) (?:locations?|spaces?|rooms?|settings?|places?|areas?)|(?:confirmed|verified|documented|noted|checked|stated|gave) (?:their |his |her |each member's |members' |the )?(?:physical )?(?:locations?|address(?:es)?)|(?:patient|client|member)s?'? locations?|locations? (?:was |were )?(?:confirmed|verified|documented|noted|reviewed)|confirmed (?:their |his |her )?(?:location|address|whereabouts)|physical location|located (?:at|in)|(?:joined|participated|attended|was|were) (?:from|at) (?:home|work|school|(?:his|her|their) (?:home|car|office|work|room|residence|apartment))|from (?:his|her|their) (?:home|car|office|residence|apartment))\b/i;
const CONSENT = /\b(?:consent\w*|agreed to (?:telehealth|video|the video (?:format|session)|participate by video))\b/i;
const NO_CONSENT = /\b(?:no|not|without|declined|refused|withdrew|withdrawn|missing|pending)\b[^.]{0,25}\bconsent|\bconsent\w*\b[^.]{0,15}\b(?:not|pending|missing|needed|to be obtained)\b/i;

const truthy = (v: unknown) => v === true || (typeof v === 'string' && !!v.trim() && !/^(?:no|false|none|n\/a|pending|missing|\[.*\])$/i.test(v.trim()));

export const telehealthDocumentationMissing: Rule = {
  id: 'telehealth-documentation-missing',
  defaultSeverity: 'warning',
  description: "A telehealth session without each patient's location or consent to telehealth documented.",
  check(context) {
    const { note, session, payer, sections, label } = context;
    if (!telehealthFacts(note, context).telehealth) return [];
    const fm = note.frontmatter ?? {};
    const shared = spansText(note, note.shared).replace(/\s+/g, ' ');
    const sharedSentences = shared.split(/(?<=[.!?])\s+/);
    const has = (re: RegExp, sentences: string[], negated?: RegExp) => sentences.some((s) => re.test(s) && !negated?.test(s));
    const needs: { what: string; re: RegExp; negated?: RegExp; keys: string[] }[] = [];
    if (payer.telehealth.requireLocation) needs.push({ what: 'location', re: LOCATION, keys: ['location', 'patient-location', 'locations'] });
    if (payer.telehealth.requireConsent) needs.push({ what: 'consent to telehealth', re: CONSENT, negated: NO_CONSENT, keys: ['consent', 'telehealth-consent'] });
    const findings: RuleFinding[] = [];
    for (const need of needs) {
      // said once for the whole group, in the frontmatter or the shared section
      if (need.keys.some((k) => truthy(fm[k])) || has(need.re, sharedSentences, need.negated)) continue;
      const missing = sections.filter((s) => {
        const raw = session.members.get(s.member)?.raw ?? {};
        if (need.keys.some((k) => truthy(raw[k]))) return false;
        const own = sectionsOf(note, s.member).map((x) => note.text.slice(x.body.start, x.body.end)).join(' ').replace(/\s+/g, ' ');
        return !has(need.re, own.split(/(?<=[.!?])\s+/), need.negated);
      });
      if (missing.length === 0) continue;
      if (missing.length === sections.length) {
        findings.push({
          ...noteAnchor(note, 'setting', 'pos', 'modifiers'),
          member: null,
          message: `Telehealth session, but no member's ${need.what} is documented. ${payer.label} expects each patient's ${need.what} on record for a telehealth service; add it to the shared section (e.g. "All members ${need.what === 'location' ? 'confirmed a private location' : 'gave verbal consent to telehealth'}") or to each member's section.`,
          data: { missing: need.what },
        });
        continue;
      }
      for (const s of missing) {
        findings.push({ start: s.heading.start, end: s.heading.end, member: s.member, message: `Telehealth session, but ${label(s.member)}'s ${need.what} is not documented. Add it to ${label(s.member)}'s section.`, data: { missing: need.what } });
      }
    }
    return findings;
  },
};
