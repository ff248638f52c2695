// Text for a terminal. A member's name comes from the note, and a note can hold any character:
// a carriage return that overwrites the line before it, escape sequences that recolour, move the
// cursor or (OSC 52) write to the clipboard, bidirectional overrides that show text in another
// order than it is. Like ESLint's formatters, the CLI shows such characters as visible escapes
// (`\u001b`) instead of writing them raw.

/** C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with every control character shown as `\uXXXX`; other text unchanged. */
export function terminalSafe(text: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text) ? text.replace(UNSAFE, escape) : text;
}
