// Escaping shared by the report writers. Every string that reaches XML or HTML goes through here.

/** Lone UTF-16 surrogates, which no UTF-8 output can carry. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Characters XML 1.0 forbids even as character references, plus DEL: C0 controls other than tab, LF, CR; U+FFFE, U+FFFF. */
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

const visible = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Makes text safe to put in XML 1.0 or HTML: control characters that are not allowed become a
 * visible "\u0007" so that nothing is silently dropped; lone surrogates become U+FFFD.
 */
export function cleanText(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replace(FORBIDDEN_CONTROL, visible);
}

/** XML character data (element bodies). CR is a reference: parsers turn a literal CR (or CRLF) into LF. */
export function xmlText(value: string): string {
  return cleanText(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** XML attribute values (quoted with "): also quotes and whitespace that attribute normalisation would fold. */
export function xmlAttr(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** HTML text and attribute values (quoted with "). */
export function html(value: string | number): string {
  return cleanText(String(value)).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
