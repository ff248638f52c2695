// The note's top-level Markdown blocks. The note model needs only these (headings with their
// depth and text, paragraphs, thematic breaks, the frontmatter), so they are read straight from
// the tokens of micromark, the CommonMark tokenizer that remark-parse runs, without building
// remark's syntax tree (about half of the parse time went into building it). Where the tokens
// alone do not give remark's answer simply (a heading with markup or on two lines, link
// definitions), that text is parsed with unified + remark-parse instead. A property test
// (test/hardening/blocks-properties.test.ts) checks that both give the same blocks.
//
// Most chunks (below) hold only the plain Markdown notes are made of; engine/parse/simple-blocks.ts
// reads those line by line, in a fraction of micromark's time, and leaves the rest to micromark.
//
// A note is parsed in chunks that start at top-level "#" headings, and the blocks of each chunk
// are kept for a while: while a clinician types into one member's section, only that section is
// parsed again. Chunks are used only where they cannot change the result: a heading at column 0
// always starts a new top-level block, except inside a fenced code block, an HTML block or the
// frontmatter, so a note with fences, HTML blocks (other than one-line comments) or link
// definitions (which change heading text) is parsed whole.
//
// The work micromark may do on one note is bounded (engine/parse/parse-budget.ts): the chunks it reads
// share one budget, and a text past it is read up to the last line that fits. The blocks then end
// with one `unparsed` block from there to the end, which the note model reports.

import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, RootContent } from 'mdast';
import { parse, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { subtokenize } from 'micromark-util-subtokenize';
import type { Token } from 'micromark-util-types';
import { RecentCache } from './recent.js';
import { lineEndAt, nextLineStart, simpleBlocks, yamlText, type TopBlock } from './simple-blocks.js';
import { PARSE_BUDGET, parseCost } from './parse-budget.js';

export type { TopBlock } from './simple-blocks.js';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/** The type of the last block when the parse budget ran out: the text from its start was not parsed. */
export const UNPARSED = 'unparsed';

/** The parse work (engine/parse/parse-budget.ts) charged for the last topLevelBlocks or parseWithin call: never over PARSE_BUDGET. */
export const parseWork = { last: 0 };

/**
 * A chunk as read before: its blocks by the line scanner (cost 0), or its micromark cost and,
 * once it was parsed within a budget, its blocks.
 */
interface ChunkParse {
  cost: number;
  blocks: TopBlock[] | null;
}

/** Chunks of text whose blocks are kept (about two dozen notes' worth of sections). */
const recentChunks = new RecentCache<string, ChunkParse>(400);

/** The top-level blocks of `text`, with offsets into `text`; past the parse budget, an `unparsed` block ends them. */
export function topLevelBlocks(text: string): TopBlock[] {
  // remark skips one leading byte-order mark and counts its offsets after it; a second one is
  // text (and would be skipped too if the rest were parsed on its own: then parse it whole)
  if (text.charCodeAt(0) === 0xfeff) {
    const rest = text.slice(1);
    const blocks = rest.charCodeAt(0) === 0xfeff ? parseWithin(text, PARSE_BUDGET) : topLevelBlocks(rest);
    return blocks.map((b) => ({ ...b, start: b.start + 1, end: b.end + 1 }));
  }
  const chunks = chunkStarts(text);
  if (!chunks) return parseWithin(text, PARSE_BUDGET);
  const { starts, frontmatterEnd } = chunks;
  const blocks: TopBlock[] = [];
  let left = PARSE_BUDGET;
  parseWork.last = 0;
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i];
    const chunk = text.slice(from, i + 1 < starts.length ? starts[i + 1] : text.length);
    const known = recentChunks.get(chunk, () => {
      const simple = simpleBlocks(chunk);
      return simple ? { cost: 0, blocks: simple } : { cost: parseCost(chunk).cost, blocks: null };
    });
    let parsed: TopBlock[];
    if (known.cost > left) {
      parsed = parseWithin(chunk, left);
      left -= parseWork.last;
    } else {
      left -= known.cost;
      parsed = known.blocks ??= parseWhole(chunk);
    }
    parseWork.last = PARSE_BUDGET - left;
    // the scan took the first lines for a frontmatter; the parser must have read them the same way
    if (i === 0 && frontmatterEnd > 0 && (parsed[0]?.type !== 'yaml' || parsed[0].end !== frontmatterEnd)) {
      // (within what the first chunk left of the budget)
      const whole = parseWithin(text, left);
      parseWork.last += PARSE_BUDGET - left;
      return whole;
    }
    for (const b of parsed) blocks.push(from === 0 ? b : { ...b, start: b.start + from, end: b.end + from });
    if (parsed.at(-1)?.type === UNPARSED) {
      // the rest of the note is not parsed: the unparsed block reaches to its end
      blocks[blocks.length - 1] = { ...blocks[blocks.length - 1], end: text.length };
      break;
    }
  }
  return blocks;
}

/** The blocks of `text` parsed whole, up to the last line that fits in `budget`, then an `unparsed` block. */
export function parseWithin(text: string, budget: number): TopBlock[] {
  const { cost, cutAt } = parseCost(text, budget);
  parseWork.last = cost;
  if (cutAt < 0) return parseWhole(text);
  const blocks = cutAt > 0 ? parseWhole(text.slice(0, cutAt)) : [];
  // offsets after a leading byte-order mark, as parseWhole's
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  blocks.push({ type: UNPARSED, start: Math.max(0, cutAt - bom), end: text.length - bom, depth: 0, text: '' });
  return blocks;
}

// One micromark parser for every text: making one combines all syntax extensions, which took
// about 1% of the CLI's time when done for every chunk. Its per-document state (which lines are
// lazy continuations, which link labels are defined) is cleared before each text.
const parser = parse({ extensions: [frontmatter(['yaml'])] });

function tokens(text: string) {
  parser.lazy = {};
  parser.defined = [];
  const events = parser.document().write(preprocess()(text, undefined, true));
  // micromark's postprocess expands nested content until none is left: the flow inside
  // containers, paragraphs and link definitions (which decide block boundaries), then the text
  // of paragraphs and headings into emphasis, links and the like. Block boundaries are settled
  // before any inline parsing (CommonMark's two phases), so text and string chunks are left
  // whole: a third less parsing time, the same blocks (checked against remark-parse by the
  // property test in test/hardening/blocks-properties.test.ts). The first round only expands
  // the document's flow, where there are no text chunks yet.
  while (!subtokenize(events)) {
    for (const [kind, token] of events) if (kind === 'enter' && (token.type === 'chunkText' || token.type === 'chunkString')) token.contentType = undefined;
  }
  return events;
}

/** mdast node types of the tokens that are top-level blocks (paragraphs sit inside "content"). */
const BLOCK_TYPE: Record<string, string> = {
  atxHeading: 'heading', setextHeading: 'heading', thematicBreak: 'thematicBreak', blockQuote: 'blockquote',
  listOrdered: 'list', listUnordered: 'list', codeIndented: 'code', codeFenced: 'code', htmlFlow: 'html', yaml: 'yaml',
};
/** Heading text that remark would change: escapes, references, emphasis, code, HTML, links, breaks. */
const HEADING_MARKUP = /[\\&*_`<[\]!\r\n]/;

/** The top-level blocks of `text` from one parse of all of it (remark's offsets: after a leading BOM). */
export function parseWhole(text: string): TopBlock[] {
  const events = tokens(text);
  // like remark, micromark skips one leading byte-order mark and counts offsets after it
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const blocks: TopBlock[] = [];
  let depth = 0;
  let headingText: Token | undefined;
  let headingDepth = 0;
  for (const [kind, token] of events) {
    if (kind === 'enter') {
      depth++;
      continue;
    }
    depth--;
    const type = token.type;
    if (depth === 1) {
      // children of a top-level token
      if (type === 'paragraph') blocks.push({ type: 'paragraph', start: token.start.offset, end: token.end.offset, depth: 0, text: '' });
      else if (type === 'definition') return remarkBlocks(text);
      else if (type === 'atxHeadingText' || type === 'setextHeadingText') headingText = token;
      else if (type === 'atxHeadingSequence' && headingDepth === 0) headingDepth = token.end.offset - token.start.offset;
      continue;
    }
    if (depth === 2 && type === 'setextHeadingLineSequence') headingDepth = source.charCodeAt(token.start.offset) === 61 /* = */ ? 1 : 2;
    if (depth !== 0) continue;
    const blockType = BLOCK_TYPE[type];
    if (!blockType) continue; // line endings, blank lines, the "content" around paragraphs
    let value = '';
    if (blockType === 'heading') {
      const raw = headingText ? source.slice(headingText.start.offset, headingText.end.offset) : '';
      if (HEADING_MARKUP.test(raw)) return remarkBlocks(text);
      value = asRemarkReads(raw).replace(/\s+/g, ' ').trim();
    } else if (blockType === 'yaml') {
      value = asRemarkReads(yamlText(source.slice(token.start.offset, token.end.offset)));
    }
    blocks.push({ type: blockType, start: token.start.offset, end: token.end.offset, depth: blockType === 'heading' ? headingDepth : 0, text: value });
    headingText = undefined;
    headingDepth = 0;
  }
  return blocks;
}

/** Text as remark's nodes hold it: micromark reads a NUL character as U+FFFD (found by npm run fuzz). */
function asRemarkReads(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', '\ufffd') : text;
}

/** The same blocks from remark-parse's syntax tree (the reference the token reading is tested against). */
export function remarkBlocks(text: string): TopBlock[] {
  const tree = processor.parse(text) as Root;
  return tree.children.map((node) => ({
    type: node.type,
    start: node.position?.start.offset ?? 0,
    end: node.position?.end.offset ?? 0,
    depth: node.type === 'heading' ? node.depth : 0,
    text: node.type === 'heading' ? plainText(node) : node.type === 'yaml' ? node.value : '',
  }));
}

function plainText(node: RootContent): string {
  const parts: string[] = [];
  const walk = (n: { type: string; value?: string; children?: unknown[] }) => {
    if (typeof n.value === 'string' && n.type !== 'html') parts.push(n.value);
    for (const c of (n.children ?? []) as { type: string }[]) walk(c);
  };
  walk(node as unknown as { type: string; children: unknown[] });
  return parts.join('').replace(/\s+/g, ' ').trim();
}

const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;
const FRONTMATTER_FENCE = /^---[ \t]*$/;
// After any container prefix (indentation, ">", list markers): a code fence, an HTML block or a
// link definition. Such a note is parsed whole.
const NOT_CHUNKABLE = /^[ \t>*+\-\d.)]*(?:`{3,}|~{3,}|<|\[[^\]]*\]:)/;
const ONE_LINE_COMMENT = /^[ \t>*+\-\d.)]*<!--.*-->/;

/**
 * Offsets where chunks start (the first is 0): every line that is an ATX heading at column 0
 * after the frontmatter, and where the frontmatter ends (0 without one). Null when the note must
 * be parsed whole.
 */
export function chunkStarts(text: string): { starts: number[]; frontmatterEnd: number } | null {
  const starts = [0];
  let frontmatterEnd = 0;
  let lineStart = 0;
  let inFrontmatter = false;
  let first = true;
  while (lineStart < text.length) {
    const lineEnd = lineEndAt(text, lineStart);
    const line = text.slice(lineStart, lineEnd);
    if (first && FRONTMATTER_FENCE.test(line)) {
      inFrontmatter = true;
    } else if (inFrontmatter) {
      if (FRONTMATTER_FENCE.test(line)) {
        inFrontmatter = false;
        frontmatterEnd = lineEnd;
      }
    } else if (NOT_CHUNKABLE.test(line) && !ONE_LINE_COMMENT.test(line)) {
      return null;
    } else if (!first && ATX_HEADING.test(line)) {
      starts.push(lineStart);
    }
    first = false;
    lineStart = nextLineStart(text, lineEnd);
  }
  // a frontmatter that never closes is not one: the first lines may be anything
  return inFrontmatter ? null : { starts, frontmatterEnd };
}
