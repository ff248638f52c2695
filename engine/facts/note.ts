// The note model: frontmatter, roster, shared text and one section per member, with the labelled
// fields inside each section. Everything keeps offsets into the original text so rules can point
// at exact ranges.

import { parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import { topLevelBlocks, UNPARSED, type TopBlock } from '../parse/blocks.js';
import { readSimpleYaml } from '../parse/simple-yaml.js';
import { RecentCache } from '../parse/recent.js';
import { labelKind, LINE_LABEL_RE, INLINE_LABEL_RE, type FieldKind } from '../parse/labels.js';
import { bareWord, tokenize, withLineBreaks } from '../parse/text.js';
import { headerSaysGroupNote } from './session.js';

export interface Span {
  start: number;
  end: number;
}

export interface Member {
  /** stable key: the id when there is one, otherwise the name */
  key: string;
  id: string | null;
  name: string | null;
  aliases: string[];
  attendance: string;
  dob: string | null;
  phone: string | null;
  email: string | null;
  /** true when the member comes from the frontmatter roster, false when derived from a heading */
  fromRoster: boolean;
}

export interface Field extends Span {
  kind: FieldKind;
  /** the label as written, or null for unlabelled narrative */
  label: string | null;
  labelSpan: Span | null;
  /** the text after the label */
  content: Span;
}

export interface MemberSection extends Span {
  member: Member;
  heading: Span;
  /** body of the section (after the heading line) */
  body: Span;
  fields: Field[];
}

/** A problem with the note's own structure (YAML, roster), reported by frontmatter-invalid. */
export interface StructureProblem extends Span {
  message: string;
}

export interface GroupNote {
  text: string;
  /** true when group-note rules apply */
  isGroupNote: boolean;
  frontmatter: Record<string, unknown> | null;
  frontmatterSpan: Span | null;
  roster: Member[];
  /** facilitator / co-facilitator / provider names */
  staff: string[];
  /** text that goes into every member's chart: title, shared section, signature block */
  shared: Span[];
  sections: MemberSection[];
  problems: StructureProblem[];
  /** where the parse budget ran out: the text from here was not parsed as Markdown (null: all of it was) */
  unparsedFrom: number | null;
}

export interface ParseOptions {
  /** the caller decided, e.g. from a configured glob, that this file is a group note */
  forceGroupNote?: boolean;
}

/** More members than this cannot be one group session: such a roster or set of sections is not read. */
export const MAX_MEMBERS = 100;
/** A note with more headings than this is not split into member sections. */
export const MAX_HEADINGS = 1000;

// remark's time grows with the square of the nesting depth of lists and block quotes (a line of
// 5,000 "- " takes half a minute). No note nests that deep: the part of a line's container prefix
// (indentation, ">", list markers) past this many characters is parsed as text instead.
const MAX_NESTING_PREFIX = 64;
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*/;
const THEMATIC_BREAK = /^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** The text with over-deep line prefixes turned into no-break spaces; same length, so offsets hold. */
function limitNesting(text: string): string {
  if (!/^[ \t>*+\-\d.)]{65}/m.test(text)) return text;
  return text.replace(/^[^\r\n]+/gm, (line) => {
    const prefix = CONTAINER_PREFIX.exec(line)![0].length;
    if (prefix <= MAX_NESTING_PREFIX || THEMATIC_BREAK.test(line)) return line;
    return line.slice(0, MAX_NESTING_PREFIX) + '\u00a0'.repeat(prefix - MAX_NESTING_PREFIX) + line.slice(prefix);
  });
}

/**
 * The text with U+2028 and U+2029 (line and paragraph separator) read as line feeds; same length.
 * Markdown and YAML end lines only at CR and LF, so a note written with these separators (some
 * exports and JavaScript tools make them) would be one line that is not a group note. The note
 * model (`text` included) reads them as line feeds; callers count positions in the text as it is
 * (LSP ends lines at CR and LF only, as editors do).
 */
export function parseNote(rawText: string, options: ParseOptions = {}): GroupNote {
  // remark does not keep a byte-order mark in its offsets; parse without it and shift back.
  const bom = rawText.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = withLineBreaks(rawText);
  const body = bom ? text.slice(1) : text;
  const blocks = topLevelBlocks(limitNesting(body));

  const note: GroupNote = {
    text,
    isGroupNote: false,
    frontmatter: null,
    frontmatterSpan: null,
    roster: [],
    staff: [],
    shared: [],
    sections: [],
    problems: [],
    unparsedFrom: null,
  };
  // past the parse budget (engine/parse/parse-budget.ts) the rest of the note is not parsed
  if (blocks.at(-1)?.type === UNPARSED) note.unparsedFrom = blocks.pop()!.start + bom;

  const first = blocks[0];
  if (first && first.type === 'yaml') {
    const start = first.start + bom;
    const end = first.end + bom;
    note.frontmatterSpan = { start, end };
    const rawYaml = text.slice(start, end);
    const firstBreak = /\r?\n|\r/.exec(rawYaml);
    const valueStart = start + (firstBreak ? firstBreak.index + firstBreak[0].length : 3);
    // the YAML as written (the parsed copy of the text can differ in deeply nested prefixes)
    const yamlText = text.slice(valueStart, valueStart + first.text.length);
    readFrontmatter(note, yamlText, valueStart);
    // Unreadable YAML that still says it is a group note keeps its problems and gets the rules.
    const brokenButGroup = note.frontmatter === null && /group|90853/i.test(yamlText);
    note.isGroupNote = isGroupNoteFrontmatter(note.frontmatter) || brokenButGroup;
  }
  // no frontmatter: the header may say it is a group note (engine/facts/session.ts)
  if (!note.frontmatterSpan) note.isGroupNote = headerSaysGroupNote(body);
  note.isGroupNote ||= !!options.forceGroupNote;
  if (!note.isGroupNote) {
    note.problems = [];
    return note;
  }

  if (note.unparsedFrom !== null) reportUnparsed(note, note.unparsedFrom);
  buildSections(note, blocks, bom);
  return note;
}

function reportUnparsed(note: GroupNote, from: number): void {
  const line = note.text.slice(0, from).split(/\r\n|\r|\n/).length;
  const lineEnd = note.text.slice(from).search(/[\r\n]|$/);
  note.problems.push({
    start: from,
    end: from + Math.max(1, lineEnd),
    message: `The note's Markdown is too complex to read in full (lists and quotes nested in each other on many lines, or tens of thousands of lines). It was read and checked up to line ${line}; the rest was not checked, and the note cannot be exported. Flatten the nested lists, or split the note.`,
  });
}

function isGroupNoteFrontmatter(fm: Record<string, unknown> | null): boolean {
  if (!fm) return false;
  const kind = fm['note'] ?? fm['type'];
  if (typeof kind === 'string') {
    if (/individual|treatment[- ]?plan|intake|family/i.test(kind) && !/group/i.test(kind)) return false;
    // one member's chart note exported from a group note: it has no roster to check against
    if (/member[- ]?note/i.test(kind)) return false;
    if (/group/i.test(kind)) return true;
  }
  const cpt = fm['cpt'];
  const codes = Array.isArray(cpt) ? cpt : [cpt];
  return codes.some((c) => String(c).trim() === '90853');
}

// ---------------------------------------------------------------------------------------------
// Frontmatter and roster

// The last few frontmatters parsed: while a note is edited its frontmatter seldom changes, and
// the YAML documents are only read, never changed.
const recentYaml = new RecentCache<string, ReturnType<typeof parseDocument>>(8);

function parseYaml(yamlText: string): ReturnType<typeof parseDocument> {
  // The yaml package ends lines only at \n and \r\n; a lone \r (old Mac line endings) becomes
  // \n, which keeps every offset.
  return recentYaml.get(yamlText, () => parseDocument(yamlText.replace(/\r(?!\n)/g, '\n'), { prettyErrors: false, uniqueKeys: false, logLevel: 'error' }));
}

function readFrontmatter(note: GroupNote, yamlText: string, valueStart: number): void {
  // Most frontmatters are plain: their values are read directly (engine/parse/simple-yaml.ts). Anything
  // else, and a roster with a problem to report at its place, is read with the yaml package.
  const simple = readSimpleYaml(yamlText);
  const simpleRoster = simple && rosterOf(simple['members']);
  if (simple && simpleRoster) {
    note.frontmatter = simple;
    note.staff = staffOf(simple);
    note.roster = simpleRoster;
    return;
  }

  const doc = parseYaml(yamlText);
  for (const error of doc.errors) {
    const [s, e] = error.pos ?? [0, 0];
    note.problems.push({
      start: valueStart + s,
      end: valueStart + Math.max(e, s + 1),
      message: `Frontmatter is not valid YAML (${error.code.toLowerCase().replace(/_/g, ' ')}, line ${yamlText.slice(0, s).split(/\r\n|\r|\n/).length} of the frontmatter); roster and session fields could not be read.`,
    });
  }
  if (doc.errors.length > 0) return;
  const contents = doc.contents;
  if (contents === null || contents === undefined) {
    note.frontmatter = {};
    return;
  }
  if (!isMap(contents)) {
    const [s, , e] = (contents as YamlNode).range ?? [0, 0, 1];
    note.problems.push({ start: valueStart + s, end: valueStart + e, message: 'Frontmatter must be a mapping of fields (key: value).' });
    return;
  }
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: 50 }) as Record<string, unknown>;
  } catch {
    // the yaml package refuses aliases that would expand to a huge value (an "alias bomb")
    note.problems.push({ start: valueStart, end: valueStart + Math.max(1, yamlText.length), message: 'Frontmatter repeats its aliases (*name) too often to be read (they would expand to a huge value); roster and session fields could not be read.' });
    return;
  }
  note.frontmatter = data;
  note.staff = staffOf(data);

  const membersNode = contents.get('members', true);
  if (membersNode === undefined) return;
  const span = (node: unknown): Span => {
    const range = (node as YamlNode | undefined)?.range;
    return range ? { start: valueStart + range[0], end: valueStart + range[1] } : { start: valueStart, end: valueStart + 1 };
  };
  if (!isSeq(membersNode)) {
    note.problems.push({ ...span(membersNode), message: '`members` must be a list of members (each with id and name).' });
    return;
  }
  if (membersNode.items.length > MAX_MEMBERS) {
    note.problems.push({ ...span(membersNode), message: `\`members\` lists ${membersNode.items.length} entries; a roster of more than ${MAX_MEMBERS} is not one group session, so it was not read. List only this session's members.` });
    return;
  }
  const seenIds = new Map<string, number>();
  membersNode.items.forEach((item, index) => {
    let member: Member | null = null;
    if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) {
      member = makeMember({ name: String(item.value) });
    } else if (isMap(item)) {
      member = memberFromEntry(item.toJSON() as Record<string, unknown>);
    }
    if (!member) {
      note.problems.push({ ...span(item), message: `Member ${index + 1} in \`members\` has neither a name nor an id.` });
      return;
    }
    if (member.id) {
      if (seenIds.has(member.id)) {
        note.problems.push({ ...span(item), message: `Member id ${member.id} appears twice in \`members\`.` });
        return;
      }
      seenIds.set(member.id, index);
    }
    note.roster.push(member);
  });
}

const STAFF_KEYS = ['facilitator', 'co-facilitator', 'cofacilitator', 'co_facilitator', 'provider', 'clinician', 'facilitators'];

function staffOf(data: Record<string, unknown>): string[] {
  const staff: string[] = [];
  for (const key of STAFF_KEYS) {
    const value = data[key];
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'string' && v.trim()) staff.push(v.split(',')[0].trim());
      else if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') staff.push((v as { name: string }).name);
    }
  }
  return staff;
}

/**
 * The roster from the values of a simple frontmatter, or null when it has a problem to report
 * (not a list, too long, an entry without name and id, an id twice): those are reported with
 * their ranges by the yaml package's path.
 */
function rosterOf(members: unknown): Member[] | null {
  if (members === undefined) return [];
  if (!Array.isArray(members) || members.length > MAX_MEMBERS) return null;
  const roster: Member[] = [];
  const ids = new Set<string>();
  for (const item of members) {
    const member =
      typeof item === 'string' || typeof item === 'number'
        ? makeMember({ name: String(item) })
        : item !== null && typeof item === 'object' && !Array.isArray(item)
          ? memberFromEntry(item as Record<string, unknown>)
          : null;
    if (!member || (member.id && ids.has(member.id))) return null;
    if (member.id) ids.add(member.id);
    roster.push(member);
  }
  return roster;
}

/** A member from a roster entry written as a mapping, or null when it has neither name nor id. */
function memberFromEntry(raw: Record<string, unknown>): Member | null {
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() || null : null);
  const aliasesRaw = raw['aliases'] ?? raw['alias'] ?? raw['nicknames'];
  const aliases = (Array.isArray(aliasesRaw) ? aliasesRaw : aliasesRaw == null ? [] : [aliasesRaw]).map(str).filter((a): a is string => !!a);
  const member = makeMember({
    id: str(raw['id'] ?? raw['mrn']),
    name: str(raw['name']),
    aliases,
    attendance: str(raw['attendance'] ?? raw['status']) ?? 'present',
    dob: str(raw['dob'] ?? raw['date_of_birth'] ?? raw['birthdate']),
    phone: str(raw['phone']),
    email: str(raw['email']),
  });
  return member.id || member.name ? member : null;
}

function makeMember(fields: Partial<Member> & { name?: string | null; id?: string | null }): Member {
  const id = fields.id ?? null;
  const name = fields.name ?? null;
  return {
    key: id ?? name ?? '?',
    id,
    name,
    aliases: fields.aliases ?? [],
    attendance: fields.attendance ?? 'present',
    dob: fields.dob ?? null,
    phone: fields.phone ?? null,
    email: fields.email ?? null,
    fromRoster: fields.fromRoster ?? true,
  };
}

// ---------------------------------------------------------------------------------------------
// Sections

// Headings that name a part of the note rather than a member.
const NON_MEMBER_HEADING =
  /^(?:group|session|shared|summary|overview|attendance|signatures?|signed|sign-?off|interventions?|plans?|notes?|facilitators?|co-?facilitators?|staff|roster|members\b|participants\b|focus|topics?|themes?|agenda|check-?in|closing|wrap-?up|homework|risk|diagnos\w*|billing|time|location|format|content|process|goals?\b|objectives?\b|introduction|purpose|modality|treatment|psychoeducation|skills?|review|follow-?up|next steps|addendum|other|absent|present|date)\b/i;

// A paragraph that is the clinician's signature ends the member sections.
const SIGNATURE_PARAGRAPH =
  /^\s*(?:(?:\*\*|__)\s*)?(?:signed|signature|e-?signed|electronically signed|attested)\b|\belectronically signed\b|,\s*(?:LCSW|LICSW|LPC|LPCC|LCPC|LMHC|LMFT|LCADC|CADC|PhD|PsyD|MD|DO|NP|PMHNP|RN|MSW)\b[^\r\n]*\bsigned\b/i;

interface HeadingInfo {
  depth: number;
  start: number;
  end: number;
  text: string;
}

function buildSections(note: GroupNote, blocks: TopBlock[], bom: number): void {
  const headings: HeadingInfo[] = [];
  const headingOf = new Map<TopBlock, HeadingInfo>();
  for (const block of blocks) {
    if (block.type !== 'heading') continue;
    const info = { depth: block.depth, start: block.start + bom, end: block.end + bom, text: block.text };
    headings.push(info);
    headingOf.set(block, info);
  }

  // Which headings open a member section, and for whom.
  const memberOf = new Map<HeadingInfo, Member>();
  if (headings.length > MAX_HEADINGS) {
    note.problems.push({ start: headings[0].start, end: headings[0].end, message: `The note has ${headings.length} headings; a note with more than ${MAX_HEADINGS} is not split into member sections, so no member's section was checked. Write one note per session.` });
    headings.length = 0;
  }
  const rosterSize = note.roster.length;
  const isCandidate = (h: HeadingInfo) => h.depth >= 2 && !NON_MEMBER_HEADING.test(h.text) && !labelKind(h.text.replace(/:$/, '')) && tokenize(h.text).length > 0;
  const derive = (h: HeadingInfo) => {
    const member = memberFromHeading(h.text);
    const existing = note.roster.find((m) => m.key === member.key);
    memberOf.set(h, existing ?? member);
    if (!existing) note.roster.push(member);
  };
  if (note.roster.length > 0) {
    const phraseWords = phraseWordsOfNote();
    const memberLevelMatch = headings.some((o) => o.depth >= 2 && matchHeadingToRoster(o.text, note.roster, phraseWords));
    for (const h of headings) {
      if (h.depth < 2 && memberLevelMatch) continue;
      const m = matchHeadingToRoster(h.text, note.roster, phraseWords);
      if (m) memberOf.set(h, m);
    }
    // A heading at the member level that names nobody on the roster is still someone's section
    // (a misspelt name, a member missing from the roster): never let it pass as shared text.
    if (memberOf.size > 0) {
      const depth = Math.min(...[...memberOf.keys()].map((h) => h.depth));
      for (const h of headings) if (!memberOf.has(h) && h.depth === depth && isCandidate(h)) derive(h);
    } else {
      // A roster whose members no heading names ("## Member One", "## Client 1" with names in the
      // roster): the headings still open sections, reported by member-section-missing, rather than
      // all text becoming shared text that names every member.
      const candidates = headings.filter(isCandidate);
      const depth = Math.min(...candidates.map((h) => h.depth));
      if (candidates.filter((h) => h.depth === depth).length >= 2) for (const h of candidates) if (h.depth === depth) derive(h);
    }
  } else {
    const candidates = headings.filter(isCandidate);
    const depth = Math.min(...candidates.map((h) => h.depth));
    for (const h of candidates) if (h.depth === depth) derive(h);
  }
  const sectionMembers = new Set(memberOf.values()).size;
  if (sectionMembers > MAX_MEMBERS) {
    const first = [...memberOf.keys()][0];
    note.problems.push({ start: first.start, end: first.end, message: `The note has sections for ${sectionMembers} members; more than ${MAX_MEMBERS} is not one group session, so no member's section was checked. Write one note per session.` });
    memberOf.clear();
    note.roster.length = rosterSize;
  }
  const memberDepth = Math.min(...[...memberOf.keys()].map((h) => h.depth));

  // past the parse budget nothing is checked: sections and shared text end where parsing stopped
  const textEnd = note.unparsedFrom ?? note.text.length;
  const contentStart = note.frontmatterSpan ? note.frontmatterSpan.end : bom;
  let current: { member: Member; heading: HeadingInfo } | null = null;
  let sharedStart: number | null = contentStart;
  const closeSection = (end: number) => {
    if (!current) return;
    const bodyStart = current.heading.end;
    const section: MemberSection = {
      start: current.heading.start,
      end,
      member: current.member,
      heading: { start: current.heading.start, end: current.heading.end },
      body: { start: bodyStart, end },
      fields: readFields(note.text, bodyStart, end, headings.filter((h) => h.start >= bodyStart && h.end <= end).map((h) => ({ start: h.start, end: h.end }))),
    };
    note.sections.push(section);
    current = null;
  };
  const closeShared = (end: number) => {
    if (sharedStart !== null && end > sharedStart) note.shared.push({ start: sharedStart, end });
    sharedStart = null;
  };

  for (const block of blocks) {
    if (block.type === 'yaml') continue;
    const start = block.start + bom;
    if (block.type === 'heading') {
      const info = headingOf.get(block)!;
      const member = memberOf.get(info);
      if (member) {
        closeSection(start);
        closeShared(start);
        current = { member, heading: info };
        continue;
      }
      if (current && block.depth <= memberDepth) {
        closeSection(start);
        sharedStart = start;
      }
      continue;
    }
    if (current && (block.type === 'thematicBreak' || (block.type === 'paragraph' && SIGNATURE_PARAGRAPH.test(note.text.slice(start, block.end + bom))))) {
      closeSection(start);
      sharedStart = start;
    }
  }
  closeSection(trimEnd(note.text, textEnd));
  closeShared(textEnd);
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

const ID_IN_TEXT = /\b(?:MRN|ID|#)?[-:\s#]*([A-Z]{0,4}-?\d{3,}[A-Z0-9-]*)\b/i;
const GENERIC_PREFIX = /^(?:member|client|patient|participant|pt)\b[\s:.-]*/i;

/** A member for a heading when the note has no roster: "Maria Lopez (3391)", "Client A", "J.R.". */
export function memberFromHeading(text: string): Member {
  let name = text.replace(/(?<!\s)\s*[—–-]\s*(?:present|absent|late|left early).*$/i, '').trim();
  let id: string | null = null;
  const paren = /\(([^()]*)\)\s*$/.exec(name);
  if (paren && /\d/.test(paren[1])) {
    id = paren[1].replace(/^(?:id|mrn)[:\s#-]*/i, '').trim() || null;
    name = name.slice(0, paren.index).trim();
  }
  if (/^(?:MRN[-\s#:]*)?\d[\w-]*$/i.test(name) || /^MRN[-\s#:]*\d/i.test(name)) {
    id = id ?? name;
    name = '';
  } else if (!id) {
    const m = ID_IN_TEXT.exec(name);
    if (m && /\d{3,}/.test(m[1])) {
      id = m[1];
      name = (name.slice(0, m.index) + name.slice(m.index + m[0].length)).replace(/(?<![\s,:;—–-])[\s,:;—–-]+$/, '').trim();
    }
  }
  // drop a trailing colon or full stop, but keep the last dot of initials ("J.R.")
  name = name.replace(/:$/, '').replace(/(?<!(?:^|[.\s])\p{Lu})\.$/u, '').trim();
  return makeMember({ id, name: name || null, fromRoster: false });
}

/** The compared forms (bareWord) of the words of a roster id, name or alias. */
type PhraseWords = (phrase: string) => readonly string[];

/**
 * PhraseWords for one note, each phrase worked out once: every heading is matched against every
 * roster entry's id, name and aliases.
 */
function phraseWordsOfNote(): PhraseWords {
  const known = new Map<string, readonly string[]>();
  return (phrase) => {
    let words = known.get(phrase);
    if (!words) known.set(phrase, (words = tokenize(phrase).map((t) => bareWord(t.text))));
    return words;
  };
}

function matchHeadingToRoster(headingText: string, roster: Member[], phraseWords: PhraseWords): Member | undefined {
  const headingBare = tokenize(headingText).map((t) => bareWord(t.norm.replace(/'s$/, '')));
  const joined = ` ${headingBare.join(' ')} `;
  const has = (phrase: string | null) => {
    if (!phrase) return false;
    const words = phraseWords(phrase);
    return words.length > 0 && joined.includes(` ${words.join(' ')} `);
  };
  let best: Member | undefined;
  let bestScore = 0;
  let tie = false;
  const headingWithoutGeneric = headingText.replace(GENERIC_PREFIX, '').replace(/\([^()]*\)/g, '').trim();
  const headingWords = tokenize(headingWithoutGeneric).map((t) => bareWord(t.text)).join(' ');
  for (const m of roster) {
    let score = 0;
    if (m.id && (has(m.id) || has(m.id.replace(/^\D+/, '')))) score = 4;
    else if (m.name && has(m.name)) score = 3;
    // an alias matches with or without its generic prefix ("Client C" heading for alias "Client C")
    else if (m.aliases.some((a) => phraseWords(a).join(' ') === headingWords || tokenize(a.replace(GENERIC_PREFIX, '')).map((t) => bareWord(t.text)).join(' ') === headingWords)) score = 2;
    else if (m.name && phraseWords(m.name).length > 0 && m.aliases.some((a) => headingWords === `${bareWord(a)} ${phraseWords(m.name!).at(-1)}`)) score = 2; // "Peggy Shaw" for Margaret Shaw (Peggy)
    else if (m.name && phraseWords(m.name).length > 1 && m.aliases.some((a) => headingWords === `${bareWord(a)} ${phraseWords(m.name!).at(-1)![0]}`)) score = 2; // "Sunny C." for Sun-hee Cho (Sunny)
    else if (m.name) {
      const parts = phraseWords(m.name);
      const first = parts[0];
      const last = parts[parts.length - 1];
      if (parts.length > 1 && headingWords === `${first} ${last[0]}`) score = 2; // "Maria L."
      else if (parts.length > 1 && (first === headingWords || last === headingWords)) score = 1;
      else if (parts.length > 1 && headingWords === `${first[0]} ${last[0]}`) score = 1; // "M.L."
      else if (parts.length > 2 && headingWords === parts.map((p) => p[0]).join(' ')) score = 1; // "A.B.S." of three names
    }
    if (score > bestScore) {
      best = m;
      bestScore = score;
      tie = false;
    } else if (score > 0 && score === bestScore) tie = true;
  }
  return tie ? undefined : best;
}

// ---------------------------------------------------------------------------------------------
// Fields inside a member section

function readFields(text: string, start: number, end: number, subheadings: Span[]): Field[] {
  const body = text.slice(start, end);
  const labels: { start: number; end: number; label: string; kind: FieldKind }[] = [];
  const pushLabel = (m: RegExpExecArray) => {
    const label = m[1].replace(/\s+/g, ' ');
    const kind = labelKind(label);
    if (!kind) return;
    let labelStart = start + m.index + m[0].indexOf(m[1]);
    // the range of a bold label includes its asterisks: "**Response:**"
    if (/^(?:\*\*|__)$/.test(text.slice(labelStart - 2, labelStart))) labelStart -= 2;
    // a SOAP "Objective:" followed by a number is a plan objective, not a field label
    if (/^objective$/i.test(label) && /^\s*\d/.test(text.slice(start + m.index + m[0].length, start + m.index + m[0].length + 4))) return;
    labels.push({ start: labelStart, end: start + m.index + m[0].length, label: m[1], kind });
  };
  LINE_LABEL_RE.lastIndex = 0;
  for (let m = LINE_LABEL_RE.exec(body); m; m = LINE_LABEL_RE.exec(body)) {
    // "... he already knows his\nplan: meetings, sponsor": a lower-case word that continues a
    // sentence wrapped across lines is not a label
    if (/^\p{Ll}/u.test(m[1]) && previousLineRunsOn(body, m.index)) {
      if (m[0].length === 0) LINE_LABEL_RE.lastIndex++;
      continue;
    }
    pushLabel(m);
    if (m[0].length === 0) LINE_LABEL_RE.lastIndex++;
  }
  INLINE_LABEL_RE.lastIndex = 0;
  for (let m = INLINE_LABEL_RE.exec(body); m; m = INLINE_LABEL_RE.exec(body)) {
    // "Obj. B:", "Goal I:": a one-letter label after a goal notation's abbreviation is the goal's letter
    if (m[1].length === 1 && GOAL_ABBREVIATION_BEFORE.test(body.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (!labels.some((l) => l.start <= start + m!.index && start + m!.index < l.end)) pushLabel(m);
  }
  // A bold label at the start of a line that is not in the vocabulary ("**Mood (start/end):**")
  // still opens a field of its own, so its text is not read as part of the field before it.
  UNKNOWN_BOLD_LABEL_RE.lastIndex = 0;
  for (let m = UNKNOWN_BOLD_LABEL_RE.exec(body); m; m = UNKNOWN_BOLD_LABEL_RE.exec(body)) {
    const labelStart = start + m.index + m[0].indexOf('**');
    if (!labels.some((l) => Math.abs(l.start - labelStart) <= 2)) labels.push({ start: labelStart, end: start + m.index + m[0].length, label: m[1], kind: 'other' });
  }
  // So does a list item that opens with a label of its own in a list of fields ("- Notes: ...",
  // "- Unexpected events: None."): a form's free-text item is not part of the ticked item before it.
  UNKNOWN_LIST_LABEL_RE.lastIndex = 0;
  for (let m = UNKNOWN_LIST_LABEL_RE.exec(body); m; m = UNKNOWN_LIST_LABEL_RE.exec(body)) {
    const labelStart = start + m.index + m[0].indexOf(m[1]);
    // ... read like narrative, unless the label names a goal, a plan or the topic ("- Group goals today: ...")
    if (labels.length > 0 && !labels.some((l) => Math.abs(l.start - labelStart) <= 4)) labels.push({ start: labelStart, end: start + m.index + m[0].length, label: m[1], kind: /\b(?:goals?|aims?|objectives?|plans?|topics?|focus|themes?|agenda|targets?)\b/i.test(m[1]) ? 'other' : 'narrative' });
  }
  // A subheading that is not a known label still ends the field before it.
  for (const h of subheadings) {
    if (!labels.some((l) => l.start >= h.start && l.start < h.end)) {
      labels.push({ start: h.start, end: h.end, label: text.slice(h.start, h.end).replace(/^#+\s*/, ''), kind: 'other' });
    }
  }
  labels.sort((a, b) => a.start - b.start);
  // PIE / PIRP: a "P:" before the Intervention field is the Problem, not the Plan
  let lastIntervention = -1;
  labels.forEach((l, i) => {
    if (l.kind === 'interventions') lastIntervention = i;
  });
  labels.forEach((l, i) => {
    if (i < lastIntervention && /^p$/i.test(l.label) && l.kind === 'plan') l.kind = 'other';
  });

  const fields: Field[] = [];
  const firstLabelStart = labels.length ? lineStartOf(text, labels[0].start, start) : end;
  if (/\S/.test(text.slice(start, firstLabelStart))) {
    fields.push({ kind: 'narrative', label: null, labelSpan: null, start, end: firstLabelStart, content: { start, end: firstLabelStart } });
  }
  labels.forEach((l, i) => {
    const next = labels[i + 1];
    const fieldEnd = next ? lineStartOf(text, next.start, l.end) : end;
    // "Interventions: psychoeducation, role-play, pair work." on a line of its own, then prose: a
    // template's stock line; the prose under it is the member's narrative, not the clinician's field
    const listEnd = l.kind === 'interventions' ? stockListLineEnd(text, l.end, fieldEnd) : -1;
    if (listEnd > 0) {
      fields.push({ kind: l.kind, label: l.label, labelSpan: { start: l.start, end: l.end }, start: l.start, end: listEnd, content: { start: l.end, end: listEnd } });
      fields.push({ kind: 'narrative', label: null, labelSpan: null, start: listEnd, end: fieldEnd, content: { start: listEnd, end: fieldEnd } });
      return;
    }
    fields.push({ kind: l.kind, label: l.label, labelSpan: { start: l.start, end: l.end }, start: l.start, end: fieldEnd, content: { start: l.end, end: fieldEnd } });
  });
  return fields;
}

/**
 * Where a field's first line ends when that line is a list of named items ("psychoeducation,
 * activity scheduling, pair work.") and prose that opens with a capital follows on the next line; else -1.
 */
function stockListLineEnd(text: string, from: number, to: number): number {
  const lineEnd = text.indexOf('\n', from);
  if (lineEnd < 0 || lineEnd + 1 >= to) return -1;
  const line = text.slice(from, lineEnd).trim();
  if (!/^[\p{L}][\p{L}\d '’/()-]{0,40}(?:,[ \t]{0,4}[\p{L}\d][\p{L}\d '’/()-]{0,40}){2,}\.?$/u.test(line)) return -1;
  return /^[ \t]{0,8}\p{Lu}/u.test(text.slice(lineEnd + 1, to)) ? lineEnd + 1 : -1;
}

/**
 * The line before the one starting at `lineStart` ends in a word, a number or a comma: a sentence
 * wrapped across lines runs on. (Read back from the line start only, not by splitting the section.)
 */
function previousLineRunsOn(body: string, lineStart: number): boolean {
  let k = lineStart;
  if (body[k - 1] === '\n') k--;
  if (body[k - 1] === '\r') k--;
  while (k > 0 && (body[k - 1] === ' ' || body[k - 1] === '\t')) k--;
  return k > 0 && /[\p{L}\d,]$/u.test(body.slice(Math.max(0, k - 2), k));
}

const GOAL_ABBREVIATION_BEFORE = /\b(?:obj|objs|goal|prob|problem|no|tp|tx|isp|stg|ltg|dx)\.?[ \t]+$/i;

// (not "- She said: ...": a sentence that introduces a quote)
const UNKNOWN_LIST_LABEL_RE = /^[ \t]{0,8}[-*+][ \t]{1,4}(?!(?:She|He|They|We|I|It|You|Client|Member|Patient)\b)(\p{Lu}\p{Ll}{1,20}(?: (?!(?:said|says|asked|asks|stated|states|wrote|writes|added|adds|replied|told|tells|reported|reports)\b)\p{Ll}{1,20}){0,2}):[ \t]+(?=\S)/gmu;
const UNKNOWN_BOLD_LABEL_RE = /^[ \t]*(?:[-*+][ \t]+)?\*\*([^*\n]{1,40}?)(?::\*\*|\*\*[ \t]*:)/gm;

/** Start of the label's line when the label begins the line (so markers stay with it), else the label itself. */
function lineStartOf(text: string, offset: number, floor: number): number {
  let i = offset;
  while (i > floor && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return /^[ \t>*_#+\-\d.)]*$/.test(text.slice(i, offset)) ? i : offset;
}
