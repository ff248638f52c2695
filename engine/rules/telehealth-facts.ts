// Shared by telehealth-coding-invalid and telehealth-documentation-missing: whether the session
// was held by telehealth, and whether audio-only.

import type { GroupNote } from '../facts/note.js';
import type { RuleContext } from './rule.js';
import { leadShared } from '../facts/sections.js';
import { matchesIn, type TextMatch } from '../facts/text-match.js';

/** The lead shared text says the session was held by video or phone. */
export const REMOTE_CUE = /\b(?:(?:by|via|over|on) (?:video|zoom|teams|doxy(?:\.me)?|telehealth|a video (?:call|platform))|(?:telehealth|virtual|video|online|remote|audio[- ]only|telephone|phone) (?:session|group|meeting|visit)|HIPAA-compliant video|(?:session|group) (?:was )?(?:held )?(?:by|over the) (?:tele)?phone)\b/i;
/** The whole session was audio-only (not one member joining by phone) */
export const AUDIO_CUE = /\b(?:audio[- ]only (?:session|group|meeting|visit)|(?:telephone|phone) (?:session|group)|(?:session|group) (?:was )?(?:held )?(?:by|over the) (?:tele)?phone)\b/i;

export interface TelehealthFacts {
  telehealth: boolean;
  audioOnly: boolean;
  /** where the note says it was remote, when the frontmatter setting does not */
  textCue: TextMatch | null;
}

export function telehealthFacts(note: GroupNote, { session, payer }: Pick<RuleContext, 'session' | 'payer'>): TelehealthFacts {
  let textCue: TextMatch | null = null;
  for (const span of leadShared(note)) {
    textCue = matchesIn(note.text, span.start, span.end, REMOTE_CUE)[0] ?? null;
    if (textCue) break;
  }
  const setting = session.setting.value;
  const codedRemote = (session.pos.value !== null && payer.telehealth.pos.includes(session.pos.value)) || (session.modifiers.value ?? []).some((m) => payer.telehealth.modifiers.includes(m) || payer.telehealth.audioOnlyModifiers.includes(m));
  const telehealth = setting === 'telehealth' || setting === 'audio-only' || (setting === null && (codedRemote || !!textCue));
  const audioOnly = setting === 'audio-only' || (telehealth && !!textCue && AUDIO_CUE.test(textCue.text));
  return { telehealth, audioOnly, textCue };
}
