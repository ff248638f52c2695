// Splits one group note into one chart note per present member: the session facts, the shared
// text, that member's own section and the signature block. Every export is checked for other
// members' identifiers ("leaks"); callers refuse to write an export with leaks unless forced.
//
// This module only builds strings; it never logs, prints or writes note text.

import { Document, isNode, parseDocument, visit } from 'yaml';
import { parseNote, type GroupNote, type Member, type MemberSection, type Span } from '../facts/note.js';
import { NameMatcher } from '../facts/names.js';
import { LineIndex, normalizeWord } from '../parse/text.js';
import { sectionCoverage } from '../facts/session.js';

export interface ExportLeak {
  /** offsets in the exported text */
  start: number;
  end: number;
  /** 0-based line in the exported text */
  line: number;
  message: string;
  /** the members it could identify (names, or ids), for a caller that says who is named */
  others: string[];
}

export interface MemberExport {
  member: { key: string; id: string | null; name: string | null };
  /** a bare file name, safe on every platform: <date>-<id, or a slug of the name>.md */
  fileName: string;
  text: string;
  leaks: ExportLeak[];
  /**
   * Why no chart note of this group note may be written (the same for each of its exports): text
   * that cannot be attributed to a member, which would go into other members' charts. Callers
   * refuse to write any export while this is not empty, even when forced past leaks.
   */
  unattributed: string[];
}

export interface ExportOptions {
  /** the caller decided, e.g. from a configured glob, that this file is a group note */
  forceGroupNote?: boolean;
}

/** Frontmatter keys copied into each export, in this order. Everything else (roster included) is dropped. */
const SESSION_KEYS = [
  'cpt',
  'date',
  'start',
  'end',
  'setting',
  'pos',
  'modifiers',
  'group',
  'facilitator',
  'facilitators',
  'co-facilitator',
  'cofacilitator',
  'co_facilitator',
  'provider',
  'clinician',
];

export const MEMBER_NOTE_KIND = 'group-psychotherapy-member-note';

// Members whose sections are not exported (no session to chart). Same test as lintText.
const NOT_PRESENT = /absent|no[- ]?show|excused|cancel/i;

// A signature line: the block after the member sections that holds one goes last in each export.
// Spaces only within the line: \s* after a multiline ^ would rescan every following blank line
// from every line start (quadratic on a run of blank lines).
const SIGNATURE_LINE = /^[^\S\r\n\u2028\u2029]*(?:(?:\*\*|__)[^\S\r\n\u2028\u2029]*)?(?:signed|signature|e-?signed|electronically signed|attested)\b|\belectronically signed\b/im;

/**
 * One chart note per present member who has a section, in the order of the sections. Members
 * without a section and absent members get none. Returns [] for a file that is not a group note.
 */
export function exportMemberNotes(text: string, options: ExportOptions = {}): MemberExport[] {
  const note = parseNote(text, { forceGroupNote: options.forceGroupNote });
  if (!note.isGroupNote) return [];
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';

  const sectionsOf = new Map<Member, MemberSection[]>();
  for (const section of note.sections) {
    if (NOT_PRESENT.test(section.member.attendance)) continue;
    sectionsOf.set(section.member, [...(sectionsOf.get(section.member) ?? []), section]);
  }
  if (sectionsOf.size === 0) return [];

  // Shared text before the last member section leads each export; shared text after it (the
  // signature block, closing notes) follows the member's section.
  const lastSectionStart = Math.max(...note.sections.map((s) => s.start));
  const hasSignature = note.shared.some((s) => s.start > lastSectionStart && SIGNATURE_LINE.test(text.slice(s.start, s.end)));
  const leading = note.shared.filter((s) => s.start < lastSectionStart || !hasSignature);
  const closing = note.shared.filter((s) => !leading.includes(s));

  const unattributed = unattributedText(note);
  const yamlSource = sessionYaml(note);
  const matcher = new NameMatcher(note.roster, note.staff);
  const date = fileDate(note.frontmatter?.['date']);
  const usedNames = new Set<string>();

  const exports: MemberExport[] = [];
  for (const [member, sections] of sectionsOf) {
    const frontmatter = memberFrontmatter(yamlSource, member);
    const pieces = [...leading.map((s) => piece(text, s)), ...sections.map((s) => piece(text, s)), ...closing.map((s) => piece(text, s))].filter((p) => !THEMATIC_BREAK_ONLY.test(p));
    const body = withoutEditorMarkup(pieces.join(eol + eol), eol);
    const exported = `---${eol}${frontmatter.replace(/\n/g, eol)}---${eol}${eol}${body}${eol}`;
    exports.push({
      member: { key: member.key, id: member.id, name: member.name },
      fileName: uniqueFileName(date, member, usedNames),
      text: exported,
      leaks: findLeaks(exported, member, matcher),
      unattributed,
    });
  }
  return exports;
}

/** What in the note cannot be attributed to a member: each as a sentence naming a line or a member, never quoting the note. */
export function unattributedText(note: GroupNote): string[] {
  const lines = new LineIndex(note.text);
  const line = (offset: number) => lines.positionAt(offset).line + 1;
  const reasons: string[] = [];
  if (note.unparsedFrom !== null) reasons.push(`the note is too complex to read in full: from line ${line(note.unparsedFrom)} on, its sections cannot be told apart`);
  const { missing, strays } = sectionCoverage(note);
  // a stray heading alone is a member not on the roster; with a member missing, it may be theirs
  if (missing.length > 0) {
    for (const section of strays) reasons.push(`the heading on line ${line(section.heading.start)} names no one on the roster`);
    for (const member of missing) reasons.push(`${member.name ?? member.id ?? member.key} is present but has no section of their own`);
  }
  return reasons;
}

// An HTML comment (one that is never closed runs to the end, as Markdown reads it):
// groupnote-disable comments and their reasons, drafting notes, anything else the rendered note
// does not show. Never part of a chart note: a reason can name another member.
const COMMENT = String.raw`<!--(?:(?!-->)[\s\S])*(?:-->|(?![\s\S]))`;
const COMMENT_LINES = new RegExp(String.raw`^[ \t]*(?:${COMMENT}[ \t]*)+(?:\r\n|\r|\n|$)`, 'gm');
// at a line's start the spaces after it go too, elsewhere the spaces before it
const INLINE_COMMENT = new RegExp(String.raw`^[ \t]*(?:${COMMENT}[ \t]*)+|[ \t]*${COMMENT}`, 'gm');

/**
 * The exported body without editor-only markup: comments go, lines that held only comments go
 * with them, and the blank lines left behind collapse to one.
 */
function withoutEditorMarkup(body: string, eol: string): string {
  if (!body.includes('<!--')) return body;
  const lines: string[] = [];
  for (const line of body.replace(COMMENT_LINES, '').replace(INLINE_COMMENT, '').split(eol)) {
    if (line !== '' || lines.at(-1) !== '') lines.push(line);
  }
  while (lines.at(-1) === '') lines.pop();
  return lines.join(eol);
}

// nothing but a horizontal rule: a separator between sections, not text to export
const THEMATIC_BREAK_ONLY = /^\s*(?:(?:[-*_][ \t]*){3,}\s*)*$/;

function piece(text: string, span: Span): string {
  return text.slice(span.start, span.end).replace(/^[^\S\r\n]*(?:\r\n|\r|\n)/, '').trimEnd();
}

/** The source frontmatter as a YAML document, or null when there is none or it cannot be read. */
function sessionYaml(note: GroupNote): Document | null {
  if (!note.frontmatterSpan || note.frontmatter === null) return null;
  const lines = note.text.slice(note.frontmatterSpan.start, note.frontmatterSpan.end).split(/\r\n|\r|\n/);
  const doc = parseDocument(lines.slice(1, -1).join('\n'), { uniqueKeys: false, logLevel: 'error' });
  return doc.errors.length === 0 ? doc : null;
}

function memberFrontmatter(source: Document | null, member: Member): string {
  const out = new Document({ note: MEMBER_NOTE_KIND });
  if (source) {
    for (const key of SESSION_KEYS) {
      if (!source.has(key)) continue;
      const value = source.get(key, true);
      out.set(key, isNode(value) ? value.clone() : value);
    }
  }
  const patient: Record<string, string> = {};
  if (member.id) patient['id'] = member.id;
  if (member.name) patient['name'] = member.name;
  out.set('patient', out.createNode(patient));
  // comments in the source frontmatter may name anyone: never copy them
  visit(out, {
    Node(_, node) {
      delete (node as { comment?: string }).comment;
      delete (node as { commentBefore?: string }).commentBefore;
      (node as { spaceBefore?: boolean }).spaceBefore = false;
    },
  });
  return out.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function findLeaks(text: string, owner: Member, matcher: NameMatcher): ExportLeak[] {
  const lines = new LineIndex(text);
  const label = (m: Member) => m.name ?? m.id ?? m.key;
  return matcher
    .find(text, 0, text.length)
    .filter((mention) => !mention.members.includes(owner))
    .map((mention) => {
      const who = mention.members.map(label).join(' or ');
      return {
        start: mention.start,
        end: mention.end,
        others: mention.members.map(label),
        line: lines.positionAt(mention.start).line,
        message: `Identifies another group member, ${who} (${mention.kind}), in the note exported for ${label(owner)}'s chart.`,
      };
    });
}

function fileDate(value: unknown): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  const match = typeof value === 'string' || typeof value === 'number' ? /\d{4}-\d{2}-\d{2}/.exec(String(value)) : null;
  return match ? match[0] : 'undated';
}

/** ASCII letters, digits, "-" and "_" only (accents and apostrophes dropped); no leading dashes; at most 64 characters. */
function safePart(value: string, lowerCase: boolean): string {
  const base = lowerCase ? normalizeWord(value) : value.normalize('NFD').replace(/\p{M}+/gu, '');
  return base
    .replace(/['’‘]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|(?<![-_])[-_]+$/g, '')
    .slice(0, 64)
    .replace(/(?<![-_])[-_]+$/, '');
}

function uniqueFileName(date: string, member: Member, used: Set<string>): string {
  const stem = (member.id ? safePart(member.id, false) : '') || (member.name ? safePart(member.name, true) : '') || 'member';
  let name = `${date}-${stem}.md`;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${date}-${stem}-${n}.md`;
  used.add(name.toLowerCase());
  return name;
}
