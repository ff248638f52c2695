// The fast frontmatter reader (engine/parse/simple-yaml.ts) must either decline a text or give exactly
// the values the yaml package gives. Checked on YAML built from lines that are plain, lines that
// look plain but are not (numbers in other forms, quotes with escapes, comments, anchors, nested
// mappings, continuation lines, tabs) and their mixtures. `npm run fuzz` runs GROUPNOTE_FUZZ_RUNS
// cases.

import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readSimpleYaml } from '../../engine/parse/simple-yaml.js';
import { parseNote } from '../../engine/facts/note.js';
import { fuzzSettings, seedNotes, yieldToEventLoop } from './generators.js';

const settings = fuzzSettings(2000);

const SCALARS = [
  'Ana Silva', 'Ewan Marwick, LMHC', 'group-psychotherapy', '90853', '0', '-7', '2025-05-08', '14:00', '"14:00"', "'15:30'", 'http://example.org/a',
  'C#', 'Jo & co', 'a:b', 'telehealth', 'true', 'True', 'TRUE', 'false', 'yes', 'no', 'on', 'null', 'Null', '~', 'NULL',
  // numbers and strings that only look simple
  '007', '+12', '-0', '1.5', '.5', '1e3', '0x1A', '0o17', '.inf', '-.INF', '.nan', '1_000', '12345678901234567890', '3.', '-',
  '"with \\" escape"', '"a\\tb"', "'it''s'", '"unclosed', "'unclosed", '*alias', '&anchor value', '!!str 5', '|', '>', '@x', '`x`', '%x', '? x',
  'a: b', 'ends with colon:', 'trailing # comment', 'x #not', '[a, b]', '[95]', '[]', '[a, [b]]', '[a,]', '[ "a, b" ]', '{id: 1, name: Ana Silva}', '{}', '{a:b}',
  '{id: 2, name: Ben, aliases: [Benny, B]}', '{id: 3, name: "Cy, Jr"}', '{id: 4, id: 5}', '{ name: Di , attendance: absent }', '[Ana, ~, 3, true]',
];
const KEYS = ['note', 'cpt', 'date', 'start', 'end', 'facilitator', 'co-facilitator', 'co_facilitator', 'setting', 'modifiers', 'group', 'members', 'pos', 'x1',
  'true', 'null', 'On', '1', '-key', 'key with space', 'é', '"quoted"', '? complex', 'note'];
const ITEM_KEYS = ['id', 'name', 'aliases', 'attendance', 'dob', 'mrn', 'billed', 'id'];
const INDENTS = ['', ' ', '  ', '    ', '\t'];

const scalar = fc.constantFrom(...SCALARS);
const topLine = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...KEYS), scalar).map(([k, v]) => `${k}: ${v}`) },
  { weight: 2, arbitrary: fc.constantFrom(...KEYS).map((k) => `${k}:`) },
  { weight: 1, arbitrary: fc.constantFrom('# a comment', '', '   ', '---', '...', '%YAML 1.2', 'no colon here', ' indented: 1', 'key:value') },
);
const itemLine = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...INDENTS), scalar).map(([i, v]) => `${i}- ${v}`) },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...INDENTS), fc.constantFrom(...ITEM_KEYS), scalar).map(([i, k, v]) => `${i}- ${k}: ${v}`) },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...INDENTS), fc.constantFrom(...ITEM_KEYS), scalar).map(([i, k, v]) => `${i}  ${k}: ${v}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...INDENTS), fc.constantFrom(...ITEM_KEYS)).map(([i, k]) => `${i}  ${k}:`) },
  { weight: 1, arbitrary: fc.constantFrom('-', '- ', '  -', '  # comment', '      - nested', '  -  spaced') },
);
const BREAKS = ['\n', '\r\n'];
const yamlText = fc
  .array(fc.oneof({ weight: 3, arbitrary: topLine }, { weight: 2, arbitrary: itemLine }), { maxLength: 14 })
  .chain((lines) => fc.tuple(fc.constant(lines), fc.array(fc.constantFrom(...BREAKS), { minLength: lines.length, maxLength: lines.length })))
  .map(([lines, breaks]) => lines.map((l, i) => l + breaks[i]).join(''));

/** What the note model reads with the yaml package, or undefined when that gives an error. */
function byYamlPackage(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  return doc.contents === null ? {} : doc.toJS({ maxAliasCount: 50 });
}

describe('fast frontmatter reader (fast-check)', () => {
  it(`declines or agrees with the yaml package (seed ${settings.seed}, ${settings.numRuns} runs)`, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(yamlText, async (text) => {
        await yieldToEventLoop();
        const fast = readSimpleYaml(text);
        if (fast === null) return;
        accepted++;
        const expected = byYamlPackage(text);
        expect(isDeepStrictEqual(fast, expected), `${JSON.stringify(text)}\nfast: ${JSON.stringify(fast)}\nyaml: ${JSON.stringify(expected)}`).toBe(true);
      }),
      { seed: settings.seed, numRuns: settings.numRuns, path: settings.path, endOnFailure: true },
    );
    // enough cases must be read by the fast path, or the property says little
    expect(accepted).toBeGreaterThan(settings.numRuns / 20);
  }, 120_000 + settings.numRuns * 5);

  it('reads the frontmatter of nearly every sample and corpus note, as the yaml package does', () => {
    let read = 0;
    let frontmatters = 0;
    for (const note of seedNotes) {
      const yaml = /^---\r?\n([\s\S]*?)\r?\n---/.exec(note)?.[1];
      if (yaml === undefined) continue;
      frontmatters++;
      const fast = readSimpleYaml(yaml);
      if (fast === null) continue;
      read++;
      expect(fast).toEqual(byYamlPackage(yaml));
    }
    expect(read).toBeGreaterThan(frontmatters * 0.8);
  });

  it('declines what it does not know', () => {
    for (const text of ['a: 1 # comment', 'a: "x\\ty"', 'a: 1.5', 'a: 007', 'a:\n  b: 1', 'a: &x 1\nb: *x', 'a: b\n  continued', 'a: 1\na: 2', 'a:\tb', 'members:\n  - id: 1\n    aliases:\n      - A']) {
      expect(readSimpleYaml(text), text).toBeNull();
    }
    expect(readSimpleYaml('cpt: 90853\ndate: 2025-05-08\nstart: "14:00"\nmembers:\n  - {id: 7, name: Ana Silva, aliases: [Ana]}\n  - id: 8\n    name: Ben Cole\n')).toEqual({
      cpt: 90853,
      date: '2025-05-08',
      start: '14:00',
      members: [{ id: 7, name: 'Ana Silva', aliases: ['Ana'] }, { id: 8, name: 'Ben Cole' }],
    });
  });

  it('gives the same note model whichever reader reads the frontmatter', () => {
    // a comment after the first value sends the frontmatter to the yaml package without changing any value
    let compared = 0;
    for (const text of seedNotes) {
      const withComment = text.replace(/^(---\r?\n[^\r\n#]*[^\s#])(\r?\n)/, '$1 # reviewed$2');
      if (withComment === text) continue;
      const fast = parseNote(text);
      const slow = parseNote(withComment);
      if (!fast.isGroupNote) continue;
      compared++;
      expect(slow.frontmatter, text.slice(0, 80)).toEqual(fast.frontmatter);
      expect(slow.roster).toEqual(fast.roster);
      expect(slow.staff).toEqual(fast.staff);
      expect(slow.problems).toEqual(fast.problems);
    }
    expect(compared).toBeGreaterThan(20);
  });
});
