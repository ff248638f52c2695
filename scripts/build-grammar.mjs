// Generates syntaxes/groupnote.injection.tmLanguage.json: `node scripts/build-grammar.mjs`. Edit the
// patterns here, not the JSON; test/grammar.test.ts checks the two agree.
import fs from 'node:fs';

const LB = String.raw`(?<=^|^ |^  |^   )`;                        // heading starts the line (0-3 spaces), fixed-length alternatives only
const WORD = String.raw`(?![A-Z]{1,5}-\d)\p{Lu}[\p{L}\p{M}'’.]*+(?:-\p{L}[\p{L}\p{M}'’.]*+)*+`;
const PARTICLE = String.raw`(?:de|del|della|der|den|di|da|das|do|dos|du|la|le|van|von|ter|ten|bin|ibn|al|el|y)`;
// Pseudonymous member headings: "Member 3", "Client B", "Participant #2".
const MEMBER_NO = String.raw`(?:Member|Client|Patient|Participant)[ \t]++#?(?:\d{1,3}|[A-Z])(?![\p{L}\p{N}])`;
const NAME = String.raw`${WORD}(?:[ \t]++(?:${PARTICLE}[ \t]++)*+${WORD})*+`;
const NOT_MEMBER = String.raw`(?!(?i:group|session|shared|summary|attendance|absent|present|members?|notes?|plans?|treatment|goals?|objectives?|interventions?|response|progress|assessment|risk|safety|focus|format|themes?|signatures?|signed|homework|check-in|check-out|closing|opening|overview|agenda|topics?|discussion|facilitators?|co-facilitators?|next|data|behaviou?r|subjective|participation|individual|addendum)(?![\p{L}\p{M}'’-]))`;
const ID_CORE = String.raw`(?:[A-Z]{1,5}[-#: ]?|#)?(?>\d{3,})`;
const BARE_ID = String.raw`[A-Z]{1,5}-(?>\d{3,})`;
const SEP = String.raw`[ \t]*+(?:[-–—,:|·/][ \t]*+)?`;
// Heading text as Markdown's lazy (.*?) would capture it, but without backtracking: runs of non-space separated by
// whitespace that is not the start of the closing sequence (optional closing #s, then end of line).
const CONTENT = String.raw`\S++(?:\s++(?!(?:#++\s*+)?$)\S++)*+`;
const TAIL = String.raw`(?:\s+(#+))?\s*$`;

function memberHeading(level) {
  return {
    comment: `A level-${level} heading whose whole text is a person's name, optionally followed by a member id: "${'#'.repeat(level)} Teresa Ruiz (3391)". Matched at the heading's own position so Markdown's heading scopes are reproduced exactly (heading.${level}.markdown, punctuation.definition.heading.markdown, entity.name.section.markdown) and groupnote scopes are added inside.`,
    match: `${LB}(#{${level}})\\s++((${MEMBER_NO}|${NOT_MEMBER}${NAME})(?:${SEP}(?:((\\()[ \\t]*+(${ID_CORE})[ \\t]*+(\\)))|(?<![\\w-])(${BARE_ID})(?![\\w-])))?)${TAIL}`,
    name: `heading.${level}.markdown`,
    captures: {
      1: { name: 'punctuation.definition.heading.markdown' },
      2: { name: 'entity.name.section.markdown meta.member-heading.groupnote' },
      3: { name: 'entity.name.type.member.groupnote' },
      4: { name: 'meta.member-id.groupnote' },
      5: { name: 'punctuation.definition.member-id.begin.groupnote' },
      6: { name: 'constant.numeric.member-id.groupnote' },
      7: { name: 'punctuation.definition.member-id.end.groupnote' },
      8: { name: 'meta.member-id.groupnote constant.numeric.member-id.groupnote' },
      9: { name: 'punctuation.definition.heading.markdown' },
    },
  };
}

function idOnlyHeading(level) {
  return {
    comment: `A level-${level} heading that is only a member id: "${'#'.repeat(level)} MRN-20417", "${'#'.repeat(level)} (3391)".`,
    match: `${LB}(#{${level}})\\s++((?:((\\()[ \\t]*+(${ID_CORE})[ \\t]*+(\\)))|(?<![\\w-])(${BARE_ID})(?![\\w-])))${TAIL}`,
    name: `heading.${level}.markdown`,
    captures: {
      1: { name: 'punctuation.definition.heading.markdown' },
      2: { name: 'entity.name.section.markdown meta.member-heading.groupnote' },
      3: { name: 'meta.member-id.groupnote' },
      4: { name: 'punctuation.definition.member-id.begin.groupnote' },
      5: { name: 'constant.numeric.member-id.groupnote' },
      6: { name: 'punctuation.definition.member-id.end.groupnote' },
      7: { name: 'meta.member-id.groupnote constant.numeric.member-id.groupnote' },
      8: { name: 'punctuation.definition.heading.markdown' },
    },
  };
}

function idHeading(level) {
  return {
    comment: `Any other level-${level} heading that contains a member id: same regex and scopes as Markdown's heading.${level} rule, with member ids scoped inside the heading text.`,
    match: `${LB}(#{${level}})\\s++(?=[^\\n]*?(?:\\([ \\t]*+${ID_CORE}[ \\t]*+\\)|(?<![\\w-])${BARE_ID}(?![\\w-])))(${CONTENT})${TAIL}`,
    name: `heading.${level}.markdown`,
    captures: {
      1: { name: 'punctuation.definition.heading.markdown' },
      2: {
        name: 'entity.name.section.markdown',
        patterns: [{ include: '#member-id' }, { include: 'text.html.markdown#inline' }, { include: 'text.html.derivative' }],
      },
      3: { name: 'punctuation.definition.heading.markdown' },
    },
  };
}

const SP = String.raw`[ \t]++`;
// Field labels (case-insensitive), as engine/parse/labels.ts recognises them; one-letter SOAP/DAP/BIRP labels upper-case only.
const LABEL = '(?i:' + [
  `(?:member|client)${SP}participation`, `participation(?:${SP}and${SP}presentation|/presentation)?`, 'presentation',
  'behaviou?r', 'observations?', 'subjective', 'data',
  `(?:therapist${SP})?interventions?(?:${SP}used)?`,
  `(?:client|member)${SP}response`, `responses?(?:${SP}to${SP}(?:interventions?|treatment|feedback))?`,
  `progress(?:${SP}towards?${SP}goals)?`, 'assessment', 'outcome',
  `treatment${SP}plan(?:${SP}(?:goals?|objectives?|link))?`, `tx${SP}plan`, `treatment${SP}goals?`, `tp${SP}goals?`,
  `plan${SP}goal`, `goals?(?:${SP}addressed)?`, 'goal/objective', 'objectives?',
  `plan(?:/next${SP}steps)?`, `next${SP}steps?`, `follow(?:-|${SP})?up`, 'homework',
  `risk(?:${SP}assessment)?`, `safety(?:${SP}assessment)?`, 'si/hi',
  '(?-i:[SOAPDBIR])',
].join('|') + ')';
// Words after the label inside bold, e.g. **Interventions used across the group:** (no Markdown-significant characters).
const QUALIFIER = String.raw`(?:[ \t]++(?>[^*_:\x60\[\]<>&\\~@|\n]{1,60}))?`;
const LINE_START = String.raw`\G(?<![*_~\[|])`; // \G = where the paragraph began: start of line, after a list marker or a quote marker

const grammar = {
  name: 'groupnote-lint (Markdown injection)',
  scopeName: 'groupnote.markdown.injection',
  comment: 'Highlights member headings and ids, note field labels and treatment-plan goal/objective references inside Markdown. Injected only into Markdown paragraphs, headings and tables, never into fenced or indented code, inline code, HTML comments or embedded languages (front matter included).',
  injectionSelector: 'L:(meta.paragraph.markdown | markup.heading.markdown | markup.table.markdown) -markup.fenced_code -markup.inline.raw -markup.raw -meta.embedded -comment',
  patterns: [
    { include: '#member-heading' },
    { include: '#field-label' },
    { include: '#goal-reference' },
  ],
  repository: {
    'member-heading': {
      patterns: [memberHeading(2), memberHeading(3), idOnlyHeading(2), idOnlyHeading(3), idHeading(2), idHeading(3)],
    },
    'member-id': {
      comment: 'A member id inside heading text: "(3391)", "(MRN-20417)" or a bare "MRN-20417".',
      match: `(\\()[ \\t]*+(${ID_CORE})[ \\t]*+(\\))|(?<![\\w-])(${BARE_ID})(?![\\w-])`,
      name: 'meta.member-id.groupnote',
      captures: {
        1: { name: 'punctuation.definition.member-id.begin.groupnote' },
        2: { name: 'constant.numeric.member-id.groupnote' },
        3: { name: 'punctuation.definition.member-id.end.groupnote' },
        4: { name: 'constant.numeric.member-id.groupnote' },
      },
    },
    'field-label': {
      comment: 'A note field label at the start of a paragraph line (after any list or quote marker), followed by a colon. Bold labels reproduce the markup.bold.markdown scopes Markdown would give them.',
      patterns: [
        {
          comment: '**Participation:** / __Participation:__',
          match: `${LINE_START}((\\*\\*|__)(${LABEL}${QUALIFIER})(:)(\\2)(?:(?<=\\*\\*)|(?!\\w)))`,
          captures: {
            1: { name: 'markup.bold.markdown' },
            2: { name: 'punctuation.definition.bold.markdown' },
            3: { name: 'variable.other.property.field-label.groupnote' },
            4: { name: 'punctuation.separator.key-value.groupnote' },
            5: { name: 'punctuation.definition.bold.markdown' },
          },
        },
        {
          comment: '**Participation**:',
          match: `${LINE_START}((\\*\\*|__)(${LABEL})(\\2))(:)`,
          captures: {
            1: { name: 'markup.bold.markdown' },
            2: { name: 'punctuation.definition.bold.markdown' },
            3: { name: 'variable.other.property.field-label.groupnote' },
            4: { name: 'punctuation.definition.bold.markdown' },
            5: { name: 'punctuation.separator.key-value.groupnote' },
          },
        },
        {
          comment: 'Participation: (plain)',
          match: `${LINE_START}(${LABEL})(:)(?=[ \\t]|$)`,
          captures: {
            1: { name: 'variable.other.property.field-label.groupnote' },
            2: { name: 'punctuation.separator.key-value.groupnote' },
          },
        },
      ],
    },
    'goal-reference': {
      comment: 'Goal 1.2, Objective 2.1, Obj. 1.3, plan goal 2.3, treatment plan objective 1.2, treatment goal 2.1, TP goal 3, Tx goal 2 (any case).',
      match: String.raw`\b((?i:(?:(?:treatment[ \t]++)?plan[ \t]++|treatment[ \t]++|t[px][ \t]++)?(?:goals?|objectives?|obj\.?)))[ \t]*+(#?\d++(?:\.\d++)*+(?i:[a-z])?)(?!\w)`,
      name: 'meta.goal-reference.groupnote',
      captures: {
        1: { name: 'keyword.other.goal-reference.groupnote' },
        2: { name: 'constant.numeric.goal-reference.groupnote' },
      },
    },
  },
};

const out = process.argv[2] ?? new URL('../syntaxes/groupnote.injection.tmLanguage.json', import.meta.url);
if (process.argv.includes('--print')) process.stdout.write(JSON.stringify(grammar, null, 2) + '\n');
else fs.writeFileSync(out, JSON.stringify(grammar, null, 2) + '\n');
