// The signature block: who signed, with which credential, when.

import type { GroupNote, Span } from './note.js';
import { CREDENTIAL, readClinician } from './clinicians.js';
import { findDate, frontmatterLine, parseClock, type DateParts } from './session.js';
import { matchesIn } from './text-match.js';


export interface Signature extends Span {
  /** from the frontmatter `signature` field rather than a line in the note */
  fromFrontmatter: boolean;
  name: string | null;
  credential: string | null;
  date: DateParts | null;
  /** a date was written but is not a real date */
  badDate: boolean;
  /** minutes after midnight, when a time follows the date */
  time: number | null;
}

// A line that signs the note: "Signed: ...", "Electronically signed by ...", "Signature: ...",
// "Marcus Bell, LPC. Electronically signed 05/19/2026 11:40."
const SIGNATURE_LINE =
  /^[ \t>]*(?:[-*+][ \t]+)?(?:(?:\*\*|__)[ \t]*)?(?:(?:clinician|provider|therapist|facilitator)(?:'s)?[ \t]+)?(?:e-?signed|signed|signature|electronically signed|digitally signed|attested|attestation|signed and dated)\b([^\r\n]*)|^[^\r\n]*\b(?:electronically|digitally)[ \t]+signed\b[^\r\n]*/gim;
// "Signed: ...", "Signed by", "Signed 2026-..." or "Signed Dana ..."; not "Signed consent forms were reviewed".
const SIGNATURE_CONTINUES = /^(?:[ \t]*(?::|\*|_|-|–|—|,|by\b|on\b|electronically\b|digitally\b|and\b|\d|\[|$)|[ \t]+\p{Lu})/u;
const SIGNATURE_HEADING = /^#{1,6}[ \t]+(?:clinician[ \t]+)?(?:signature|signed|sign-?off|attestation)s?\b[^\r\n]*$/gim;
const TIME_AFTER = /^[ \t,;]*(?:at[ \t]+)?(\d{1,2}:\d{2}(?:[ \t]*[ap]\.?m\.?)?|\d{1,2}[ \t]*[ap]\.?m\.?)/i;

// In the signature block, a line with a credential and a date signs the note without the word
// "signed": "Patricia Lindgren, LCSW  3/2/2026 14:30".
const SIGNED_ANYWHERE = /\b(?:e-?signed|signed|electronically|digitally)\b/i;

/** The line holding `offset`, without its trailing blanks; CR, LF and CRLF all end a line. */
function lineAt(text: string, offset: number): Span {
  const start = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const end = lineBreakAt(text, offset);
  return { start, end: start + text.slice(start, end).trimEnd().length };
}

/** Offset of the first line break at or after `offset` (the text length when there is none). */
function lineBreakAt(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  const cr = text.indexOf('\r', offset);
  return lf < 0 ? (cr < 0 ? text.length : cr) : cr < 0 ? lf : Math.min(lf, cr);
}

function linesOf(text: string, span: Span): Span[] {
  const out: Span[] = [];
  for (const m of matchesIn(text, span.start, span.end, /[^\r\n]+/)) if (/\S/.test(m.text)) out.push({ start: m.start, end: m.start + m.text.trimEnd().length });
  return out;
}

const signatureCache = new WeakMap<GroupNote, Signature | null>();

/** The last signature line of the note (or the frontmatter `signature`), read into its parts. */
export function readSignature(note: GroupNote): Signature | null {
  if (!signatureCache.has(note)) signatureCache.set(note, findSignature(note));
  const found = signatureCache.get(note)!;
  return found ? { ...found } : null;
}

function findSignature(note: GroupNote): Signature | null {
  const text = note.text;
  const firstSection = Math.min(...note.sections.map((s) => s.start), text.length);
  const candidates: Span[] = [];
  for (const span of note.shared) {
    for (const m of matchesIn(text, span.start, span.end, SIGNATURE_LINE)) {
      if (m.groups[0] === undefined || SIGNATURE_CONTINUES.test(m.groups[0])) candidates.push(lineAt(text, m.start));
    }
    for (const h of matchesIn(text, span.start, span.end, SIGNATURE_HEADING)) {
      // a "## Signature" heading: the first line of text below it
      const next = linesOf(text, { start: h.end, end: span.end })[0];
      if (next) candidates.push(next);
    }
    if (span.start < firstSection) continue;
    for (const line of linesOf(text, span)) {
      const t = text.slice(line.start, line.end);
      if ((SIGNED_ANYWHERE.test(t) && (CREDENTIAL.test(t) || findDate(t))) || (CREDENTIAL.test(t) && findDate(t)?.date)) candidates.push(line);
    }
  }
  // a signature line at the very end that the note model kept inside the last member's section
  const lastLine = linesOf(text, { start: firstSection, end: text.length }).at(-1);
  if (lastLine) {
    const t = text.slice(lastLine.start, lastLine.end);
    if (CREDENTIAL.test(t) && findDate(t)?.date && t.length < 120) candidates.push(lastLine);
  }
  candidates.sort((a, b) => a.start - b.start);
  const last = candidates.at(-1);
  if (last) {
    const parts = signatureParts(text.slice(last.start, last.end));
    // a name or credential line just above ("Dana Whitfield, LCSW" then "Signed 2026-03-04"), or a date line below
    for (const neighbour of neighbours(text, last)) {
      if (parts.name && parts.credential && parts.date) break;
      const more = signatureParts(text.slice(neighbour.start, neighbour.end));
      parts.name ??= more.name;
      parts.credential ??= more.credential;
      if (!parts.date && more.date) Object.assign(parts, { date: more.date, time: more.time, badDate: false });
    }
    return { start: last.start, end: last.end, fromFrontmatter: false, ...parts };
  }
  const fm = note.frontmatter ?? {};
  const raw = fm['signature'] ?? fm['signed'] ?? fm['signed-by'];
  if (raw === undefined || raw === null || raw === false) return null;
  const at = frontmatterLine(note, 'signature', 'signed', 'signed-by') ?? { start: 0, end: 0 };
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    const who = readClinician(o) ?? { name: null, credential: null };
    const dateText = o.date ?? o.signed ?? o.at ?? o.on;
    const parts = signatureParts(typeof dateText === 'string' ? dateText : dateText instanceof Date ? dateText.toISOString().slice(0, 16).replace('T', ' ') : '');
    return { ...at, fromFrontmatter: true, name: who.name, credential: who.credential, date: parts.date, badDate: parts.badDate, time: parts.time };
  }
  const parts = signatureParts(typeof raw === 'string' ? raw : '');
  const dated = fm['signed-at'] ?? fm['signed-on'] ?? fm['signature-date'];
  if (!parts.date && typeof dated === 'string') Object.assign(parts, { date: signatureParts(dated).date, time: signatureParts(dated).time });
  return { ...at, fromFrontmatter: true, ...parts };
}

/** The non-blank lines just above and below a line (not a rule, a heading or prose). */
function neighbours(text: string, line: Span): Span[] {
  const out: Span[] = [];
  if (line.start > 1) {
    // the break before this line is one or two characters (CRLF); the line above ends there
    const breakAt = text[line.start - 1] === '\n' && text[line.start - 2] === '\r' ? line.start - 2 : line.start - 1;
    const above = lineAt(text, breakAt);
    const t = text.slice(above.start, above.end).trim();
    if (t && t.length < 80 && !/^(?:-{3,}|\*{3,}|_{3,}|#)/.test(t) && !/[.!?]\s+\S/.test(t)) out.push(above);
  }
  const breakAt = lineBreakAt(text, line.end);
  if (breakAt < text.length) {
    const below = lineAt(text, breakAt + (text.startsWith('\r\n', breakAt) ? 2 : 1));
    const t = text.slice(below.start, below.end).trim();
    if (t && t.length < 80 && !/^#/.test(t)) out.push(below);
  }
  return out;
}

const SIGNATURE_WORDS = /\b(?:electronically|digitally|e-?signed|signed|signature|attested|attestation|by|on|at|and|dated|date|time|clinician|provider|therapist|facilitator|group|leader)\b/gi;

function signatureParts(block: string): Pick<Signature, 'name' | 'credential' | 'date' | 'badDate' | 'time'> {
  const found = findDate(block);
  let time: number | null = null;
  let rest = block;
  if (found) {
    const tail = TIME_AFTER.exec(block.slice(found.index + found.length));
    if (tail) time = parseClock(tail[1].replace(/\s+/g, ' '));
    rest = block.slice(0, found.index) + ' ' + block.slice(found.index + found.length + (tail ? tail[0].length : 0));
  }
  const credential = CREDENTIAL.exec(rest)?.[0] ?? null;
  const cleaned = rest.replace(CREDENTIAL, ' ').replace(SIGNATURE_WORDS, ' ').replace(/\[[^[\]]*\]/g, ' ');
  const name = /(?<![\p{L}'’-])(?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.)(?:[ \t]+(?:(?:de|van|von|der|den|da|del|della|di|du|la|le|bin|ibn|al|ten|ter|st\.)[ \t]+)*(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]+))+/u.exec(cleaned)?.[0] ?? null;
  return { name, credential, date: found?.date ?? null, badDate: !!found && !found.date, time };
}
