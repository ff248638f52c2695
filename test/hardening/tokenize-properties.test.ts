// engine/text.ts reads words with a loop over the characters; the regular expression it replaced
// (TOKEN_RE, kept as tokenizeByRegex) is the reference. Both must give the same words and offsets
// for any text and any range of it: letters with combining marks, astral-plane letters and
// digits, lone surrogates, inner apostrophes (straight and curly) and hyphens. `npm run fuzz`
// runs GROUPNOTE_FUZZ_RUNS cases.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeByRegex } from '../../engine/text.js';
import { fuzzSettings, seedNotes } from './generators.js';

const PIECES = [
  'a', 'Z', 'm', '0', '9', ' ', '  ', '\t', '\n', '\r\n', '\v', '\f', '\u0085', '\u1680', '\u2003', '\u2028', '\u202f', '\u3000', '.', ',', "'", '’', '‘', '-', '--', '_', '*', '@', '#', '/',
  'é', 'e\u0301', '\u0301', 'ß', 'Ø', 'İ', 'ı', 'ñ', 'Ω', 'Я', 'ع', '中', '٣', '²', 'Ⅻ', '\u00a0', '\u200b', '\ufeff', '…', '—',
  '𝒜', '𝟘', '😀', '\ud835', '\udc9c', '\ud800', '\udfff', "O'Connor", 'Ana-María', 'MRN-20417', "Jim's", 'Jim’s', 'x-', "-x", "'s",
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));
const withRange = text.chain((t) => fc.tuple(fc.constant(t), fc.nat({ max: t.length }), fc.nat({ max: t.length })));

describe('tokenize', () => {
  it('finds the words TOKEN_RE finds, with the same offsets, in any range of any text', () => {
    const { seed, numRuns, path } = fuzzSettings(3000);
    fc.assert(
      fc.property(withRange, ([t, a, b]) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(tokenize(t, from, to)).toEqual(tokenizeByRegex(t, from, to));
      }),
      { seed, numRuns, path },
    );
  });

  it('agrees with TOKEN_RE on every sample and corpus note', () => {
    for (const note of seedNotes) expect(tokenize(note)).toEqual(tokenizeByRegex(note));
  });

  it('keeps names, ids and possessives whole', () => {
    expect(tokenize("O'Connor met Ana-María (MRN-20417); Jim’s turn - then e\u0301te\u0301 𝒜b.").map((t) => t.text)).toEqual([
      "O'Connor", 'met', 'Ana-María', 'MRN-20417', 'Jim’s', 'turn', 'then', 'e\u0301te\u0301', '𝒜b',
    ]);
  });
});
