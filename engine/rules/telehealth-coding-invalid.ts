// telehealth-coding-invalid: a telehealth session without the payer profile's telehealth place
// of service and modifier (95 for audio-video, 93 for audio-only under Medicare), or an
// in-person session coded as telehealth.

import type { Rule, RuleFinding } from './rule.js';
import { noteAnchor } from '../facts/session.js';
import { telehealthFacts } from './telehealth-facts.js';

const list = (codes: string[]) => (codes.length === 1 ? codes[0] : `${codes.slice(0, -1).join(', ')} or ${codes.at(-1)}`);

export const telehealthCodingInvalid: Rule = {
  id: 'telehealth-coding-invalid',
  defaultSeverity: 'error',
  description: "A telehealth session without the payer profile's place of service and modifier, or an in-person session coded as telehealth.",
  check(context) {
    const { note, session, payer } = context;
    const th = payer.telehealth;
    const facts = telehealthFacts(note, context);
    const findings: RuleFinding[] = [];
    const pos = session.pos.value;
    const modifiers = session.modifiers.value ?? [];
    const posAt = session.pos.span ?? noteAnchor(note, 'setting', 'pos');
    const modAt = session.modifiers.span ?? session.pos.span ?? noteAnchor(note, 'setting', 'modifiers');
    if (session.setting.present && session.setting.value === null) findings.push({ ...(session.setting.span ?? noteAnchor(note, 'setting')), member: null, message: 'The setting cannot be read; write `setting: in-person`, `telehealth` or `audio-only`.' });
    if (session.pos.present && pos === null) findings.push({ ...posAt, member: null, message: 'The place of service cannot be read; write the two-digit code, e.g. `pos: 11` or `pos: "02"`.' });
    if (session.modifiers.present && session.modifiers.value === null) findings.push({ ...modAt, member: null, message: 'The modifiers cannot be read; write a list of two-character codes, e.g. `modifiers: [95]`.' });

    if (!facts.telehealth) {
      if (session.setting.value !== 'in-person') return findings;
      if (pos !== null && th.pos.includes(pos)) findings.push({ ...posAt, member: null, message: `The setting is in-person, but place of service ${pos} is a telehealth code. Use the in-person place of service (e.g. 11, office), or correct the setting.` });
      const remote = modifiers.filter((m) => th.modifiers.includes(m) || th.audioOnlyModifiers.includes(m));
      if (remote.length) findings.push({ ...modAt, member: null, message: `The setting is in-person, but modifier ${list(remote)} marks a telehealth service. Remove it, or correct the setting.` });
      if (facts.textCue) findings.push({ start: facts.textCue.start, end: facts.textCue.end, member: null, message: 'The setting is in-person, but the note says the session was held remotely. Correct the setting, place of service and modifiers to match.' });
      return findings;
    }

    const how = facts.audioOnly ? 'audio-only telehealth' : 'telehealth (audio and video)';
    if (!session.pos.present) findings.push({ ...noteAnchor(note, 'setting', 'pos'), member: null, message: `A ${how} session needs a place of service: ${list(th.pos)} for ${payer.label}. Add \`pos:\` to the frontmatter.` });
    else if (pos !== null && !th.pos.includes(pos)) findings.push({ ...posAt, member: null, message: `Place of service ${pos} is not a telehealth place of service for ${payer.label}; use ${list(th.pos)}.` });
    if (!session.modifiers.present || session.modifiers.value !== null) {
      const wanted = facts.audioOnly ? th.audioOnlyModifiers : th.modifiers;
      const wrong = facts.audioOnly ? th.modifiers : th.audioOnlyModifiers;
      if (wanted.length && !modifiers.some((m) => wanted.includes(m))) {
        const hasWrong = modifiers.filter((m) => wrong.includes(m) && !wanted.includes(m));
        findings.push({
          ...(session.modifiers.present ? modAt : noteAnchor(note, 'setting', 'pos')),
          member: null,
          message: hasWrong.length
            ? `Modifier ${list(hasWrong)} is for ${facts.audioOnly ? 'audio-video' : 'audio-only'} sessions, but this session was ${how}; ${payer.label} expects ${list(wanted)}.`
            : `A ${how} session needs modifier ${list(wanted)} for ${payer.label}. Add \`modifiers: [${wanted[0]}]\` to the frontmatter.`,
        });
      }
    }
    return findings;
  },
};
