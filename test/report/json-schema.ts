// A small JSON Schema (draft-04) validator for the SARIF 2.1.0 schema in ./schemas/.
//
// It implements exactly the keywords that schema uses ($ref to local definitions, type, enum,
// properties, additionalProperties, required, items, minItems, uniqueItems, minimum, maximum,
// pattern, format uri / uri-reference / date-time, anyOf, oneOf) and throws on any other keyword,
// so a constraint can never be skipped silently. Annotation keywords (description, default, title,
// $schema, id, definitions) are ignored. test/report/sarif.test.ts cross-checks its verdicts
// against ajv when ajv can be loaded.

export interface SchemaError {
  path: string;
  message: string;
}

type Schema = { [keyword: string]: unknown };

const ANNOTATIONS = new Set(['description', 'default', 'title', '$schema', 'id', 'definitions']);
const SUPPORTED = new Set([
  '$ref',
  'type',
  'enum',
  'properties',
  'additionalProperties',
  'required',
  'items',
  'minItems',
  'uniqueItems',
  'minimum',
  'maximum',
  'pattern',
  'format',
  'anyOf',
  'oneOf',
]);

// RFC 3986: characters allowed in a URI outside the scheme (pct-encoded handled separately)
const URI_CHAR = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})";
const ABSOLUTE_URI = new RegExp(`^[A-Za-z][A-Za-z0-9+.-]*:${URI_CHAR}*(?:#${URI_CHAR}*)?$`);
const RELATIVE_REF = new RegExp(`^${URI_CHAR}*(?:#${URI_CHAR}*)?$`);
// RFC 3339 date-time
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export const FORMATS: Record<string, (value: string) => boolean> = {
  uri: (v) => ABSOLUTE_URI.test(v),
  // a relative reference's first segment cannot contain ":" (it would read as a scheme)
  'uri-reference': (v) => ABSOLUTE_URI.test(v) || (RELATIVE_REF.test(v) && !/^[^/?#]*:/.test(v)),
  'date-time': (v) => DATE_TIME.test(v),
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return typeOf(value) === 'object';
    default:
      return typeOf(value) === type;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeOf(a) !== typeOf(b) || typeof a !== 'object' || a === null) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => deepEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && deepEqual((a as Schema)[k], (b as Schema)[k]));
}

/**
 * ECMA-262 regular expression, with the u flag when the pattern allows it: the SARIF schema's
 * language pattern "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" has a stray "]" that only non-Unicode
 * regular expressions accept (as a literal).
 */
function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

export function validate(root: Schema, value: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  const patterns = new Map<string, RegExp>();
  const resolve = (ref: string): Schema => {
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
    let node: unknown = root;
    for (const part of ref.slice(2).split('/')) node = (node as Schema)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (typeOf(node) !== 'object') throw new Error(`unresolved $ref ${ref}`);
    return node as Schema;
  };

  const check = (schema: Schema, v: unknown, path: string, out: SchemaError[]): void => {
    for (const keyword of Object.keys(schema)) {
      if (!ANNOTATIONS.has(keyword) && !SUPPORTED.has(keyword)) throw new Error(`unsupported keyword "${keyword}" at ${path}`);
    }
    if (typeof schema.$ref === 'string') {
      // draft-04: a $ref's siblings are ignored; this schema gives it only annotations
      for (const keyword of Object.keys(schema)) if (keyword !== '$ref' && !ANNOTATIONS.has(keyword)) throw new Error(`$ref with sibling "${keyword}" at ${path}`);
      check(resolve(schema.$ref), v, path, out);
      return;
    }
    const fail = (message: string) => out.push({ path, message });
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      if (!types.some((t) => hasType(v, t))) {
        fail(`should be ${types.join(' or ')}, is ${typeOf(v)}`);
        return;
      }
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, v))) fail(`should be one of ${JSON.stringify(schema.enum)}`);
    if (typeof v === 'number') {
      if (typeof schema.minimum === 'number' && v < schema.minimum) fail(`should be >= ${schema.minimum}`);
      if (typeof schema.maximum === 'number' && v > schema.maximum) fail(`should be <= ${schema.maximum}`);
    }
    if (typeof v === 'string') {
      if (typeof schema.pattern === 'string') {
        let re = patterns.get(schema.pattern);
        if (!re) patterns.set(schema.pattern, (re = compilePattern(schema.pattern)));
        if (!re.test(v)) fail(`should match ${schema.pattern}`);
      }
      if (typeof schema.format === 'string') {
        const test = FORMATS[schema.format];
        if (!test) throw new Error(`unsupported format "${schema.format}" at ${path}`);
        if (!test(v)) fail(`should be a ${schema.format}`);
      }
    }
    if (Array.isArray(v)) {
      if (typeof schema.minItems === 'number' && v.length < schema.minItems) fail(`should have at least ${schema.minItems} items`);
      if (schema.uniqueItems === true) {
        for (let i = 0; i < v.length; i++) for (let j = i + 1; j < v.length; j++) if (deepEqual(v[i], v[j])) fail(`items ${i} and ${j} are equal`);
      }
      if (schema.items !== undefined) {
        if (typeOf(schema.items) !== 'object') throw new Error(`unsupported items form at ${path}`);
        v.forEach((item, i) => check(schema.items as Schema, item, `${path}/${i}`, out));
      }
    }
    if (typeOf(v) === 'object') {
      const obj = v as Schema;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      if (Array.isArray(schema.required)) for (const key of schema.required as string[]) if (!Object.hasOwn(obj, key)) fail(`missing required property "${key}"`);
      for (const [key, child] of Object.entries(obj)) {
        const childPath = `${path}/${key}`;
        if (Object.hasOwn(properties, key)) check(properties[key], child, childPath, out);
        else if (schema.additionalProperties === false) out.push({ path: childPath, message: 'additional property not allowed' });
        else if (typeOf(schema.additionalProperties) === 'object') check(schema.additionalProperties as Schema, child, childPath, out);
      }
    }
    if (Array.isArray(schema.anyOf)) {
      const branches = (schema.anyOf as Schema[]).map((s) => {
        const e: SchemaError[] = [];
        check(s, v, path, e);
        return e;
      });
      if (!branches.some((e) => e.length === 0)) fail(`should match some schema in anyOf (${branches.map((e) => e[0]?.message).join('; ')})`);
    }
    if (Array.isArray(schema.oneOf)) {
      const passing = (schema.oneOf as Schema[]).filter((s) => {
        const e: SchemaError[] = [];
        check(s, v, path, e);
        return e.length === 0;
      }).length;
      if (passing !== 1) fail(`should match exactly one schema in oneOf (matches ${passing})`);
    }
  };

  check(root, value, '', errors);
  return errors;
}
