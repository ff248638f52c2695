// risk-assessment-missing: self-harm, suicidal ideation, overdose or relapse mentioned in a
// member's section with no risk assessment or safety plan statement in that section.

import { isPlaceholder, mentionsPlanGoal } from '../language/cues.js';
import type { Rule, RuleFinding } from './rule.js';
import { sectionSentences } from '../facts/sections.js';
import { phraseSpan } from '../facts/text-match.js';

const TRIGGERS: { kind: string; re: RegExp }[] = [
  { kind: 'suicidal ideation', re: /\b(?:suicid\w*|SI\b|passive death wish|death wish|wants? to die|wanted to die|wish(?:es|ed)? (?:she|he|they|I) (?:was|were) dead|kill (?:myself|herself|himself|themselves)|end (?:it all|my life|her life|his life|their life)|not (?:want|wanting) to (?:be alive|live|wake up))/ },
  { kind: 'self-harm', re: /\b(?:self[- ]?harm\w*|self[- ]?injur\w*|cutting (?:herself|himself|themselves|again)|cut (?:herself|himself|themselves)|burn(?:ed|ing)? (?:herself|himself|themselves)|NSSI)\b/i },
  { kind: 'overdose', re: /\b(?:overdos\w*|OD(?:'d|ed)?\b|narcan was|was narcanned)/ },
  { kind: 'relapse', re: /\b(?:relaps(?:e|ed|es|ing)\b(?![- ](?:prevention|plan|signs|triggers|warning|cycle|risk|indicators))|lapse[ds]?\b(?![- ](?:prevention|plan|risk))|(?:used|using|drank|drinking|drunk) again\b|returned to (?:use|using|drinking)|(?:resumed|started) (?:using|drinking) again)/i },
  { kind: 'homicidal ideation', re: /\b(?:homicid\w*|HI\b(?!\/)|(?:wants?|wanted|threatened) to (?:hurt|kill|harm) (?:someone|others|him|her|them))/ },
];
// Someone else's suicide (a loss the member grieves), a goal or a hypothetical: not this member's risk
const NOT_THEIRS = /\b(?:died by suicide|death by suicide|suicide loss|lost (?:\w+ ){0,3}to suicide|(?:his|her|their|a|the) (?:\w+ )?(?:\w+'s )?suicide\b(?! (?:attempt|ideation|thoughts))|suicide of|took (?:his|her|their) own life|suicide prevention|(?:revers\w*|witness\w*|responded to|saw|found|died (?:of|from)|lost (?:\w+ ){0,3}to)\s+(?:\w+'s\s+|\w+\s+){0,3}overdose|\w+'s overdose|overdose (?:death|risk|prevention|reversal)|fatal overdose)/gi;
const HYPOTHETICAL = /\b(?:if|in case|planning to|plan for|avoid(?:ing)?|prevent(?:ing)?|not to|risk of|signs of|warning signs|without)\s+(?:\w+\s+){0,2}$/i;
// A sentence about a peer ("when a peer described her lapse") is not about this member
const ABOUT_PEER = /\b(?:peers?|another member|other members?|a member|someone else|others)\b/i;
// Statements that the risk was assessed or a safety plan is in place
const ASSESSED = /\b(?:denie[sd]|denying|negative (?:for|screen)|screened|assessed|assessment|evaluated|C-?SSRS|Columbia|ASQ|PHQ-?9|safety plan\w*|crisis (?:line|plan|resources|number|team)|988|hotline|contracted for safety|no (?:current |active |acute |recent )?(?:SI|HI|suicidal|homicidal|intent|plan|risk|self-harm)|(?:low|moderate|high|imminent|acute|elevated|no|minimal) risk|risk (?:level|was|is|remains|rated)|naloxone|narcan (?:kit|on hand|provided)|withdrawal (?:risk|symptoms|protocol|assessed)|means restriction|lethal means|(?:relapse|recovery) (?:prevention )?plan (?:was )?(?:reviewed|updated|revised)|(?:reviewed|updated|revised) (?:the |her |his |their )?(?:relapse|recovery|safety) (?:prevention )?plan|emergency plan|not at (?:imminent )?risk|no action|no actions|did not act on (?:it|them|the urges?)|(?:urges?|SH)\b[^.]{0,30}?(?:\d\s*\/\s*\d|\b(?:rated|at) \d|\b0\b|\bzero\b|\bnone\b))/i;

export const riskAssessmentMissing: Rule = {
  id: 'risk-assessment-missing',
  defaultSeverity: 'warning',
  description: "Self-harm, suicidal ideation, overdose or relapse mentioned for a member without a risk assessment or safety plan in that member's section.",
  check({ note, sections, label, names }) {
    const findings: RuleFinding[] = [];
    for (const section of sections) {
      // a Risk / Safety field with content is the assessment
      const riskField = section.fields.some((f) => f.kind === 'risk' && !isPlaceholder(note.text.slice(f.content.start, f.content.end)));
      if (riskField) continue;
      const sentences = sectionSentences(note, section);
      if (sentences.some((s) => ASSESSED.test(s.flat))) continue;
      let hit: { kind: string; start: number; end: number } | null = null;
      for (const s of sentences) {
        if (mentionsPlanGoal(s.flat) || ABOUT_PEER.test(s.flat)) continue;
        const flat = s.flat.replace(NOT_THEIRS, (m) => ' '.repeat(m.length));
        if (!TRIGGERS.some(({ re }) => re.test(flat))) continue;
        // "when Evie described her lapse": a sentence naming another member is about them
        if (names.find(note.text, s.start, s.end).some((m) => !m.members.includes(section.member))) continue;
        for (const { kind, re } of TRIGGERS) {
          const m = new RegExp(re.source, `${re.flags.replace('g', '')}g`);
          for (let x = m.exec(flat); x; x = m.exec(flat)) {
            if (HYPOTHETICAL.test(flat.slice(0, x.index))) continue;
            hit = { kind, ...phraseSpan(note.text, s.start, s.end, x[0]) };
            break;
          }
          if (hit) break;
        }
        if (hit) break;
      }
      if (!hit) continue;
      const who = label(section.member);
      findings.push({
        start: hit.start,
        end: hit.end,
        member: section.member,
        message: `${who}'s section mentions ${hit.kind === 'relapse' ? 'a relapse or lapse' : hit.kind}, but has no risk assessment or safety plan statement. Add what was assessed for ${who} and the plan (e.g. "Denies SI; safety plan reviewed" or "Relapse prevention plan updated").`,
        data: { kind: hit.kind },
      });
    }
    return findings;
  },
};
