// A strict little XML 1.0 reader for the JUnit tests: elements, double-quoted attributes, text and
// character/entity references (no DTD, comments, CDATA or processing instructions other than the
// declaration). It throws on anything malformed, decodes references and applies attribute-value
// normalisation (a literal CR reads as LF, and a literal tab or line break in an attribute as a
// space), so a test can check
// that what a reader gets back is exactly what was written. The browser test parses the same
// output with Chromium's XML parser as an independent check.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NAME = '[A-Za-z_][A-Za-z0-9_.-]*';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  return raw.replace(/&([^;]*);|&/g, (match, body: string | undefined) => {
    if (body === undefined) throw new Error(`bare & in ${where}`);
    if (body in ENTITIES) return ENTITIES[body];
    const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (!m) throw new Error(`unknown reference &${body}; in ${where}`);
    const code = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
    const c = String.fromCodePoint(code);
    if (FORBIDDEN.test(c) || code === 0) throw new Error(`reference to a character XML forbids (${match}) in ${where}`);
    return c;
  });
}

export function parseXml(source: string): XmlElement {
  // end-of-line handling (XML 1.0 section 2.11): CRLF and a lone CR read as LF
  const xml = source.replace(/\r\n?/g, '\n');
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\r?\n?/.exec(xml);
  if (!declaration) throw new Error('missing XML declaration');
  const bad = FORBIDDEN.exec(xml);
  if (bad) throw new Error(`forbidden character U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`);
  let pos = declaration[0].length;
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const openTag = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"]*")*)\\s*(/?)>`);
  const closeTag = new RegExp(`^</(${NAME})\\s*>`);
  const attr = new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, 'g');
  while (pos < xml.length) {
    const rest = xml.slice(pos);
    if (rest.startsWith('</')) {
      const m = closeTag.exec(rest);
      if (!m) throw new Error(`bad end tag at ${pos}`);
      const open = stack.pop()!;
      if (open.name !== m[1]) throw new Error(`</${m[1]}> closes <${open.name}> at ${pos}`);
      pos += m[0].length;
    } else if (rest.startsWith('<')) {
      const m = openTag.exec(rest);
      if (!m) throw new Error(`bad start tag at ${pos}: ${rest.slice(0, 40)}`);
      const element: XmlElement = { name: m[1], attrs: {}, children: [], text: '' };
      for (const a of m[2].matchAll(attr)) {
        if (a[1] in element.attrs) throw new Error(`duplicate attribute ${a[1]} at ${pos}`);
        if (a[2].includes('<')) throw new Error(`< in attribute ${a[1]} at ${pos}`);
        element.attrs[a[1]] = decode(a[2].replace(/[\t\r\n]/g, ' '), `attribute ${a[1]}`);
      }
      const parent = stack[stack.length - 1];
      if (parent === root && root.children.length > 0) throw new Error('more than one root element');
      parent.children.push(element);
      if (m[3] !== '/') stack.push(element);
      pos += m[0].length;
    } else {
      const end = xml.indexOf('<', pos);
      const raw = xml.slice(pos, end === -1 ? xml.length : end);
      if (raw.includes(']]>')) throw new Error(`]]> in text at ${pos}`);
      const parent = stack[stack.length - 1];
      if (parent === root) {
        if (raw.trim() !== '') throw new Error(`text outside the root element at ${pos}`);
      } else parent.text += decode(raw, `text of <${parent.name}>`);
      pos += raw.length;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root.children.length !== 1) throw new Error('no root element');
  return root.children[0];
}

export function all(element: XmlElement, name: string): XmlElement[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((c) => all(c, name))];
}
