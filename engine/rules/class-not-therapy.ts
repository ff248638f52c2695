// class-not-therapy: the session reads as a class or an activity (lecture, video, recreation,
// socializing, education only) with no therapeutic exchange documented. That is not group
// psychotherapy.

import type { Rule } from './rule.js';
import { leadShared, sectionSentences, spansText } from '../facts/sections.js';
import { matchesIn } from '../facts/text-match.js';
import { findEvidence } from './member-evidence.js';

// What a class or an activity looks like in the shared section
const ACTIVITY = /\b(?:lectur(?:e|ed|es|ing)|watched (?:a |the )?(?:video|film|movie|documentary|ted talk|clip)|(?:video|film|movie|documentary) (?:on|about|was shown|shown)|showed (?:a |the )?(?:video|film|movie)|movie (?:night|afternoon)|slide ?show|power ?point|presentation (?:on|about)|(?:psycho-?)?educational (?:session|class|group|lecture|presentation)|psycho-?education|didactic|taught|teaching|education(?:al)? only|class (?:on|about)|quiz|bingo|board games?|card games?|games? (?:of|were played|was played)|played (?:a )?(?:game|games|cards|bingo)|arts? and crafts|crafts?|colou?ring|painting|drawing activity|music (?:activity|listening|group)|sing-?along|karaoke|outing|field trip|walk(?:ed)? to (?:the )?park|recreation(?:al)?|leisure|social (?:hour|time|activity|outing)|sociali[sz](?:ed|ing|ation)|pizza|snacks? (?:and|were)|party|exercise class|yoga class|cooking (?:class|activity)|(?:ADL|life) skills? (?:training|class)|grooming|hygiene (?:training|class))\b/i;
// What therapeutic exchange looks like: members working on their own problems with each other
const THERAPY = /\b(?:process(?:ed|ing)|feedback|role-?play\w*|rehears\w*|exposure|cognitive|restructur\w*|reframe\w*|CBT|DBT|ACT|motivational interviewing|chain analysis|socratic|interpersonal|here-and-now|explor(?:ed|ing)|disclos\w*|challeng\w*|confront\w*|validat\w*|problem-?solv\w*|urge surfing|skills? (?:practice|rehearsal)|practiced|practised|reflect\w*|shar(?:ed|ing)|discuss(?:ed|ion)|writing exercise|letter|grounding|mindfulness|breathing|coping|journal\w*|dyads?|in pairs|breakout|support(?:ive)?|process group|check-?in|discussion of (?:their|members') (?:own|personal)|personal (?:goals|experiences|reactions)|linked (?:it|the)|applied (?:it|the skill) to)\b/i;

export const classNotTherapy: Rule = {
  id: 'class-not-therapy',
  defaultSeverity: 'warning',
  description: 'A session that reads as a class or activity (lecture, video, recreation, socializing) with no therapeutic exchange.',
  check(context) {
    const { note, sections } = context;
    const lead = leadShared(note);
    const leadText = spansText(note, lead);
    if (THERAPY.test(leadText)) return [];
    let activity = null;
    for (const span of lead) {
      activity = matchesIn(note.text, span.start, span.end, ACTIVITY)[0] ?? null;
      if (activity) break;
    }
    if (!activity) return [];
    // members' own sections may still show the therapeutic work: their own responses documented
    const withTherapy = sections.filter((s) => sectionSentences(note, s).some((x) => THERAPY.test(x.flat)) || findEvidence(context, s, 'response').status === 'documented').length;
    if (sections.length > 0 && withTherapy * 2 >= sections.length) return [];
    return [{
      start: activity.start,
      end: activity.end,
      member: null,
      message: 'The session reads as a class or an activity, with no therapeutic exchange documented. Lectures, videos, recreation, socializing and education alone are not group psychotherapy; describe the therapeutic work (processing, feedback between members, skills practice) or do not bill 90853.',
      data: { members: sections.length, withTherapy },
    }];
  },
};
