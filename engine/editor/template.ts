// A new group note from a roster, and the roster of an existing note (to start next week's note
// from last week's). The template's placeholders are what the rules report as placeholders, so
// an untouched template fails participation-missing, response-missing and
// treatment-plan-link-missing for every member until the clinician fills it in.
//
// This module only builds strings; it never logs or prints note text.

import { Document, Scalar } from 'yaml';
import { parseNote } from '../facts/note.js';

export interface TemplateMember {
  id?: string;
  /** full name; may be empty for a member known only by id */
  name: string;
  aliases?: string[];
  /** optional contact details, matched in other members' sections (see docs/note-format.md) */
  dob?: string;
  phone?: string;
  email?: string;
}

export interface TemplateOptions {
  /** date of service, e.g. 2026-03-18 */
  date: string;
  members: TemplateMember[];
  /** leading clinician with credentials, e.g. "Dana Whitfield, LCSW" */
  facilitator?: string | string[];
  coFacilitator?: string | string[];
  group?: string;
  /** "HH:MM" */
  start?: string;
  end?: string;
  /** in-person or telehealth */
  setting?: string;
}

/** The session facts and roster of an existing note, ready for buildGroupNoteTemplate. */
export type NoteRoster = Omit<TemplateOptions, 'date'>;

// Placeholders: each one alone in its field, in brackets, so isPlaceholder() reads it as empty,
// and shorter than the copy-paste rule's minimum sentence so identical ones are not "copies".
// None names a goal number, or the untouched template would pass treatment-plan-link-missing.
export const FIELD_PLACEHOLDERS = {
  participation: '[what they said and did]',
  interventions: '[techniques used with them]',
  response: '[how they responded]',
  treatmentPlan: '[goal or objective addressed]',
  plan: '[next steps]',
} as const;

const PLACEHOLDER = /^\s*\[[^\]]*\]\s*$/;
const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Characters that would turn a name into Markdown syntax inside a heading. */
function headingEscape(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
}

function quoted(value: string): Scalar {
  const node = new Scalar(value);
  node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

function minutesBetween(start?: string, end?: string): number | null {
  const parse = (t?: string) => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(clean(t));
    return m ? Number(m[1]) * 60 + Number(m[2]) : null;
  };
  const a = parse(start);
  const b = parse(end);
  return a !== null && b !== null && b > a ? b - a : null;
}

export function buildGroupNoteTemplate(options: TemplateOptions): string {
  const members = options.members
    .map((m) => ({ ...m, id: clean(m.id), name: clean(m.name), aliases: (m.aliases ?? []).map(clean).filter(Boolean) }))
    .filter((m) => m.id || m.name);
  const staff = (value: string | string[] | undefined) => {
    const list = (Array.isArray(value) ? value : [value]).map(clean).filter(Boolean);
    return list.length > 1 ? list : list[0];
  };

  const doc = new Document({});
  doc.set('note', 'group-psychotherapy');
  doc.set('cpt', 90853);
  doc.set('date', clean(options.date) || '[YYYY-MM-DD]');
  // times are written quoted, as docs/note-format.md asks ("14:00" is a number in YAML 1.1)
  doc.set('start', quoted(clean(options.start) || '[HH:MM]'));
  doc.set('end', quoted(clean(options.end) || '[HH:MM]'));
  doc.set('setting', clean(options.setting) || '[in-person or telehealth]');
  doc.set('group', clean(options.group) || '[group name]');
  doc.set('facilitator', staff(options.facilitator) ?? '[name, credentials]');
  const co = staff(options.coFacilitator);
  if (co) doc.set('co-facilitator', co);
  doc.set(
    'members',
    members.map((m) => {
      const entry: Record<string, unknown> = {};
      if (m.id) entry['id'] = m.id;
      if (m.name) entry['name'] = m.name;
      if (m.aliases.length) entry['aliases'] = m.aliases;
      for (const key of ['dob', 'phone', 'email'] as const) if (clean(m[key])) entry[key] = clean(m[key]);
      entry['attendance'] = 'present';
      return entry;
    }),
  );
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false });

  const minutes = minutesBetween(options.start, options.end);
  const lines: string[] = [
    '---',
    yaml.replace(/\n$/, ''),
    '---',
    '',
    '# Group session',
    '',
    '**Focus:** [topic and skills covered]',
    `**Format:** ${clean(options.setting) || '[in-person or telehealth]'}, ${minutes ?? '[minutes]'} minutes, [number present] of ${members.length} enrolled members present.`,
    '**Interventions used across the group:** [interventions used with the whole group]',
  ];
  for (const m of members) {
    const heading = m.name ? (m.id ? `${m.name} (${m.id})` : m.name) : m.id;
    lines.push(
      '',
      `## ${headingEscape(heading)}`,
      '',
      `**Participation:** ${FIELD_PLACEHOLDERS.participation}`,
      '',
      `**Interventions:** ${FIELD_PLACEHOLDERS.interventions}`,
      '',
      `**Response:** ${FIELD_PLACEHOLDERS.response}`,
      '',
      `**Treatment plan:** ${FIELD_PLACEHOLDERS.treatmentPlan}`,
      '',
      `**Plan:** ${FIELD_PLACEHOLDERS.plan}`,
    );
  }
  lines.push('', '---', 'Signed: [name, credentials, date and time]', '');
  return lines.join('\n');
}

/**
 * The roster and session facts of an existing note. Nobody is skipped: absent members stay on
 * the roster (the template marks everyone present). Members come from the frontmatter roster;
 * a note without one gives the members named by its headings. Placeholders left in the source
 * ("[HH:MM]") are not carried over.
 */
export function rosterFromNote(text: string): NoteRoster {
  const note = parseNote(text, { forceGroupNote: true });
  const fm = note.frontmatter ?? {};
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? clean(String(v)) : '');
  const value = (v: unknown) => {
    const s = str(v);
    return s && !PLACEHOLDER.test(s) ? s : undefined;
  };
  const staff = (v: unknown): string | string[] | undefined => {
    const list = (Array.isArray(v) ? v : [v])
      .map((x) => (x && typeof x === 'object' && 'name' in x ? (x as { name: unknown }).name : x))
      .map(value)
      .filter((x): x is string => !!x);
    return list.length > 1 ? list : list[0];
  };

  const fromRoster = note.roster.filter((m) => m.fromRoster);
  const members = (fromRoster.length ? fromRoster : note.roster).map((m) => {
    const member: TemplateMember = { name: m.name ?? '' };
    if (m.id) member.id = m.id;
    if (m.aliases.length) member.aliases = [...m.aliases];
    if (m.dob) member.dob = m.dob;
    if (m.phone) member.phone = m.phone;
    if (m.email) member.email = m.email;
    return member;
  });

  const roster: NoteRoster = { members };
  const facilitator = staff(fm['facilitator'] ?? fm['facilitators']);
  const coFacilitator = staff(fm['co-facilitator'] ?? fm['cofacilitator'] ?? fm['co_facilitator']);
  const session = { group: value(fm['group']), start: value(fm['start']), end: value(fm['end']), setting: value(fm['setting']) };
  if (facilitator) roster.facilitator = facilitator;
  if (coFacilitator) roster.coFacilitator = coFacilitator;
  for (const [key, v] of Object.entries(session)) if (v) roster[key as keyof typeof session] = v;
  return roster;
}
