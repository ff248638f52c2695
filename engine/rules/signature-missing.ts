// signature-missing: no signature, or a signature without the rendering clinician's name,
// credentials or date.

import type { Rule } from './rule.js';
import { readSignature } from '../facts/signature.js';
import type { GroupNote } from '../facts/note.js';
import { noteAnchor } from '../facts/session.js';

/** The note's title (its first heading before any member section), else the frontmatter's facilitator line (or first line). */
function titleOrFrontmatter(note: GroupNote): { start: number; end: number } {
  const bodyStart = note.frontmatterSpan?.end ?? 0;
  const firstSection = Math.min(...note.sections.map((s) => s.start), note.text.length);
  const title = /^#{1,6}[ \t]+\S[^\r\n]*/m.exec(note.text.slice(bodyStart, firstSection));
  if (!title) return noteAnchor(note, 'facilitator', 'facilitators', 'provider', 'clinician');
  return { start: bodyStart + title.index, end: bodyStart + title.index + title[0].trimEnd().length };
}

export const signatureMissing: Rule = {
  id: 'signature-missing',
  defaultSeverity: 'error',
  description: "No signature, or a signature without the rendering clinician's name, credentials or date.",
  check({ note }) {
    const signature = readSignature(note);
    if (!signature) {
      // A finding about the whole note sits at a stable place, the title (or the frontmatter's
      // first line), not on the last line: that is the line a clinician is typing.
      const at = titleOrFrontmatter(note);
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
