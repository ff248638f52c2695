// signature-missing: no signature, or a signature without the rendering clinician's name,
// credentials or date.

import type { Rule } from '../rule.js';
import { readSignature } from './common.js';

export const signatureMissing: Rule = {
  id: 'signature-missing',
  defaultSeverity: 'error',
  description: "No signature, or a signature without the rendering clinician's name, credentials or date.",
  check({ note }) {
    const signature = readSignature(note);
    if (!signature) {
      // point at the end of the note, where the signature belongs
      const lines = [...note.text.matchAll(/\S[^\r\n]*/g)];
      const last = lines.at(-1);
      const at = last ? { start: last.index!, end: last.index! + last[0].trimEnd().length } : { start: 0, end: 0 };
      return [{ ...at, member: null, message: 'The note is not signed. End it with the rendering clinician\'s signature, credentials and date, e.g. "Signed: Dana Whitfield, LCSW, 2026-03-04 16:10".' }];
    }
    const missing = [signature.name ? null : 'name', signature.credential ? null : 'credentials', signature.date ? null : signature.badDate ? 'a valid date' : 'date'].filter((m): m is string => !!m);
    if (missing.length === 0) return [];
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
    return [{
      start: signature.start,
      end: signature.end,
      member: null,
      message: `The signature has no ${list}. Payers expect the rendering clinician's name, credentials and the date signed, e.g. "Signed: Dana Whitfield, LCSW, 2026-03-04 16:10".`,
      data: { missing },
    }];
  },
};
