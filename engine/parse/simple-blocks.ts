// A line scanner for the top-level blocks of the Markdown most notes are made of: a frontmatter,
// ATX headings, paragraphs, bullet lists of text, thematic breaks and one-line HTML comments
// (disable comments). For such text it gives exactly the blocks micromark's tokens give
// (engine/parse/blocks.ts) in a small share of the time; anything else (fences, quotes, ordered or
// nested lists, setext headings, indented blocks, tabs, heading markup, link definitions) makes it
// answer null, and the text goes to micromark. A property test
// (test/hardening/blocks-properties.test.ts) checks it against micromark wherever it answers.

/** A top-level block of a note, as engine/parse/blocks.ts gives it, read by this scanner, micromark or remark. */
export interface TopBlock {
  /** the mdast node type: heading, paragraph, thematicBreak, yaml, list, ... */
  type: string;
  start: number;
  end: number;
  /** heading depth (0 for other blocks) */
  depth: number;
  /** heading text without markup, or the YAML of the frontmatter ('' for other blocks) */
  text: string;
}

const SPACE = 0x20;

/** Blocks of `text` (offsets into it), or null when the text is not of the simple kind. */
export function simpleBlocks(text: string): TopBlock[] | null {
  // micromark counts offsets after a leading byte-order mark (topLevelBlocks deals with it)
  if (text.charCodeAt(0) === 0xfeff) return null;
  const blocks: TopBlock[] = [];
  let lineStart = 0;
  if (isFenceLine(text, 0, lineEndAt(text, 0))) {
    const end = frontmatterEnd(text);
    if (end < 0) return null;
    blocks.push({ type: 'yaml', start: 0, end, depth: 0, text: yamlText(text.slice(0, end)) });
    lineStart = nextLineStart(text, end);
  }

  // the block being read: a paragraph, or a list of `bullet` items whose text starts at `column`
  let open: 'paragraph' | 'list' | null = null;
  let openStart = 0;
  let openEnd = 0;
  let bullet = 0;
  let column = 0;
  let blankSince = false;
  const close = () => {
    if (open) blocks.push({ type: open, start: openStart, end: openEnd, depth: 0, text: '' });
    open = null;
  };

  while (lineStart < text.length) {
    const lineEnd = lineEndAt(text, lineStart);
    let indent = 0;
    while (lineStart + indent < lineEnd && text.charCodeAt(lineStart + indent) === SPACE) indent++;
    const first = lineStart + indent;
    if (first === lineEnd) {
      // a blank line ends a paragraph; a list may go on after it
      if (open === 'paragraph') close();
      blankSince = true;
      lineStart = nextLineStart(text, lineEnd);
      continue;
    }
    if (!plainLine(text, lineStart, lineEnd)) return null;

    const marks = repeatedMarks(text, first, lineEnd);
    if (marks > 0) {
      // "---", "***" or "___" after a blank line is a thematic break; after text, an underline
      const mark = text.charCodeAt(first);
      if (indent > 0 || marks < 3 || mark === 0x3d || (open && !blankSince)) return null;
      close();
      blocks.push({ type: 'thematicBreak', start: lineStart, end: lineEnd, depth: 0, text: '' });
      blankSince = false;
      lineStart = nextLineStart(text, lineEnd);
      continue;
    }
    const heading = indent === 0 ? atxDepth(text, lineStart, lineEnd) : 0;
    const itemColumn = indent === 0 ? bulletItemColumn(text, lineStart, lineEnd) : 0;
    if (indent > 0) {
      // Indented text continues the paragraph or list item it follows (lazily or not), or after
      // a blank line starts a paragraph in the list item it is indented under (four spaces more
      // would make indented code, which text on the next line cannot continue lazily).
      const continues = open === 'paragraph' || (open === 'list' && (!blankSince || (indent >= column && indent < column + 4)));
      if (!continues || !startsText(text, first, lineEnd)) return null;
      openEnd = lineEnd;
    } else if (heading > 0) {
      close();
      const raw = headingText(text, lineStart + heading, lineEnd);
      if (raw === null) return null;
      blocks.push({ type: 'heading', start: lineStart, end: lineEnd, depth: heading, text: raw.replace(/\s+/g, ' ').trim() });
    } else if (text.startsWith('<!--', lineStart)) {
      // a one-line HTML comment is an HTML block; it interrupts a paragraph or list
      const closer = text.indexOf('-->', lineStart + 4);
      if (closer < 0 || closer + 3 > lineEnd) return null;
      close();
      blocks.push({ type: 'html', start: lineStart, end: lineEnd, depth: 0, text: '' });
    } else if (itemColumn > 0) {
      if (!startsText(text, lineStart + itemColumn, lineEnd)) return null;
      // an item with the list's bullet goes on with the list, another bullet starts a new one
      if (open !== 'list' || text.charCodeAt(lineStart) !== bullet) {
        close();
        open = 'list';
        openStart = lineStart;
        bullet = text.charCodeAt(lineStart);
      }
      column = itemColumn;
      openEnd = lineEnd;
    } else {
      if (!startsText(text, lineStart, lineEnd)) return null;
      // text right after a paragraph or list item continues it (lazily, for a list)
      if (open && !blankSince) {
        openEnd = lineEnd;
      } else {
        close();
        open = 'paragraph';
        openStart = lineStart;
        openEnd = lineEnd;
      }
    }
    blankSince = false;
    lineStart = nextLineStart(text, lineEnd);
  }
  close();
  return blocks;
}

/** Where the line starting at `from` ends: at its \n, \r or \r\n, or the end of the text. */
export function lineEndAt(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i++;
  }
  return i;
}

/** Where the next line starts, after the line ending at `lineEnd`. */
export function nextLineStart(text: string, lineEnd: number): number {
  return lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
}

/** "---" and trailing spaces: a frontmatter fence. */
function isFenceLine(text: string, start: number, end: number): boolean {
  if (end - start < 3 || !text.startsWith('---', start)) return false;
  for (let i = start + 3; i < end; i++) if (text.charCodeAt(i) !== SPACE) return false;
  return true;
}

/** End of the closing fence line of a frontmatter that starts the text, or -1. */
function frontmatterEnd(text: string): number {
  let lineStart = nextLineStart(text, lineEndAt(text, 0));
  while (lineStart < text.length) {
    const lineEnd = lineEndAt(text, lineStart);
    for (let i = lineStart; i < lineEnd; i++) if (text.charCodeAt(i) < SPACE || text.charCodeAt(i) === 0x7f) return -1;
    if (isFenceLine(text, lineStart, lineEnd)) return lineEnd;
    lineStart = nextLineStart(text, lineEnd);
  }
  return -1;
}

/** The frontmatter's YAML as remark's yaml node holds it: without the fence lines. */
export function yamlText(frontmatter: string): string {
  return frontmatter.replace(/^---[^\r\n]*(?:\r\n|\r|\n)?/, '').replace(/(?:\r\n|\r|\n)?---[^\r\n]*$/, '');
}

/** No tab or other control character: CommonMark's tab stops are not simple. */
function plainLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < SPACE || c === 0x7f) return false;
  }
  return true;
}

/**
 * For a line of one mark repeated, with or without spaces ("---", "* * *", "===", "-"): how many
 * times; else 0. Such a line is a thematic break, a setext underline or an empty list item.
 */
function repeatedMarks(text: string, start: number, end: number): number {
  let mark = 0;
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) continue;
    if (mark === 0 && (c === 0x2d || c === 0x3d || c === 0x2a || c === 0x5f)) mark = c;
    if (c !== mark) return 0;
    count++;
  }
  return count;
}

/** Depth of an ATX heading line ("#" to "######" then a space or the end), else 0. */
function atxDepth(text: string, start: number, end: number): number {
  let n = 0;
  while (start + n < end && text.charCodeAt(start + n) === 0x23 /* # */) n++;
  return n >= 1 && n <= 6 && (start + n === end || text.charCodeAt(start + n) === SPACE) ? n : 0;
}

/** A heading's text without the spaces around it; null when remark would read it differently (markup, a closing "#" sequence). */
function headingText(text: string, from: number, end: number): string | null {
  let start = from;
  while (start < end && text.charCodeAt(start) === SPACE) start++;
  let stop = end;
  while (stop > start && text.charCodeAt(stop - 1) === SPACE) stop--;
  const raw = text.slice(start, stop);
  return /[\\&*_`<[\]!#]/.test(raw) ? null : raw;
}

/** For "- ", "* " or "+ " and one to four spaces at the start of a line: the column its text starts at; else 0. */
function bulletItemColumn(text: string, start: number, end: number): number {
  const c = text.charCodeAt(start);
  if (c !== 0x2d && c !== 0x2a && c !== 0x2b) return 0;
  let spaces = 0;
  while (start + 1 + spaces < end && text.charCodeAt(start + 1 + spaces) === SPACE) spaces++;
  // more than four spaces make indented code inside the item; no text makes an empty item
  return spaces >= 1 && spaces <= 4 && start + 1 + spaces < end ? 1 + spaces : 0;
}

/**
 * Whether what starts at `at` can only be paragraph text: it cannot open a block (a heading,
 * list item, quote, fence, HTML, link definition, code) wherever it stands.
 */
function startsText(text: string, at: number, end: number): boolean {
  const c = text.charCodeAt(at);
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0x80) return true;
  if (c >= 0x30 && c <= 0x39) {
    // digits, "." or ")" and a space (or nothing) open an ordered list; "1.1" and "10:00" are text
    let i = at;
    while (i < end && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    const after = text.charCodeAt(i);
    return !((after === 0x2e || after === 0x29) && (i + 1 === end || text.charCodeAt(i + 1) === SPACE));
  }
  // "*", "_", "-", "+" followed by text ("**Focus:**", "-5") are text; followed by a space, a mark
  if (c === 0x2a || c === 0x5f || c === 0x2d || c === 0x2b) return at + 1 < end && text.charCodeAt(at + 1) !== SPACE;
  if (c === 0x23 /* # */) return atxDepth(text, at, end) === 0;
  // other punctuation that opens nothing; ">", "<", "`", "~", "[", "\\", "=" and "|" are left to micromark
  return '!"$%&\'(),./:;?@^{}'.includes(text[at]);
}
