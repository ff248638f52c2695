// The TextMate injection grammar (syntaxes/groupnote.injection.tmLanguage.json), run the way VS Code
// runs it: vscode-textmate + vscode-oniguruma, injected into the Markdown grammar VS Code ships
// (the copy in tm-grammars), wired up from package.json's `contributes.grammars` entry.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import vsctm from 'vscode-textmate';
import type { IGrammar, IOnigLib, IRawGrammar, StateStack } from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const repoFile = (path: string) => new URL(`../${path}`, import.meta.url);

const MARKDOWN = 'text.html.markdown';
const INJECTION = 'groupnote.markdown.injection';

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}
const contributed: GrammarContribution[] = JSON.parse(readFileSync(repoFile('package.json'), 'utf8')).contributes.grammars;
const contribution = contributed.find((g) => g.scopeName === INJECTION);
const injectionPath = repoFile(contribution?.path ?? 'syntaxes/groupnote.injection.tmLanguage.json');
const injectionJson = JSON.parse(readFileSync(injectionPath, 'utf8')) as Record<string, unknown>;

// Scopes, as the Markdown grammar names them and as this grammar adds them.
const PARA = 'meta.paragraph.markdown';
const BOLD = 'markup.bold.markdown';
const BOLD_PUNCT = 'punctuation.definition.bold.markdown';
const ITALIC = 'markup.italic.markdown';
const HEADING = 'markup.heading.markdown';
const SECTION = 'entity.name.section.markdown';
const HEADING_PUNCT = 'punctuation.definition.heading.markdown';
const LIST = 'markup.list.unnumbered.markdown';
const FENCED = 'markup.fenced_code.block.markdown';
const RAW = 'markup.inline.raw.string.markdown';

const MEMBER_HEADING = 'meta.member-heading.groupnote';
const MEMBER_NAME = 'entity.name.type.member.groupnote';
const MEMBER_ID_META = 'meta.member-id.groupnote';
const MEMBER_ID = 'constant.numeric.member-id.groupnote';
const MEMBER_ID_OPEN = 'punctuation.definition.member-id.begin.groupnote';
const MEMBER_ID_CLOSE = 'punctuation.definition.member-id.end.groupnote';
// A neutral scope: the default Light+ theme colours support.type.property-name (and
// entity.other.attribute-name, invalid.*) red, which reads as an error in a clinical note; variable
// scopes are dark blue there and light blue in Dark+.
const LABEL = 'variable.other.property.field-label.groupnote';
const LABEL_COLON = 'punctuation.separator.key-value.groupnote';
const GOAL_META = 'meta.goal-reference.groupnote';
const GOAL_WORD = 'keyword.other.goal-reference.groupnote';
const GOAL_NUMBER = 'constant.numeric.goal-reference.groupnote';

interface Token {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}
interface Line {
  text: string;
  tokens: Token[];
}

let withInjection: IGrammar;
let markdownOnly: IGrammar;
let withInjectionAndYaml: IGrammar;

// Without a source.yaml grammar, Markdown's front-matter rule is dropped as a whole (its only
// pattern is the YAML include) and front matter tokenizes as ordinary paragraphs. VS Code always has
// YAML, so the front-matter test uses an empty stand-in for it.
const yamlStub: IRawGrammar = vsctm.parseRawGrammar(JSON.stringify({ scopeName: 'source.yaml', patterns: [] }), 'yaml-stub.json');

async function loadMarkdown(onigLib: Promise<IOnigLib>, inject: boolean, yaml = false): Promise<IGrammar> {
  const registry = new vsctm.Registry({
    onigLib,
    loadGrammar: async (scopeName: string): Promise<IRawGrammar | null> => {
      if (scopeName === MARKDOWN) {
        const path = require.resolve('tm-grammars/grammars/markdown.json');
        return vsctm.parseRawGrammar(readFileSync(path, 'utf8'), path);
      }
      if (scopeName === INJECTION) return vsctm.parseRawGrammar(readFileSync(injectionPath, 'utf8'), fileURLToPath(injectionPath));
      if (scopeName === 'source.yaml' && yaml) return yamlStub;
      return null; // other embedded languages (HTML, code in fences) are not needed here
    },
    // What VS Code does with `injectTo` in package.json.
    getInjections: (scopeName: string) =>
      inject ? contributed.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName) : undefined,
  });
  const grammar = await registry.loadGrammar(MARKDOWN);
  if (!grammar) throw new Error('Markdown grammar did not load');
  return grammar;
}

beforeAll(async () => {
  await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')));
  const onigLib: Promise<IOnigLib> = Promise.resolve({
    createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
    createOnigString: (text: string) => new oniguruma.OnigString(text),
  });
  withInjection = await loadMarkdown(onigLib, true);
  markdownOnly = await loadMarkdown(onigLib, false);
  withInjectionAndYaml = await loadMarkdown(onigLib, true, true);
});

function tokenize(markdown: string, grammar: IGrammar = withInjection): Line[] {
  let state: StateStack = vsctm.INITIAL;
  return markdown.split(/\r?\n/).map((text) => {
    const result = grammar.tokenizeLine(text, state);
    state = result.ruleStack;
    const tokens = result.tokens.map((t) => ({
      text: text.slice(t.startIndex, Math.min(t.endIndex, text.length)),
      start: t.startIndex,
      end: Math.min(t.endIndex, text.length),
      scopes: t.scopes,
    }));
    return { text, tokens };
  });
}

/** The single line of a one-line document. */
const line = (markdown: string): Line => tokenize(markdown)[0]!;

/** Scopes of the token that spans exactly the `nth` occurrence of `text` in the line. */
function scopesOf(l: Line, text: string, nth = 1): string[] {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = l.text.indexOf(text, at + 1);
    if (at < 0) throw new Error(`"${text}" (#${nth}) is not in "${l.text}"`);
  }
  return scopesAt(l, at, at + text.length);
}

/** Scopes of the token that spans exactly [start, end) of the line. */
function scopesAt(l: Line, start: number, end: number): string[] {
  const token = l.tokens.find((t) => t.start === start && t.end === end);
  if (!token) {
    const dump = l.tokens.map((t) => `  ${JSON.stringify(t.text)} ${t.scopes.join(' ')}`).join('\n');
    throw new Error(`no token spans exactly ${JSON.stringify(l.text.slice(start, end))} in "${l.text}":\n${dump}`);
  }
  return token.scopes;
}

/** Every groupnote scope in the document, with the text it covers. */
function groupnoteScopes(lines: Line[]): string[] {
  return lines.flatMap((l) =>
    l.tokens.flatMap((t) => t.scopes.filter((s) => s.endsWith('.groupnote')).map((s) => `${JSON.stringify(t.text)} ${s}`)),
  );
}

/** Per character, the scopes that are not groupnote scopes. */
function markdownScopesPerChar(lines: Line[]): string[][] {
  return lines.map((l) => {
    const chars: string[] = [];
    for (const t of l.tokens)
      for (let i = t.start; i < t.end; i++) chars.push(t.scopes.filter((s) => !s.endsWith('.groupnote')).join(' '));
    return chars;
  });
}

function allMatchRegexes(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => allMatchRegexes(n, out));
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'match' || key === 'begin' || key === 'end' || key === 'while') && typeof value === 'string') out.push(value);
      else allMatchRegexes(value, out);
    }
  return out;
}

function sampleNotes(dir: URL): URL[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return sampleNotes(new URL(`${entry.name}/`, dir));
    return entry.name.endsWith('.md') ? [new URL(entry.name, dir)] : [];
  });
}

describe('grammar file and wiring', () => {
  it('is contributed by package.json as an injection into Markdown', () => {
    expect(contribution).toMatchObject({ scopeName: INJECTION, injectTo: [MARKDOWN] });
    expect(injectionJson.scopeName).toBe(INJECTION);
    // Left priority, and never inside code, comments or embedded languages.
    expect(injectionJson.injectionSelector).toMatch(/^L:/);
    for (const excluded of ['-markup.fenced_code', '-markup.inline.raw', '-markup.raw', '-meta.embedded', '-comment'])
      expect(String(injectionJson.injectionSelector).split(/\s+/)).toContain(excluded);
  });

  it('uses no "{n,m}+" quantifier (in Oniguruma\'s Ruby syntax that is a nested repeat, not a possessive one)', () => {
    const regexes = allMatchRegexes(injectionJson);
    expect(regexes.length).toBeGreaterThan(5);
    expect(regexes.filter((r) => /(?<!\\)\}\+/.test(r))).toEqual([]);
  });
});

describe('member headings', () => {
  it('## Teresa Ruiz (3391): name, id and Markdown heading scopes', () => {
    const l = line('## Teresa Ruiz (3391)');
    const h2 = [MARKDOWN, HEADING, 'heading.2.markdown'];
    expect(scopesOf(l, '##')).toEqual([...h2, HEADING_PUNCT]);
    expect(scopesOf(l, 'Teresa Ruiz')).toEqual([...h2, SECTION, MEMBER_HEADING, MEMBER_NAME]);
    expect(scopesOf(l, '(')).toEqual([...h2, SECTION, MEMBER_HEADING, MEMBER_ID_META, MEMBER_ID_OPEN]);
    expect(scopesOf(l, '3391')).toEqual([...h2, SECTION, MEMBER_HEADING, MEMBER_ID_META, MEMBER_ID]);
    expect(scopesOf(l, ')')).toEqual([...h2, SECTION, MEMBER_HEADING, MEMBER_ID_META, MEMBER_ID_CLOSE]);
  });

  it("### James O'Connor — MRN-20417: a level-3 heading with a bare MRN", () => {
    const l = line("### James O'Connor — MRN-20417");
    const h3 = [MARKDOWN, HEADING, 'heading.3.markdown', SECTION, MEMBER_HEADING];
    expect(scopesOf(l, "James O'Connor")).toEqual([...h3, MEMBER_NAME]);
    expect(scopesOf(l, ' — ')).toEqual(h3);
    expect(scopesOf(l, 'MRN-20417')).toEqual([...h3, MEMBER_ID_META, MEMBER_ID]);
  });

  it.each([
    ['## Maria Lopez', 'Maria Lopez'],
    ['## Maria de la Cruz', 'Maria de la Cruz'],
    ['## Priya Natarajan ##', 'Priya Natarajan'],
    ['## Member 3 (ID 5527)', 'Member 3'],
  ])('%s: the name is a member name', (heading, name) => {
    expect(scopesOf(line(heading), name)).toEqual([MARKDOWN, HEADING, 'heading.2.markdown', SECTION, MEMBER_HEADING, MEMBER_NAME]);
  });

  it('## MRN-20417 on its own is a member heading too', () => {
    expect(scopesOf(line('## MRN-20417'), 'MRN-20417')).toEqual([
      MARKDOWN, HEADING, 'heading.2.markdown', SECTION, MEMBER_HEADING, MEMBER_ID_META, MEMBER_ID,
    ]);
  });

  it('an id in any other ## heading is still a member id', () => {
    const l = line('## Check-in notes (V-4111)');
    expect(scopesOf(l, 'V-4111')).toEqual([MARKDOWN, HEADING, 'heading.2.markdown', SECTION, MEMBER_ID_META, MEMBER_ID]);
    expect(scopesOf(l, 'Check-in notes ')).toEqual([MARKDOWN, HEADING, 'heading.2.markdown', SECTION]);
  });

  it.each(['# Group session', '# Maria Lopez (3391)', '#### Maria Lopez (3391)', '## Shared section', '## Session Summary', '## Members'])(
    '%s is not a member heading, and stays a plain Markdown heading',
    (heading) => {
      const l = line(heading);
      expect(groupnoteScopes([l])).toEqual([]);
      const level = heading.indexOf(' ');
      expect(scopesOf(l, heading.slice(level + 1))).toEqual([MARKDOWN, HEADING, `heading.${level}.markdown`, SECTION]);
    },
  );
});

describe('field labels', () => {
  it('**Participation:** keeps Markdown bold and adds the label scope', () => {
    const l = line('**Participation:** Client participated in group discussion.');
    expect(scopesOf(l, '**', 1)).toEqual([MARKDOWN, PARA, BOLD, BOLD_PUNCT]);
    expect(scopesOf(l, 'Participation')).toEqual([MARKDOWN, PARA, BOLD, LABEL]);
    expect(scopesOf(l, ':')).toEqual([MARKDOWN, PARA, BOLD, LABEL_COLON]);
    expect(scopesOf(l, '**', 2)).toEqual([MARKDOWN, PARA, BOLD, BOLD_PUNCT]);
    expect(scopesOf(l, ' Client participated in group discussion.')).toEqual([MARKDOWN, PARA]);
  });

  it('**Plan**: with the colon outside the bold', () => {
    const l = line('**Plan**: Continue weekly group.');
    expect(scopesOf(l, 'Plan')).toEqual([MARKDOWN, PARA, BOLD, LABEL]);
    expect(scopesOf(l, '**', 2)).toEqual([MARKDOWN, PARA, BOLD, BOLD_PUNCT]);
    expect(scopesOf(l, ':')).toEqual([MARKDOWN, PARA, LABEL_COLON]);
  });

  it('- Response: after a list marker, and plain Plan: at the start of a line', () => {
    const item = line('- Response: engaged and tearful');
    expect(scopesOf(item, '-')).toEqual([MARKDOWN, LIST, 'punctuation.definition.list.begin.markdown']);
    expect(scopesOf(item, 'Response')).toEqual([MARKDOWN, LIST, PARA, LABEL]);
    expect(scopesOf(item, ':')).toEqual([MARKDOWN, LIST, PARA, LABEL_COLON]);
    const plain = line('Plan: call sponsor before family events.');
    expect(scopesOf(plain, 'Plan')).toEqual([MARKDOWN, PARA, LABEL]);
    expect(scopesOf(plain, ' call sponsor before family events.')).toEqual([MARKDOWN, PARA]);
  });

  it('numbered items, block quotes and bold list items', () => {
    expect(scopesOf(line('1. Progress: rated anxiety 4/10'), 'Progress')).toEqual([MARKDOWN, 'markup.list.numbered.markdown', PARA, LABEL]);
    expect(scopesOf(line('> **Risk:** none reported'), 'Risk')).toEqual([MARKDOWN, 'markup.quote.markdown', PARA, BOLD, LABEL]);
    expect(scopesOf(line('- **Treatment plan:** Goal 1.2'), 'Treatment plan')).toEqual([MARKDOWN, LIST, PARA, BOLD, LABEL]);
  });

  it('a bold label may carry a qualifier: **Interventions used across the group:**', () => {
    const l = line('**Interventions used across the group:** Homework review.');
    expect(scopesOf(l, 'Interventions used across the group')).toEqual([MARKDOWN, PARA, BOLD, LABEL]);
  });

  it.each([
    'Participation', 'Interventions', 'Intervention', 'Response', 'Progress', 'Assessment', 'Treatment plan', 'Tx plan',
    'Goal', 'Goals', 'Objective', 'Objectives', 'Plan', 'Next steps', 'Risk', 'Data', 'Behavior', 'Behaviour', 'Subjective',
    'S', 'O', 'A', 'P', 'D', 'B', 'I', 'R',
  ])('%s: is a label, plain and bold', (label) => {
    expect(scopesOf(line(`${label}: text`), label)).toEqual([MARKDOWN, PARA, LABEL]);
    expect(scopesOf(line(`**${label}:** text`), label)).toEqual([MARKDOWN, PARA, BOLD, LABEL]);
    expect(scopesOf(line(`- ${label}: text`), label)).toEqual([MARKDOWN, LIST, PARA, LABEL]);
  });

  it.each([
    'Text **Plan:** in the middle of a line.',
    'She said *Plan: go* quietly.',
    'Planning: not a label.',
    'Plan to meet: not a label either.',
    'p: one-letter labels are upper case only.',
    '|Plan: x|y|',
  ])('not a label: %s', (text) => {
    expect(groupnoteScopes([line(text)])).toEqual([]);
  });
});

describe('goal and objective references', () => {
  it.each([
    ['**Treatment plan:** Goal 1.2, reduce situational avoidance.', 'Goal', '1.2'],
    ['Linked to Objective 2.1 today.', 'Objective', '2.1'],
    ['Worked on Obj. 1.3 in group.', 'Obj.', '1.3'],
    ['Worked on Obj 1.3 in group.', 'Obj', '1.3'],
    ['This work addresses her plan goal 2.3 (coping with family conflict).', 'plan goal', '2.3'],
    ['Linked to treatment plan objective 1.2, use two coping strategies.', 'treatment plan objective', '1.2'],
    ['Progress on TP goal 2 noted.', 'TP goal', '2'],
    ['Treatment goal 2.1 reviewed.', 'Treatment goal', '2.1'],
    ['Objective 2b met.', 'Objective', '2b'],
    ['lower case goal 1.2 matches', 'goal', '1.2'],
    ['UPPER CASE GOAL 1.2 MATCHES', 'GOAL', '1.2'],
  ])('%s', (text, word, number) => {
    const l = line(text);
    expect(scopesOf(l, word)).toEqual([MARKDOWN, PARA, GOAL_META, GOAL_WORD]);
    expect(scopesOf(l, number)).toEqual([MARKDOWN, PARA, GOAL_META, GOAL_NUMBER]);
    const space = l.text.indexOf(`${word} ${number}`) + word.length;
    expect(scopesAt(l, space, space + 1)).toEqual([MARKDOWN, PARA, GOAL_META]);
  });

  it.each([
    'Plan to go home and plan to rest.',
    'Goals were discussed; objective measures improved in 12 areas.',
    'The goalkeeper 1 and subjective 2 are not references.',
  ])('no goal reference in: %s', (text) => {
    expect(groupnoteScopes([line(text)])).toEqual([]);
  });

  it('in headings, bold and italic', () => {
    expect(scopesOf(line('## Goal 1: Reduce panic symptoms and avoidance'), 'Goal')).toEqual([
      MARKDOWN, HEADING, 'heading.2.markdown', SECTION, GOAL_META, GOAL_WORD,
    ]);
    expect(scopesOf(line('**Goal 1.2** addressed'), '1.2')).toEqual([MARKDOWN, PARA, BOLD, GOAL_META, GOAL_NUMBER]);
    expect(scopesOf(line('She named *Objective 2.1* herself'), 'Objective')).toEqual([MARKDOWN, PARA, ITALIC, GOAL_META, GOAL_WORD]);
  });
});

describe('Markdown still tokenizes as Markdown', () => {
  it('headings, bold, italic, links and inline code', () => {
    const heading = line('# Group session');
    expect(scopesOf(heading, '#')).toEqual([MARKDOWN, HEADING, 'heading.1.markdown', HEADING_PUNCT]);
    expect(scopesOf(heading, 'Group session')).toEqual([MARKDOWN, HEADING, 'heading.1.markdown', SECTION]);

    const l = line('She was **very** engaged, *Goal 1.2* and [Goal 2.1](https://example.org/plan) and `Goal 3.1`.');
    expect(scopesOf(l, 'very')).toEqual([MARKDOWN, PARA, BOLD]);
    expect(scopesOf(l, '*', 5)).toEqual([MARKDOWN, PARA, ITALIC, 'punctuation.definition.italic.markdown']);
    expect(scopesOf(l, '[')).toEqual([MARKDOWN, PARA, 'meta.link.inline.markdown', 'punctuation.definition.link.title.begin.markdown']);
    expect(scopesOf(l, 'https://example.org/plan')).toEqual([MARKDOWN, PARA, 'meta.link.inline.markdown', 'markup.underline.link.markdown']);
    expect(scopesOf(l, 'Goal 3.1')).toEqual([MARKDOWN, PARA, RAW]);
  });

  it('inline code gets no groupnote scope', () => {
    const l = line('Use `**Response:** Goal 1.2` and ``Plan: x`` verbatim.');
    expect(scopesOf(l, '**Response:** Goal 1.2')).toEqual([MARKDOWN, PARA, RAW]);
    expect(scopesOf(l, 'Plan: x')).toEqual([MARKDOWN, PARA, RAW]);
    expect(groupnoteScopes([l])).toEqual([]);
  });

  it('nothing in front matter gets a groupnote scope', () => {
    const doc = ['---', 'note: group-psychotherapy', 'members:', '  - id: MRN-20417', '    name: Maria Lopez', 'Plan: Goal 1.2', '---', '', 'Plan: Goal 1.2'];
    const lines = tokenize(doc.join('\n'), withInjectionAndYaml);
    expect(groupnoteScopes(lines.slice(0, 7))).toEqual([]);
    expect(scopesOf(lines[3]!, '  - id: MRN-20417')).toEqual([MARKDOWN, 'meta.embedded.block.frontmatter']);
    expect(scopesOf(lines[5]!, 'Plan: Goal 1.2')).toEqual([MARKDOWN, 'meta.embedded.block.frontmatter']);
    expect(scopesOf(lines[8]!, 'Plan')).toEqual([MARKDOWN, PARA, LABEL]);
  });

  it('nothing inside fenced or indented code or HTML comments gets a groupnote scope', () => {
    const doc = [
      'Before.',
      '',
      '```',
      'Goal 1.2',
      '**Response:** engaged',
      '## Maria Lopez (3391)',
      'Plan: x',
      '```',
      '',
      '~~~markdown',
      '**Response:** Goal 1.2',
      '## Teresa Ruiz (3391)',
      '- Plan: objective 2.1',
      '~~~',
      '',
      '    **Plan:** indented code, Goal 1.2',
      '',
      '<!-- Response: Goal 1.2 -->',
      '',
      '**Plan:** after the fences, Goal 1.2',
    ].join('\n');
    const lines = tokenize(doc);
    const last = lines.length - 1;
    expect(groupnoteScopes(lines.slice(0, last))).toEqual([]);

    expect(scopesOf(lines[3]!, 'Goal 1.2')).toEqual([MARKDOWN, FENCED]);
    expect(scopesOf(lines[4]!, '**Response:** engaged')).toEqual([MARKDOWN, FENCED]);
    // The ~~~markdown fence embeds Markdown itself: real Markdown scopes inside, still no groupnote ones.
    expect(scopesOf(lines[10]!, 'Response:')).toEqual([MARKDOWN, FENCED, 'meta.embedded.block.markdown', PARA, BOLD]);
    expect(scopesOf(lines[11]!, 'Teresa Ruiz (3391)')).toEqual([
      MARKDOWN, FENCED, 'meta.embedded.block.markdown', HEADING, 'heading.2.markdown', SECTION,
    ]);
    expect(scopesOf(lines[15]!, '**Plan:** indented code, Goal 1.2')).toEqual([MARKDOWN, 'markup.raw.block.markdown']);
    expect(scopesOf(lines[17]!, ' Response: Goal 1.2 ')).toEqual([MARKDOWN, 'comment.block.html']);
    // ...and the injection is back once the fences are closed.
    expect(scopesOf(lines[last]!, 'Plan')).toEqual([MARKDOWN, PARA, BOLD, LABEL]);
    expect(scopesOf(lines[last]!, 'Goal')).toEqual([MARKDOWN, PARA, GOAL_META, GOAL_WORD]);
  });

  const kitchenSink = [
    '---',
    'note: group-psychotherapy',
    'members:',
    '  - id: 3391',
    '    name: Teresa Ruiz',
    '---',
    '',
    '# Group session',
    '',
    '**Focus:** urge surfing. __Format:__ video, 90 minutes.',
    '',
    '## Teresa Ruiz (3391)',
    '',
    '**Participation:** she *named* the thought "I deserve a break" ~~twice~~ &amp; [linked](https://example.org "title") it.',
    '- Response: relieved; see <https://example.org/plan> and <teresa@example.org>',
    '  Plan: call sponsor; plan goal 2.3 and `Goal 9.9` and ![img](a.png)',
    '1. **Risk:** denies SI/HI \\*escaped\\*',
    '> Tx plan: Objective 1.2',
    '',
    '| Member | Goal |',
    '|---|---|',
    '| Teresa | Goal 2.3 |',
    '',
    'Setext heading',
    '---',
    '',
    '### Kevin Marsh — MRN-3407 ###',
    '<div>Goal 1.2 in HTML</div>',
    '',
    '```js',
    'const plan = "Goal 1.2"; // **Response:**',
    '```',
    '',
    '***',
    'Signed: Marcus Bell, LPC',
  ].join('\n');

  const notes = sampleNotes(repoFile('samples/'));

  it.each([['kitchen-sink document', kitchenSink], ...notes.map((u) => [u.pathname.replace(/^.*\/samples\//, 'samples/'), readFileSync(u, 'utf8')])])(
    '%s: with groupnote scopes removed, every character has exactly the Markdown-only scopes',
    (_name, text) => {
      const injected = tokenize(text);
      expect(markdownScopesPerChar(injected)).toEqual(markdownScopesPerChar(tokenize(text, markdownOnly)));
      expect(groupnoteScopes(injected).length).toBeGreaterThan(0);
    },
  );

  it('the sample notes are covered', () => {
    expect(notes.length).toBeGreaterThanOrEqual(5);
    const iop = tokenize(readFileSync(repoFile('samples/iop-relapse-prevention/2026-05-19-relapse-prevention.md'), 'utf8'));
    const teresa = iop.find((l) => l.text === '## Teresa Ruiz (3391)')!;
    expect(scopesOf(teresa, '3391')).toContain(MEMBER_ID);
    const danny = iop.find((l) => l.text.startsWith('Linked to treatment plan objective 1.2'))!;
    expect(scopesOf(danny, 'treatment plan objective')).toEqual([MARKDOWN, PARA, GOAL_META, GOAL_WORD]);
  });
});

describe('grammar source', () => {
  // Speed is for the benchmark, not for tests; linearity is kept by construction (possessive and
  // atomic groups) and checked by the quantifier test above.
  it('the committed grammar is what scripts/build-grammar.mjs generates', () => {
    const generated = execFileSync(process.execPath, [fileURLToPath(repoFile('scripts/build-grammar.mjs')), '--print'], { encoding: 'utf8' });
    expect(generated).toBe(readFileSync(repoFile('syntaxes/groupnote.injection.tmLanguage.json'), 'utf8'));
  });
});
