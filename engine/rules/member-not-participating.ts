// member-not-participating: a present member whose section documents that they did not take part
// (asleep, camera off the whole time, declined to speak, there for only a few minutes). Billing
// 90853 for that member is at risk.

import type { Rule, RuleFinding } from './rule.js';
import { NUMBER_WORD, parseCount } from '../facts/session.js';
import { sectionSentences } from '../facts/sections.js';
import { phraseSpan } from '../facts/text-match.js';

const WHOLE = String.raw`(?:(?:for |during )?(?:the )?(?:whole|entire|full|rest of the|most of the|majority of the|all of the) (?:session|group|time|call|meeting|hour)|throughout(?: the (?:session|group|call|meeting))?|all session)`;
const IN_GROUP = String.raw`(?: (?:in|during) (?:the )?(?:group|session|discussion|group discussion|activities|process|exercise))?`;
const ENDS = String.raw`(?=\s*(?:[.,;:!)]|$|today|at all|despite|and sat))`;
const PATTERNS: { kind: string; re: RegExp }[] = [
  { kind: 'asleep', re: new RegExp(String.raw`\b(?:(?:was|appeared|seemed|remained|fell)(?: to be)? asleep|(?:dozed|dozing|nodd(?:ed|ing)) off|sleeping|slept) ${WHOLE}|\bslept (?:through|during) (?:the )?(?:session|group|call)`, 'i') },
  { kind: 'camera off for most or all of the session', re: new RegExp(String.raw`\bcamera (?:was |stayed |remained )?(?:turned )?off ${WHOLE}|\bkept (?:his|her|their|the) camera (?:turned )?off ${WHOLE}|\b(?:never|did not|didn't) (?:turn(?:ed)? (?:on )?(?:his|her|their) camera(?: on)?|come on camera)\b`, 'i') },
  { kind: 'declined to take part', re: new RegExp(String.raw`\b(?:declined|refused|was unwilling|chose not|did not want|didn't want) to (?:speak|talk|share|participate|engage|join in|join|take part|contribute|answer)${IN_GROUP}${ENDS}|\b(?:did not|didn't|would not|wouldn't) (?:speak|talk|participate|engage|take part|contribute)${IN_GROUP}${ENDS}|\bnon-?participat\w*|\bno participation\b`, 'i') },
  { kind: 'silent for most or all of the session', re: new RegExp(String.raw`\b(?:silent|quiet|mute|muted|unresponsive|disengaged|withdrawn)(?: and (?:withdrawn|disengaged|silent|quiet|muted))? ${WHOLE}`, 'i') },
];
// "Declined to share at first, then described ...": the member took part after all
const TURNED = /\b(?:but|though|although|however|then|later|until|eventually|after (?:a|some|the)|when (?:invited|asked|prompted))\b/i;
const TURN_NEXT = /^\W*(?:when (?:invited|asked|prompted|called on)|later|then|eventually|toward(?:s)? the end|at the end|by the end|in the (?:last|final)|after (?:the|a) break|once)\b/i;
const LEFT_AFTER = new RegExp(String.raw`\bleft (?:the (?:group|session|call|room|meeting) )?after (?:only |just |about |approximately )?(\d+|${NUMBER_WORD})[- ](minutes?|mins?)\b`, 'i');

export const memberNotParticipating: Rule = {
  id: 'member-not-participating',
  defaultSeverity: 'warning',
  description: 'A present member documented as not taking part (asleep, camera off, declined to speak, there only briefly).',
  check({ note, sections, label, session, payer }) {
    const findings: RuleFinding[] = [];
    for (const section of sections) {
      const who = label(section.member);
      let found: { kind: string; start: number; end: number } | null = null;
      const all = sectionSentences(note, section);
      for (const [i, sentence] of all.entries()) {
        for (const { kind, re } of PATTERNS) {
          const m = re.exec(sentence.flat);
          if (!m) continue;
          // a turn later in the same sentence, or at the start of the next, means the member did take part
          if (TURNED.test(sentence.flat.slice(m.index + m[0].length)) || /\b(?:at first|initially|for the first)\b/i.test(sentence.flat)) continue;
          if (all[i + 1] && TURN_NEXT.test(all[i + 1].flat)) continue;
          found = { kind, ...phraseSpan(note.text, sentence.start, sentence.end, m[0]) };
          break;
        }
        if (!found) {
          const m = LEFT_AFTER.exec(sentence.flat);
          const minutes = m ? parseCount(m[1]) : null;
          const length = session.lengthMinutes;
          if (m && minutes !== null && (length !== null ? (minutes / length) * 100 < payer.attendance.minPercent : minutes < 30)) {
            found = { kind: `present for ${minutes} minutes${length !== null ? ` of ${length}` : ''}`, ...phraseSpan(note.text, sentence.start, sentence.end, m[0]) };
          }
        }
        if (found) break;
      }
      // roster times: there for less than the profile's share of the session
      const facts = session.members.get(section.member);
      if (!found && facts && session.lengthMinutes && session.start.value !== null && session.end.value !== null && (facts.arrived.value !== null || facts.left.value !== null)) {
        const from = Math.max(facts.arrived.value ?? session.start.value, session.start.value);
        const to = Math.min(facts.left.value ?? session.end.value, session.end.value);
        const attended = Math.max(0, to - from);
        if ((attended / session.lengthMinutes) * 100 < payer.attendance.minPercent) {
          found = { kind: `present for ${attended} minutes of ${session.lengthMinutes}`, start: section.heading.start, end: section.heading.end };
        }
      }
      if (!found) continue;
      findings.push({
        start: found.start,
        end: found.end,
        member: section.member,
        message: `${who}'s section documents little or no participation (${found.kind}). Billing 90853 for ${who} is at risk: document how ${who} took part, or do not bill ${who} for this session.`,
        data: { kind: found.kind },
      });
    }
    return findings;
  },
};
