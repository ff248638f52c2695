// A fast reader for the plain frontmatter nearly every note has: top-level `key: value` lines,
// one-line flow lists and mappings, and a block list of members (each a flow mapping, a block
// mapping of `key: value` lines, or a name). It returns null for anything else (quotes with
// escapes, comments after values, nested mappings, anchors, multi-line scalars, tabs, duplicate
// keys, numbers other than plain integers), and the caller then reads the YAML with the yaml
// package. When it returns a value, that value equals what the yaml package gives (YAML 1.2 core
// schema): checked by a property test (test/hardening/simple-yaml-properties.test.ts).
//
// Why: the yaml package builds a full document with ranges and comments, which took about 6% of
// the CLI's time on a folder; the note model and treatment plans need only the values.

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** Thrown inside the reader when the text is outside the simple subset. */
class NotSimple extends Error {}

const KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;
// keys YAML might read as something other than their text (booleans and null in YAML 1.1 or 1.2)
const SPECIAL_KEY = /^(?:null|true|false|yes|no|on|off|y|n)$/i;
const LINE_BREAK = /\r\n|\r|\n/;

/** The frontmatter's values, or null when it is not in the simple subset this reader knows. */
export function readSimpleYaml(text: string): Record<string, Value> | null {
  // a tab, a comment after a value or a document marker: leave it to the yaml package
  if (text.includes('\t') || / #|^(?:---|\.\.\.|%)/m.test(text)) return null;
  try {
    return new LineReader(text.split(LINE_BREAK)).document();
  } catch (error) {
    if (error instanceof NotSimple) return null;
    throw error;
  }
}

function notSimple(): never {
  throw new NotSimple();
}

/** Reads the lines of a simple frontmatter in order; any line outside the subset throws NotSimple. */
class LineReader {
  private i = 0;

  constructor(private readonly lines: string[]) {}

  /** Top-level `key: value` lines, and `key:` followed by a block list or nothing. */
  document(): Record<string, Value> {
    const out: Record<string, Value> = {};
    this.skipBlank();
    while (this.i < this.lines.length) {
      const line = this.lines[this.i++];
      if (line.startsWith(' ')) notSimple();
      const { key, rest } = splitKey(line);
      if (Object.hasOwn(out, key)) notSimple();
      this.skipBlank();
      // an empty value: a block list may follow (indented, or at the key's own column)
      out[key] = rest !== '' ? blockValue(rest) : /^ *- /.test(this.peek()) ? this.blockList() : null;
      // anything indented left over (a nested mapping, a continuation line) is not simple
      if (this.peek().startsWith(' ')) notSimple();
    }
    return out;
  }

  /** Items `- value` or `- key: value` (a block mapping) at the indentation of the first one. */
  private blockList(): Value[] {
    const line = this.peek();
    const indent = line.length - line.trimStart().length;
    const items: Value[] = [];
    for (let next = line; next.length > indent && next.startsWith('- ', indent) && next.slice(0, indent).trim() === ''; next = this.peek()) {
      const first = next.slice(indent + 2);
      this.i++;
      if (first.startsWith(' ')) notSimple();
      items.push(isMappingLine(first) ? this.blockMapping(first, indent + 2) : blockValue(first));
      this.skipBlank();
    }
    return items;
  }

  /** A list item's mapping: its first `key: value` is `first`; the others sit at `column`. */
  private blockMapping(first: string, column: number): Record<string, Value> {
    const item: Record<string, Value> = {};
    for (let entry = first; ; entry = this.lines[this.i++].slice(column)) {
      const { key, rest } = splitKey(entry);
      if (rest === '' || Object.hasOwn(item, key)) notSimple();
      item[key] = blockValue(rest);
      this.skipBlank();
      if (this.i >= this.lines.length) return item;
      const next = this.lines[this.i];
      const nextIndent = next.length - next.trimStart().length;
      if (nextIndent !== column || next.startsWith('- ', column)) {
        if (nextIndent > column) notSimple();
        return item;
      }
    }
  }

  /** The current line ('' past the end). */
  private peek(): string {
    return this.lines[this.i] ?? '';
  }

  /** Skips blank lines and comment lines. */
  private skipBlank(): void {
    while (this.i < this.lines.length && (this.lines[this.i].trim() === '' || this.lines[this.i].trimStart().startsWith('#'))) this.i++;
  }
}

function isMappingLine(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_-]*:(?: |$)/.test(text);
}

function splitKey(line: string): { key: string; rest: string } {
  const colon = line.indexOf(':');
  if (colon <= 0) notSimple();
  const key = line.slice(0, colon);
  const after = line.slice(colon + 1);
  if (!KEY.test(key) || SPECIAL_KEY.test(key) || (after !== '' && !after.startsWith(' '))) notSimple();
  return { key, rest: after.trim() };
}

/** A value after `key: ` or `- ` in block context. */
function blockValue(text: string): Value {
  if (text.startsWith('[')) return flowSequence(text);
  if (text.startsWith('{')) return flowMapping(text);
  return scalar(text, false);
}

function flowSequence(text: string): Value[] {
  if (!text.endsWith(']')) notSimple();
  const inner = text.slice(1, -1).trim();
  if (inner === '') return [];
  return inner.split(',').map((part) => scalar(part.trim(), true));
}

function flowMapping(text: string): Record<string, Value> {
  if (!text.endsWith('}')) notSimple();
  const out: Record<string, Value> = {};
  const inner = text.slice(1, -1).trim();
  if (inner === '') return out;
  // entries split at commas outside [...]; one level of flow list is allowed as a value
  const entries: string[] = [];
  let depth = 0;
  let from = 0;
  for (let k = 0; k < inner.length; k++) {
    const c = inner[k];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '{' || c === '}' || depth < 0 || depth > 1) notSimple();
    else if (c === ',' && depth === 0) {
      entries.push(inner.slice(from, k));
      from = k + 1;
    }
  }
  if (depth !== 0) notSimple();
  entries.push(inner.slice(from));
  for (const raw of entries) {
    const entry = raw.trim();
    const { key, rest } = splitKey(entry);
    if (rest === '' || Object.hasOwn(out, key)) notSimple();
    out[key] = rest.startsWith('[') ? flowSequence(rest) : scalar(rest, true);
  }
  return out;
}

const DOUBLE_QUOTED = /^"[^"\\]*"$/;
const SINGLE_QUOTED = /^'[^']*'$/;
// a plain scalar may not start with an indicator; '-' only as a plain negative integer
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
const FLOW_INDICATOR = /[,[\]{}]/;
const INTEGER = /^-?(?:0|[1-9][0-9]{0,14})$/;
// any other number of the core schema (signs, leading zeros, floats, exponents, hex, octal,
// infinities), and a little more: leave to the yaml package. Dates and times stay strings.
const NUMBER_LIKE = /^[-+]?(?:[0-9][0-9_]*|[0-9]*\.[0-9]*)(?:[eE][-+]?[0-9]+)?$|^0[ox]|^[-+]?\.(?:inf|nan)$/i;

function scalar(text: string, inFlow: boolean): Value {
  if (text === '') notSimple();
  if (text.startsWith('"')) {
    if (!DOUBLE_QUOTED.test(text)) notSimple();
    return text.slice(1, -1);
  }
  if (text.startsWith("'")) {
    if (!SINGLE_QUOTED.test(text)) notSimple();
    return text.slice(1, -1);
  }
  if (INTEGER.test(text) && text !== '-0') return Number(text);
  if (INDICATOR_START.test(text) || NUMBER_LIKE.test(text)) notSimple();
  if (text.includes(': ') || text.endsWith(':') || (inFlow && FLOW_INDICATOR.test(text))) notSimple();
  if (/^(?:null|Null|NULL|~)$/.test(text)) return null;
  if (/^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  return text;
}
