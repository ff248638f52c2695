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
  if (text.includes('\t') || /[ ](?:#)|^(?:---|\.\.\.|%)/m.test(text)) return null;
  try {
    return readDocument(text.split(LINE_BREAK));
  } catch (error) {
    if (error instanceof NotSimple) return null;
    throw error;
  }
}

function notSimple(): never {
  throw new NotSimple();
}

function readDocument(lines: string[]): Record<string, Value> {
  const out: Record<string, Value> = {};
  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && (lines[i].trim() === '' || lines[i].trimStart().startsWith('#'))) i++;
  };
  skipBlank();
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith(' ')) notSimple();
    const { key, rest } = splitKey(line);
    i++;
    if (Object.hasOwn(out, key)) notSimple();
    if (rest !== '') {
      out[key] = blockValue(rest);
      skipBlank();
      continue;
    }
    // an empty value: a block list may follow (indented, or at the key's own column)
    skipBlank();
    if (i < lines.length && /^ *- /.test(lines[i])) {
      const indent = lines[i].length - lines[i].trimStart().length;
      const items: Value[] = [];
      while (i < lines.length && lines[i].length > indent && lines[i].startsWith('- ', indent) && lines[i].slice(0, indent).trim() === '') {
        const first = lines[i].slice(indent + 2);
        i++;
        if (first.startsWith(' ')) notSimple();
        if (!isMappingLine(first)) {
          items.push(blockValue(first));
        } else {
          // a block mapping: its other keys sit where the first key does
          const item: Record<string, Value> = {};
          const column = indent + 2;
          let entry = first;
          for (;;) {
            const { key: itemKey, rest: itemRest } = splitKey(entry);
            if (itemRest === '' || Object.hasOwn(item, itemKey)) notSimple();
            item[itemKey] = blockValue(itemRest);
            skipBlank();
            if (i >= lines.length) break;
            const next = lines[i];
            const nextIndent = next.length - next.trimStart().length;
            if (nextIndent !== column || next.startsWith('- ', column)) {
              if (nextIndent > column) notSimple();
              break;
            }
            entry = next.slice(column);
            i++;
          }
          items.push(item);
        }
        skipBlank();
      }
      if (i < lines.length && lines[i].startsWith(' ')) notSimple();
      out[key] = items;
    } else {
      if (i < lines.length && lines[i].startsWith(' ')) notSimple();
      out[key] = null;
    }
  }
  return out;
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
