// fast-check generators for hardening tests: whole group notes (random rosters with apostrophes,
// hyphens, diacritics, combining accents and astral-plane letters; random sections, fields,
// leaks, disable comments), the bundled samples and corpus notes, and mutations of either
// (inserted and deleted characters, CRLF/CR line endings, a BOM, tabs, truncation).
// Plus a line/column oracle written independently of engine/parse/text.ts.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { LintOptions } from '../../engine/index.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Runs and seeds: one fixed seed by default, printed so that a failure can be replayed.

export const DEFAULT_SEED = 20260408;

export interface FuzzSettings {
  seed: number;
  numRuns: number;
  path?: string;
}

/**
 * Seed and number of runs: GROUPNOTE_FUZZ_SEED, GROUPNOTE_FUZZ_RUNS (the `npm run fuzz` count)
 * and GROUPNOTE_FUZZ_PATH (fast-check's replay path from a failure report).
 */
export function fuzzSettings(defaultRuns: number): FuzzSettings {
  const seed = Number(process.env.GROUPNOTE_FUZZ_SEED ?? DEFAULT_SEED);
  const runs = Number(process.env.GROUPNOTE_FUZZ_RUNS ?? defaultRuns);
  return {
    seed: Number.isFinite(seed) ? seed : DEFAULT_SEED,
    numRuns: Number.isFinite(runs) && runs > 0 ? Math.floor(runs) : defaultRuns,
    path: process.env.GROUPNOTE_FUZZ_PATH || undefined,
  };
}

export const isFuzzRun = () => process.env.GROUPNOTE_FUZZ_RUNS !== undefined;

/** Lets the vitest worker answer its RPC between cases: a long synchronous run makes it time out. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

// ---------------------------------------------------------------------------------------------
// Seed notes: samples/ and the labelled corpus

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(full));
    else if (entry.name.endsWith('.md') && !/^(?:README|SOURCES|RELABEL)\.md$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

export const sampleFiles = markdownFiles(join(repoRoot, 'samples'));
export const corpusFiles = markdownFiles(join(repoRoot, 'test/corpus'));
export const seedNotes: string[] = [...sampleFiles, ...corpusFiles].map((f) => readFileSync(f, 'utf8'));

// ---------------------------------------------------------------------------------------------
// Names

const ASCII_LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ASCII_UPPER = ASCII_LOWER.toUpperCase();
const PRECOMPOSED = 'áéíóúàèñçøåæßðþłżšžčřőűāēīōūăęėįųÿýœÁÉÍÓÚÑÇØÅÆÐÞŁŻŠŽČŘŐŰĀĒĪŌŪ';
const COMBINING = ['\u0301', '\u0300', '\u0308', '\u0327', '\u030C', '\u0303', '\u0323', '\u0306'];
// Letters outside the Basic Multilingual Plane (two UTF-16 code units each): Deseret,
// mathematical bold, CJK extension B, Osage.
const ASTRAL = ['𐐀', '𐐷', '𐐨', '𝐀', '𝐙', '𝒜', '𠀋', '𠁁', '𐒰', '𐓘', '𞤀', '𞤢'];
// Not letters: an emoji inside a name must not split ranges in half
const ASTRAL_SYMBOLS = ['😀', '🙂', '👩🏽', '🏳️‍🌈'];

const letter = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ASCII_LOWER) },
  { weight: 2, arbitrary: fc.constantFrom(...PRECOMPOSED) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...ASCII_LOWER), fc.constantFrom(...COMBINING)).map(([l, m]) => l + m) },
  { weight: 1, arbitrary: fc.constantFrom(...ASTRAL) },
);

const namePart = fc
  .tuple(
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...ASCII_UPPER) }, { weight: 1, arbitrary: fc.constantFrom(...ASTRAL) }, { weight: 1, arbitrary: fc.constantFrom('Á', 'Ø', 'Ł', 'Ž', 'E\u0301', 'O\u0308') }),
    fc.array(letter, { minLength: 1, maxLength: 8 }),
    fc.option(fc.tuple(fc.constantFrom("'", '’', '-'), fc.constantFrom(...ASCII_UPPER), fc.array(letter, { minLength: 1, maxLength: 6 })), { freq: 3 }),
  )
  .map(([first, rest, joined]) => first + rest.join('') + (joined ? joined[0] + joined[1] + joined[2].join('') : ''));

// Real-looking names with the hard cases, and generated ones.
const KNOWN_NAMES = [
  'Maria Lopez',
  "James O'Connor",
  'D’Angelo Brooks',
  'Ana-María Reyes-Morgan',
  'Zoë Åkesson',
  'Nguyễn Văn An',
  'Łukasz Żółć',
  'Søren Kierkegård',
  'Siobhán Ní Bhriain',
  'Jose\u0301 Nun\u0303ez',
  'Rene\u0301e Lavoie',
  '𝐀da Lovelace',
  '𠀋𠁁 Chen',
  '𐐷𐐨 Deseret',
  'Sam 😀 Lee',
  'J. R.',
  'Hope Grant',
  'Will May',
  'Mary-Kate O’Neil-Ó Briain',
  'Ævar Þórsson',
];

export const personName = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...KNOWN_NAMES) },
  { weight: 3, arbitrary: fc.array(namePart, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' ')) },
);

const memberId = fc.oneof(
  fc.integer({ min: 100, max: 99999 }).map(String),
  fc.integer({ min: 1000, max: 99999 }).map((n) => `MRN-${n}`),
  fc.integer({ min: 100, max: 999 }).map((n) => `C-${n}`),
  fc.constantFrom('A1', '7', 'x', ''),
);

export interface GenMember {
  name: string | null;
  id: string | null;
  aliases: string[];
  attendance: string | null;
  phone: string | null;
  dob: string | null;
  email: string | null;
}

const member: fc.Arbitrary<GenMember> = fc.record({
  name: fc.option(personName, { freq: 8 }),
  id: fc.option(memberId, { freq: 2 }),
  aliases: fc.array(fc.oneof(namePart, fc.constantFrom('Bea', 'Jim', 'Ray', 'Hope')), { maxLength: 2 }),
  attendance: fc.option(fc.constantFrom('present', 'absent', 'late', 'left-early', 'no-show', 'excused', 'weird'), { freq: 3 }),
  phone: fc.option(fc.constantFrom('555-123-4567', '(555) 987-6543', '+1 555 222 3333'), { freq: 6 }),
  dob: fc.option(fc.constantFrom('1951-03-09', '03/09/1951', '3/9/51', '2099-13-45'), { freq: 6 }),
  email: fc.option(fc.constantFrom('a.b@example.org', 'x+y@mail.example.com'), { freq: 6 }),
});

// ---------------------------------------------------------------------------------------------
// Frontmatter

const q = (s: string) => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar

function rosterYaml(members: GenMember[], style: number): string {
  return members
    .map((m) => {
      if (style === 1 && m.name) return `  - ${q(m.name)}`;
      if (style === 2) return `  - {${[m.id !== null ? `id: ${q(m.id)}` : '', m.name !== null ? `name: ${q(m.name)}` : ''].filter(Boolean).join(', ')}}`;
      const lines: string[] = [];
      if (m.id !== null) lines.push(`id: ${/^\d+$/.test(m.id) ? m.id : q(m.id)}`);
      if (m.name !== null) lines.push(`name: ${q(m.name)}`);
      if (m.aliases.length) lines.push(`aliases: [${m.aliases.map(q).join(', ')}]`);
      for (const key of ['attendance', 'phone', 'dob', 'email'] as const) if (m[key] !== null) lines.push(`${key}: ${q(m[key]!)}`);
      if (lines.length === 0) return '  - {}';
      return lines.map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)).join('\n');
    })
    .join('\n');
}

const frontmatterExtras = fc.array(
  fc.constantFrom(
    'date: 2026-03-04',
    'date: "03/04/2026"',
    'date: March 4, 2026',
    'date: [a]',
    'date: 2026-02-30',
    'start: "14:00"',
    'end: "15:30"',
    'start: 9:30am',
    'end: 1400',
    'minutes: 90',
    'setting: telehealth',
    'setting: in-person',
    'pos: 11',
    'pos: "02"',
    'modifiers: [95]',
    'modifiers: 95',
    'cpt: [90853, 90785]',
    'cpt: {x: 1}',
    'facilitator: Dana Whitfield, LCSW',
    'facilitator: [Rowan Ellery, LMFT, {name: Kim Ode}]',
    'co-facilitator: Lee Park',
    'group: DBT skills',
    'payer: medicaid',
    'payer: nonsense-payer',
    'diagnoses: [F41.1]',
    'signed: 2026-03-04 16:00',
    'members_count: 99',
    'note: 5',
  ),
  { maxLength: 8 },
);

const frontmatter = fc
  .record({
    kind: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('note: group-psychotherapy', 'cpt: 90853', 'note: group-psychotherapy\ncpt: 90853', 'note: Group', 'type: group', 'cpt: "90853"') },
      { weight: 1, arbitrary: fc.constantFrom('note: individual-psychotherapy', 'note: treatment-plan', 'note: member-note', '') },
    ),
    extras: frontmatterExtras,
    members: fc.array(member, { minLength: 0, maxLength: 12 }),
    style: fc.integer({ min: 0, max: 2 }),
    membersShape: fc.constantFrom('list', 'list', 'list', 'list', 'none', '5', '[1, null, {}]', '{a: 1}', '"text"', '[[x]]'),
    broken: fc.constantFrom('', '', '', '', 'members: [unclosed', 'key: : :', '\t- bad indent', 'x: &a [*a]', '? complex\n: key', 'dup: 1\ndup: 2'),
  })
  .map(({ kind, extras, members, style, membersShape, broken }) => {
    const lines: string[] = [kind, ...extras].filter(Boolean);
    if (membersShape === 'list') lines.push(members.length ? `members:\n${rosterYaml(members, style)}` : 'members: []');
    else if (membersShape !== 'none') lines.push(`members: ${membersShape}`);
    if (broken) lines.push(broken);
    return { yaml: `---\n${lines.join('\n')}\n---\n`, members: membersShape === 'list' ? members : [] };
  });

// ---------------------------------------------------------------------------------------------
// Body

const RULE_IDS = ['other-member-identifier', 'member-copy-paste', 'participation-missing', 'response-missing', 'treatment-plan-link-missing', 'disable-comment-invalid', 'frontmatter-invalid', 'no-such-rule'];

const disableComment = fc
  .tuple(fc.constantFrom('disable-next-line', 'disable-line', 'disable', 'enable', 'disable-file', 'disable-bogus'), fc.subarray(RULE_IDS, { maxLength: 3 }), fc.constantFrom('', ' -- sister, not a group member', ' --', ' -- '), fc.boolean())
  .map(([kind, ids, why, closed]) => `<!-- groupnote-${kind} ${ids.join(', ')}${why}${closed ? ' -->' : ''}`);

const STOCK = [
  'Was present and participated appropriately in group discussion.',
  'Client was engaged and attentive throughout the session.',
  'Verbalized understanding of the skills reviewed.',
  'Responded well to interventions.',
  'Continues to make progress toward treatment goals.',
  'N/A',
  'see above',
  'TBD',
  '[insert]',
  '',
];

const SPECIFIC = [
  'Described avoiding the grocery store for two weeks after a panic episode.',
  'Rated distress 8/10 before paced breathing and 5/10 after.',
  'Said the role-play "made it feel doable" and agreed to try it at home.',
  'Goal 1.2, reduce avoidance.',
  'Objective 2.1: use a distress skill before acting on urges.',
  'Treatment plan goal of sobriety; TP goal #3.',
  'When the facilitator suggested a cost-benefit list, she agreed to write one.',
  'Declined to share, then nodded when a peer described a similar fight.',
  'Arrived 15 minutes late and left early at 15:10.',
  'Time: 14:00-15:30 (90 min).',
  'Phone 555-123-4567; DOB 03/09/1951; email a.b@example.org.',
  'Her sister Grace drove her; in May she moved.',
  'Dr. Smith, e.g. the psychiatrist, adjusted meds (approx. 2 wks ago).',
  'Rated craving 7 -> 3 by the end of group.',
];

function sentenceArb(names: string[]): fc.Arbitrary<string> {
  const nameOrPlaceholder = names.length ? fc.constantFrom(...names) : fc.constant('a peer');
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SPECIFIC) },
    { weight: 2, arbitrary: fc.constantFrom(...STOCK) },
    { weight: 2, arbitrary: fc.tuple(nameOrPlaceholder, fc.constantFrom(' said ', ' offered ', '’s ', ' and ', ', ')).map(([n, glue]) => `Talked with ${n}${glue}about the week.`) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constantFrom(...ASTRAL_SYMBOLS, '\t', 'e\u0301\u0301\u0301', '\u200b', '\u202e', '…', '“quoted”') },
  );
}

const LABELS = [
  '**Participation:** ',
  '- Participation: ',
  'Participation: ',
  '### Participation\n\n',
  '**Response:** ',
  'R: ',
  'Response to interventions: ',
  '**Treatment plan:** ',
  'Goals addressed: ',
  '**Plan:** ',
  'P: ',
  'S: ',
  'O: ',
  'A: ',
  'D: ',
  'B: ',
  'I: ',
  '**Interventions:** ',
  '**Mood (start/end):** ',
  '> Response: ',
  '1. Response: ',
  '__Response__: ',
  'Risk: ',
  '',
];

function headingFor(m: GenMember, index: number): fc.Arbitrary<string> {
  const options = [`## Member ${index + 1}`, `## Client ${String.fromCharCode(65 + (index % 26))}`];
  if (m.name) options.push(`## ${m.name}`, `### ${m.name}`, `# ${m.name}`, `## ${m.name.split(' ')[0]}`, `## **${m.name}** — late`);
  if (m.name && m.id) options.push(`## ${m.name} (${m.id})`);
  if (m.id) options.push(`## ${m.id}`, `## MRN ${m.id}`);
  for (const a of m.aliases) options.push(`### ${a}`);
  return fc.constantFrom(...options);
}

function sectionArb(m: GenMember, index: number, names: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      headingFor(m, index),
      fc.array(fc.tuple(fc.constantFrom(...LABELS), fc.array(sentenceArb(names), { minLength: 0, maxLength: 4 }), fc.constantFrom(' ', '\n', '\n\n', '  \n')), { maxLength: 6 }),
      fc.option(disableComment, { freq: 4 }),
      fc.constantFrom('\n\n', '\n', '\n\n---\n\n', '\n\n***\n\n'),
    )
    .map(([heading, fields, comment, end]) => {
      const body = fields.map(([label, sentences, glue]) => label + sentences.join(glue)).join('\n\n');
      return `${comment ? `${comment}\n` : ''}${heading}\n\n${body}${end}`;
    });
}

const sharedSection = fc
  .tuple(
    fc.option(fc.constantFrom('# Group session', '# ', '#Group', 'Group summary\n============='), { freq: 2 }),
    fc.array(fc.constantFrom('**Focus:** distress tolerance.', 'Format: in person, 90 minutes, 3 of 4 enrolled members present.', 'Topic: relapse prevention.', '**Interventions used across the group:** thought records.', 'Attendance: 5 of 6.', '| a | b |\n| - | - |\n| 1 | 2 |', '```\ncode block\n```', '<div>html</div>', '- list\n  - nested\n    - deeper', '> quote\n> > nested quote', '[link](http://example.invalid)', '![img](x.png)'), { maxLength: 4 }),
  )
  .map(([title, lines]) => [title, ...lines].filter(Boolean).join('\n\n'));

const signature = fc.constantFrom('', 'Signed: Dana Whitfield, LCSW, 2026-03-04 16:05', 'Electronically signed by Rowan Ellery, LMFT', '---\n*Signature:* ____', '**Signed:**');

export interface GeneratedNote {
  text: string;
  members: GenMember[];
}

/** A whole note: frontmatter (sometimes none), shared section, member sections, signature. */
export const generatedNote: fc.Arbitrary<GeneratedNote> = frontmatter.chain(({ yaml, members }) => {
  const names = members.flatMap((m) => [m.name, m.id, ...m.aliases]).filter((n): n is string => !!n);
  // Without a roster, sections come from headings: still give them people to name.
  const sectionMembers = members.length ? members : [{ name: 'Ana Silva', id: null, aliases: [], attendance: null, phone: null, dob: null, email: null }, { name: 'Ben Cole', id: '4521', aliases: [], attendance: null, phone: null, dob: null, email: null }];
  return fc
    .tuple(
      fc.oneof({ weight: 6, arbitrary: fc.constant(yaml) }, { weight: 1, arbitrary: fc.constant('') }),
      sharedSection,
      fc.shuffledSubarray(sectionMembers.map((m, i) => [m, i] as const), { minLength: 0 }),
      fc.option(fc.tuple(fc.nat({ max: 3 }), disableComment), { freq: 3 }),
      signature,
    )
    .chain(([fm, shared, chosen, comment, sig]) =>
      fc.tuple(fc.constant(fm), fc.constant(shared), chosen.length ? fc.tuple(...chosen.map(([m, i]) => sectionArb(m, i, names.length ? names : ['Ana Silva', 'Ben Cole', '4521']))) : fc.constant([] as string[]), fc.constant(comment), fc.constant(sig)),
    )
    .map(([fm, shared, sections, comment, sig]) => {
      const parts = [fm, shared, ...sections, sig];
      if (comment) parts.splice(Math.min(comment[0], parts.length), 0, comment[1]);
      return { text: parts.join('\n\n'), members };
    });
});

// ---------------------------------------------------------------------------------------------
// Mutations

const INSERTS = ['\r', '\n', '\r\n', '\t', '\u0000', '\ufeff', '\ud83d', '\ude00', '\u0301', '😀', '𝐀', '---\n', '\n---\n', '## ', '### Zed\n', '**', '<!--', '-->', '`', '```\n', '> ', '- ', '1. ', '\\', ':', '"', "'", '’', '\u2028', '\u0085', ' \u00a0', '\r\r\n\n'];

type Mutation = (text: string) => string;

const at = (text: string, fraction: number) => Math.floor(fraction * (text.length + 1));
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fraction, fc.oneof(fc.constantFrom(...INSERTS), fc.string({ unit: 'binary', maxLength: 6 }))).map(([f, s]): Mutation => (t) => t.slice(0, at(t, f)) + s + t.slice(at(t, f))) },
  { weight: 3, arbitrary: fc.tuple(fraction, fc.integer({ min: 1, max: 60 })).map(([f, n]): Mutation => (t) => t.slice(0, at(t, f)) + t.slice(at(t, f) + n)) },
  { weight: 1, arbitrary: fc.constant<Mutation>((t) => t.replace(/\r\n|\r|\n/g, '\r\n')) },
  { weight: 1, arbitrary: fc.constant<Mutation>((t) => t.replace(/\r\n|\r|\n/g, '\r')) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 30 }).map((n): Mutation => (t) => { let i = n; return t.replace(/\r\n|\r|\n/g, () => ['\n', '\r\n', '\r'][i++ % 3]); }) },
  { weight: 1, arbitrary: fc.constant<Mutation>((t) => `\ufeff${t}`) },
  { weight: 1, arbitrary: fc.constant<Mutation>((t) => t.replace(/^( {2}|    )/gm, '\t')) },
  { weight: 1, arbitrary: fc.constant<Mutation>((t) => t.replace(/ /g, (s, i: number) => (i % 7 === 0 ? '\t' : s))) },
  { weight: 2, arbitrary: fraction.map((f): Mutation => (t) => t.slice(0, at(t, f))) },
  { weight: 1, arbitrary: fc.tuple(fraction, fraction).map(([a, b]): Mutation => (t) => { const [s, e] = [at(t, Math.min(a, b)), at(t, Math.max(a, b))]; return t.slice(0, e) + t.slice(s, e) + t.slice(e); }) },
  { weight: 1, arbitrary: fc.constant<Mutation>((t) => t.normalize('NFD')) },
);

export const mutations = fc.array(mutation, { maxLength: 4 });

export const lintOptions: fc.Arbitrary<LintOptions> = fc.record(
  {
    forceGroupNote: fc.boolean(),
    config: fc.record(
      {
        rules: fc.dictionary(fc.constantFrom(...RULE_IDS), fc.constantFrom('error', 'warning', 'info', 'off') as fc.Arbitrary<'error' | 'warning' | 'info' | 'off'>, { maxKeys: 3 }),
        options: fc.record({ copyPasteSimilarity: fc.double({ min: 0.5, max: 1, noNaN: true }), copyPasteMinWords: fc.integer({ min: 1, max: 12 }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

// ---------------------------------------------------------------------------------------------
// Nesting family: runs of one line whose prefix nests containers in each other (`> - > - x`, 16
// levels), the structure that made the Markdown parser's time grow with the square of the lines
// (issue 23), between member headings and other lines.

const CONTAINERS = ['> ', '- ', '* ', '+ ', '1. ', '2) ', '  ', '    ', '>', '\t', '> - '];
const NESTED_TEXT = ['x', 'Ana Silva said she felt better. Goal 1.1.', '## Ben Cole', '', '```', 'Participation: shared a goal.', '<div>', '- - -'];
const nestedLine = fc.tuple(fc.array(fc.constantFrom(...CONTAINERS), { minLength: 1, maxLength: 16 }), fc.constantFrom(...NESTED_TEXT)).map(([prefix, text]) => prefix.join('') + text);
const NESTING_FRONTMATTER = '---\nnote: group-psychotherapy\ncpt: 90853\ndate: 2026-03-04\nmembers: [Ana Silva, Ben Cole]\n---\n\n';

/** A group note of runs of nested lines (each run up to `maxRepeat` lines) and other lines. */
export function nestingNote(maxRepeat: number): fc.Arbitrary<string> {
  const part = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(nestedLine, fc.integer({ min: 1, max: maxRepeat }), fc.constantFrom('\n', '\r\n', '\r')).map(([line, n, br]) => (line + br).repeat(n)) },
    { weight: 1, arbitrary: fc.constantFrom('## Ana Silva\n\n', '## Ben Cole\n\n', '\n', 'Signed: Dana Whitfield, LCSW, 2026-03-04\n') },
  );
  return fc.array(part, { minLength: 1, maxLength: 8 }).map((parts) => NESTING_FRONTMATTER + parts.join(''));
}

/** Any document the tests feed the engine or the server: generated, seed or nesting note, then mutated. */
export const document: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof({ weight: 3, arbitrary: generatedNote.map((n) => n.text) }, { weight: 2, arbitrary: fc.constantFrom(...seedNotes) }, { weight: 1, arbitrary: nestingNote(30) }),
    mutations,
  )
  .map(([text, ms]) => ms.reduce((t, m) => m(t), text));

// ---------------------------------------------------------------------------------------------
// Position oracle (independent of engine/parse/text.ts): \r\n, \r and \n end a line; columns are
// UTF-16 code units, as in LSP's default position encoding.

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') {
      starts.push(i + 2);
      i++;
    } else if (text[i] === '\r' || text[i] === '\n') starts.push(i + 1);
  }
  return starts;
}

/**
 * The LSP position of an offset. An offset between the \r and \n of a CRLF is the end of its line
 * (vscode-languageserver-textdocument does the same): no column lies past a line's end.
 */
export function positionOf(text: string, starts: number[], offset: number): { line: number; character: number } {
  if (offset > 0 && text[offset] === '\n' && text[offset - 1] === '\r') offset--;
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

/** Length of each line without its line break. */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

/** True when offset falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
