// Inline disable comments. Markdown has no comments of its own, so directives are HTML comments:
//
//   <!-- groupnote-disable-next-line rule-id [rule-id ...] [-- justification] -->
//   <!-- groupnote-disable-line rule-id ... -->      (at the end of the line it applies to)
//   <!-- groupnote-disable rule-id ... -->  ...  <!-- groupnote-enable rule-id ... -->
//   <!-- groupnote-disable-file rule-id ... -->      (anywhere in the file)
//
// Rule ids may be separated by spaces or commas. Without ids, a directive covers every rule
// (`groupnote-enable` without ids ends every open range). Everything after " -- " inside the
// comment is the justification: kept for reports, never read as rule ids.
//
// Which lines a directive covers (lines are 0-based, like LSP; \r\n, \n and \r all end a line):
//
// - disable-next-line: the NEXT LINE is the first line after the comment's last line that is
//   not blank. Blank means empty or only whitespace; a line that holds nothing but other
//   groupnote directive comments also counts as blank, so directives can be stacked. A comment
//   in its own paragraph above a heading or a field label therefore covers that heading or
//   field line. It never reaches past a non-blank line.
// - disable-line: the line on which the comment starts.
// - disable ... enable: every line from the line on which the `disable` comment starts up to,
//   but not including, the line on which the `enable` comment starts. With no `enable`, to the
//   end of the file. Disabling all rules and then enabling some leaves the others disabled.
// - disable-file: every line.
//
// A finding is suppressed when the line of its START is covered for its rule.
//
// Comments inside fenced code blocks (``` or ~~~), inside inline code spans and inside the YAML
// frontmatter are not directives. Indented code blocks are not recognised (notes indent list
// continuations far more often than they hold code).
//
// This module only reads the text; it never logs or prints it.

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable' | 'disable-file';

export interface DisableComment {
  kind: DirectiveKind;
  /** the known rule ids named in the comment; null when none were named at all (every rule) */
  ruleIds: string[] | null;
  /** text after " -- ", trimmed; undefined when there is none */
  justification?: string;
  /** offsets of the whole comment, `<!--` to `-->`, in the original text */
  start: number;
  end: number;
  /** 0-based lines of the comment's first and last characters */
  line: number;
  endLine: number;
  /** disable-next-line and disable-line: the line covered, or null when there is none (end of file) */
  targetLine?: number | null;
}

export interface DisableProblem {
  start: number;
  end: number;
  message: string;
}

interface RangeState {
  /** set when every rule is disabled; the justification of that `disable` */
  all: { justification?: string } | null;
  /** rules enabled again while `all` is set */
  allExcept: ReadonlySet<string>;
  /** rules disabled by name, with the justification of their `disable` */
  rules: ReadonlyMap<string, { justification?: string; comment: DisableComment }>;
  allComment: DisableComment | null;
}

interface LineEntry {
  ruleIds: string[] | null;
  justification?: string;
  comment: DisableComment;
}

export interface DisableDirectives {
  /** every directive comment, in text order */
  comments: DisableComment[];
  /** unknown rule ids, unknown directives, misplaced comments: for the caller to report */
  problems: DisableProblem[];
  /** next-line and same-line entries by covered line */
  readonly lineEntries: ReadonlyMap<number, readonly LineEntry[]>;
  /** range states in text order, each in force from its line on */
  readonly ranges: readonly { line: number; state: RangeState }[];
  /** file-wide entries */
  readonly fileEntries: readonly LineEntry[];
}

export interface Suppression {
  suppressed: boolean;
  justification?: string;
  /** the directive that suppressed the finding */
  comment?: DisableComment;
}

const DIRECTIVE_RE = /^groupnote-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)([\s\S]*)$/i;
const JUSTIFICATION_RE = /(?:^|\s)--(?:\s|$)/;
const LINE_BREAK = /\r\n|\r|\n/g;

interface Line {
  start: number;
  /** end of the line's content, before its line break */
  end: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(text); m; m = LINE_BREAK.exec(text)) {
    lines.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  lines.push({ start, end: text.length });
  return lines;
}

function lineOf(lines: Line[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid].start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Offset ranges where comments are not directives: frontmatter and fenced code blocks. */
function excludedRegions(text: string, lines: Line[]): { start: number; end: number }[] {
  const regions: { start: number; end: number }[] = [];
  let i = 0;
  // YAML frontmatter: a `---` first line (after an optional BOM) up to the next `---` or `...` line
  if (/^\uFEFF?---[ \t]*$/.test(text.slice(lines[0].start, lines[0].end))) {
    for (let j = 1; j < lines.length; j++) {
      if (/^(?:---|\.\.\.)[ \t]*$/.test(text.slice(lines[j].start, lines[j].end))) {
        regions.push({ start: 0, end: lines[j].end });
        i = j + 1;
        break;
      }
    }
  }
  let fence: { char: string; length: number; start: number } | null = null;
  for (; i < lines.length; i++) {
    const content = text.slice(lines[i].start, lines[i].end);
    if (!fence) {
      // an opening fence: 3+ ` or ~ after any indentation and list or quote markers (fences in
      // list items are indented; an indented code block holding a fence line is rare in notes)
      const open = /^(?:[ \t]*(?:[-*+]|\d+[.)]|>)(?=[ \t`~]))*[ \t]*(`{3,}|~{3,})(.*)$/.exec(content);
      if (open && !(open[1][0] === '`' && open[2].includes('`'))) fence = { char: open[1][0], length: open[1].length, start: lines[i].start };
    } else {
      const close = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(content);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) {
        regions.push({ start: fence.start, end: lines[i].end });
        fence = null;
      }
    }
  }
  // an unclosed fence runs to the end of the file, as in CommonMark
  if (fence) regions.push({ start: fence.start, end: text.length });
  return regions;
}

/** Every HTML comment outside code, with its offsets. */
function findComments(text: string, lines: Line[]): { start: number; end: number; body: string; bodyStart: number }[] {
  const regions = excludedRegions(text, lines);
  const comments: { start: number; end: number; body: string; bodyStart: number }[] = [];
  let r = 0;
  let i = 0;
  // backtick-run lengths known to have no closing run before the given paragraph end: a later
  // run of the same length in the same paragraph has none either (keeps the scan linear)
  const unmatched = new Map<number, number>();
  const paragraphEnd = paragraphEnds(text);
  while (i < text.length) {
    while (r < regions.length && regions[r].end <= i) r++;
    if (r < regions.length && regions[r].start <= i) {
      i = regions[r].end;
      continue;
    }
    const ch = text[i];
    if (ch === '<' && text.startsWith('<!--', i)) {
      // "<!-->" and "<!--->" are complete, empty comments (CommonMark 0.31)
      const empty = /^<!---?>/.exec(text.slice(i, i + 6));
      if (empty) {
        i += empty[0].length;
        continue;
      }
      const close = text.indexOf('-->', i + 4);
      if (close < 0) break; // an unclosed comment hides the rest of the file
      comments.push({ start: i, end: close + 3, body: text.slice(i + 4, close), bodyStart: i + 4 });
      i = close + 3;
      continue;
    }
    if (ch === '`') {
      // an inline code span: a run of n backticks up to the next run of exactly n, within the
      // paragraph (a blank line ends the search); without one the backticks are literal
      let n = 0;
      while (text[i + n] === '`') n++;
      const stop = paragraphEnd(i + n);
      if (unmatched.get(n) === stop) {
        i += n;
        continue;
      }
      let j = i + n;
      let closed = -1;
      while (j < stop) {
        const k = text.indexOf('`', j);
        if (k < 0 || k >= stop) break;
        let m = 0;
        while (text[k + m] === '`') m++;
        if (m === n) {
          closed = k + m;
          break;
        }
        j = k + m;
      }
      if (closed < 0) unmatched.set(n, stop);
      i = closed >= 0 ? closed : i + n;
      continue;
    }
    i++;
  }
  return comments;
}

const BLANK_LINE = /(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/g;

/** A function giving the offset of the first blank line at or after an offset (or the end of the text). */
function paragraphEnds(text: string): (offset: number) => number {
  let from = -1;
  let at = -1;
  return (offset) => {
    // calls come in increasing offsets: the last answer holds while it is still ahead
    if (from <= offset && offset <= at) return at;
    BLANK_LINE.lastIndex = offset;
    const m = BLANK_LINE.exec(text);
    from = offset;
    at = m ? m.index : text.length;
    return at;
  };
}

/**
 * Reads every groupnote directive comment in a note.
 * @param knownRuleIds ids of the rules that exist; other ids are reported in `problems` and ignored
 */
export function parseDisableComments(text: string, knownRuleIds: readonly string[]): DisableDirectives {
  const lines = splitLines(text);
  const known = new Map(knownRuleIds.map((id) => [id.toLowerCase(), id]));
  const comments: DisableComment[] = [];
  const problems: DisableProblem[] = [];

  for (const c of findComments(text, lines)) {
    const leading = /^\s*/.exec(c.body)![0].length;
    const trimmed = c.body.slice(leading).trimEnd(); // not /\s+$/: quadratic on a long run of spaces
    const bodyStart = c.bodyStart + leading;
    const m = DIRECTIVE_RE.exec(trimmed);
    if (!m) {
      const word = /^groupnote-[\w-]*/i.exec(trimmed);
      if (word) {
        problems.push({
          start: bodyStart,
          end: bodyStart + word[0].length,
          message: `Unknown directive '${word[0]}' in comment; use groupnote-disable-next-line, groupnote-disable-line, groupnote-disable, groupnote-enable or groupnote-disable-file.`,
        });
      }
      continue;
    }
    const kind = m[1].toLowerCase() as DirectiveKind;
    const restStart = bodyStart + 'groupnote-'.length + kind.length;
    let rest = m[2];
    let justification: string | undefined;
    const dashes = JUSTIFICATION_RE.exec(rest);
    if (dashes) {
      justification = rest.slice(dashes.index + dashes[0].length).trim() || undefined;
      rest = rest.slice(0, dashes.index);
    }
    let ruleIds: string[] | null = null;
    const idRe = /[^\s,]+/g;
    for (let id = idRe.exec(rest); id; id = idRe.exec(rest)) {
      ruleIds ??= [];
      const knownId = known.get(id[0].toLowerCase());
      if (knownId) {
        if (!ruleIds.includes(knownId)) ruleIds.push(knownId);
      } else {
        problems.push({
          start: restStart + id.index,
          end: restStart + id.index + id[0].length,
          message: `Unknown rule id '${id[0]}' in disable comment.`,
        });
      }
    }
    comments.push({
      kind,
      ruleIds,
      ...(justification !== undefined ? { justification } : {}),
      start: c.start,
      end: c.end,
      line: lineOf(lines, c.start),
      endLine: lineOf(lines, c.end - 1),
    });
  }

  // Lines that hold only directive comments count as blank when looking for the next line.
  const directiveOnly = new Set<number>();
  const byLine = new Map<number, DisableComment[]>();
  for (const c of comments) for (let l = c.line; l <= c.endLine; l++) byLine.set(l, [...(byLine.get(l) ?? []), c]);
  for (const [l, cs] of byLine) {
    let rest = text.slice(lines[l].start, lines[l].end);
    // blank out each comment's part of this line, last first so offsets stay valid
    for (const c of [...cs].reverse()) {
      const from = Math.max(c.start, lines[l].start) - lines[l].start;
      const to = Math.min(c.end, lines[l].end) - lines[l].start;
      rest = rest.slice(0, from) + rest.slice(to);
    }
    if (/^\s*$/.test(rest)) directiveOnly.add(l);
  }
  const isBlank = (l: number) => directiveOnly.has(l) || /^\s*$/.test(text.slice(lines[l].start, lines[l].end));

  const lineEntries = new Map<number, LineEntry[]>();
  const addLine = (l: number, c: DisableComment) => {
    const list = lineEntries.get(l) ?? [];
    list.push({ ruleIds: c.ruleIds, justification: c.justification, comment: c });
    lineEntries.set(l, list);
  };
  const ranges: { line: number; state: RangeState }[] = [];
  let state: RangeState = { all: null, allExcept: new Set(), rules: new Map(), allComment: null };
  const fileEntries: LineEntry[] = [];

  for (const c of comments) {
    switch (c.kind) {
      case 'disable-next-line': {
        let l = c.endLine + 1;
        while (l < lines.length && isBlank(l)) l++;
        c.targetLine = l < lines.length ? l : null;
        if (c.targetLine !== null) addLine(c.targetLine, c);
        else problems.push({ start: c.start, end: c.end, message: 'This groupnote-disable-next-line comment has no line after it to apply to.' });
        break;
      }
      case 'disable-line': {
        c.targetLine = c.line;
        addLine(c.line, c);
        const before = text.slice(lines[c.line].start, c.start);
        if (/^\s*$/.test(before)) {
          problems.push({
            start: c.start,
            end: c.end,
            message: 'groupnote-disable-line applies to the text before it on the same line, and there is none; use groupnote-disable-next-line above the line instead.',
          });
        }
        break;
      }
      case 'disable-file':
        fileEntries.push({ ruleIds: c.ruleIds, justification: c.justification, comment: c });
        break;
      case 'disable': {
        if (c.ruleIds === null) {
          state = { all: { justification: c.justification }, allExcept: new Set(), rules: state.rules, allComment: c };
        } else {
          const rules = new Map(state.rules);
          const allExcept = new Set(state.allExcept);
          for (const id of c.ruleIds) {
            rules.set(id, { justification: c.justification, comment: c });
            allExcept.delete(id);
          }
          state = { ...state, rules, allExcept };
        }
        ranges.push({ line: c.line, state });
        break;
      }
      case 'enable': {
        if (c.ruleIds === null) {
          state = { all: null, allExcept: new Set(), rules: new Map(), allComment: null };
        } else {
          const rules = new Map(state.rules);
          const allExcept = new Set(state.allExcept);
          for (const id of c.ruleIds) {
            rules.delete(id);
            if (state.all) allExcept.add(id);
          }
          state = { ...state, rules, allExcept };
        }
        ranges.push({ line: c.line, state });
        break;
      }
    }
  }

  return { comments, problems, lineEntries, ranges, fileEntries };
}

const covers = (ruleIds: string[] | null, ruleId: string) => ruleIds === null || ruleIds.includes(ruleId);

/**
 * Whether a finding of ruleId that starts on line (0-based) is suppressed, and with which
 * justification. The most specific directive wins: next-line / same-line, then range, then file.
 */
export function isSuppressed(directives: DisableDirectives, ruleId: string, line: number): Suppression {
  for (const entry of directives.lineEntries.get(line) ?? []) {
    if (covers(entry.ruleIds, ruleId)) return hit(entry.justification, entry.comment);
  }
  // the last range state that starts on or before this line
  let state: RangeState | null = null;
  for (const r of directives.ranges) {
    if (r.line > line) break;
    state = r.state;
  }
  if (state) {
    const named = state.rules.get(ruleId);
    if (named) return hit(named.justification, named.comment);
    if (state.all && !state.allExcept.has(ruleId)) return hit(state.all.justification, state.allComment ?? undefined);
  }
  for (const entry of directives.fileEntries) {
    if (covers(entry.ruleIds, ruleId)) return hit(entry.justification, entry.comment);
  }
  return { suppressed: false };
}

function hit(justification: string | undefined, comment: DisableComment | undefined): Suppression {
  return { suppressed: true, ...(justification !== undefined ? { justification } : {}), ...(comment ? { comment } : {}) };
}

/**
 * What isSuppressed() needs of a note's directives, as plain JSON: the rule ids each directive
 * covers and the lines it covers, without the comments' text or justifications (a summary file,
 * cli/summary-file.ts, carries it to another process).
 */
export interface PortableDirectives {
  /** [line, rule ids or null for every rule] of next-line and same-line directives */
  lines: [number, string[] | null][];
  /** [line, every rule disabled (1) or not (0), rules enabled again, rules disabled by name] */
  ranges: [number, 0 | 1, string[], string[]][];
  /** rule ids (or null: every rule) of each disable-file directive */
  file: (string[] | null)[];
}

export function portableDirectives(d: DisableDirectives): PortableDirectives {
  const lines: PortableDirectives['lines'] = [];
  for (const [line, entries] of d.lineEntries) for (const e of entries) lines.push([line, e.ruleIds]);
  return {
    lines,
    ranges: d.ranges.map((r) => [r.line, r.state.all ? 1 : 0, [...r.state.allExcept], [...r.state.rules.keys()]]),
    file: d.fileEntries.map((e) => e.ruleIds),
  };
}

/** Directives that suppress exactly what the portable form's note suppressed (no comments, no justifications). */
export function directivesFromPortable(p: PortableDirectives): DisableDirectives {
  const comment = (line: number): DisableComment => ({ kind: 'disable', ruleIds: null, start: 0, end: 0, line, endLine: line });
  const lineEntries = new Map<number, LineEntry[]>();
  for (const [line, ruleIds] of p.lines) {
    const list = lineEntries.get(line) ?? [];
    list.push({ ruleIds, comment: comment(line) });
    lineEntries.set(line, list);
  }
  const ranges = p.ranges.map(([line, all, allExcept, rules]) => ({
    line,
    state: {
      all: all ? {} : null,
      allExcept: new Set(allExcept),
      rules: new Map(rules.map((id) => [id, { comment: comment(line) }])),
      allComment: null,
    } satisfies RangeState,
  }));
  return { comments: [], problems: [], lineEntries, ranges, fileEntries: p.file.map((ruleIds) => ({ ruleIds, comment: comment(0) })) };
}
