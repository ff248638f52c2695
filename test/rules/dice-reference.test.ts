// member-copy-paste keeps its own Sørensen-Dice code (sorted bigram codes, an early exit below the
// threshold: docs/performance.md has the measured cost); string-similarity, the package the design
// names, is the reference it must agree with.
import fc from 'fast-check';
import stringSimilarity from 'string-similarity';
import { describe, expect, it } from 'vitest';
import { diceSimilarity } from '../../engine/rules/member-copy-paste.js';

// words from a small alphabet so that random pairs share bigrams often; accents and a surrogate pair too
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'e', 'n', 'r', 's', 't', 'é', '\u{1F600}'), minLength: 0, maxLength: 9 });
const sentence = fc.array(word, { maxLength: 12 }).map((words) => words.join(' '));

describe('member-copy-paste similarity', () => {
  it('equals string-similarity compareTwoStrings on any pair of strings', () => {
    fc.assert(
      fc.property(sentence, sentence, (a, b) => {
        expect(diceSimilarity(a, b)).toBeCloseTo(stringSimilarity.compareTwoStrings(a, b), 12);
      }),
      { numRuns: Number(process.env.GROUPNOTE_FUZZ_RUNS ?? 5000) },
    );
  });

  it('with a threshold, gives the exact score at or above it and 0 below it', () => {
    fc.assert(
      fc.property(sentence, sentence, fc.double({ min: 0.05, max: 1, noNaN: true }), (a, b, threshold) => {
        const exact = stringSimilarity.compareTwoStrings(a, b);
        const early = diceSimilarity(a, b, threshold);
        if (exact >= threshold + 1e-9) expect(early).toBeCloseTo(exact, 12);
        else if (exact < threshold - 1e-9) expect(early === 0 || early === exact).toBe(true);
      }),
      { numRuns: Number(process.env.GROUPNOTE_FUZZ_RUNS ?? 5000) },
    );
  });

  it('agrees on sentences a copy detector sees: a copy, a paraphrase, an unrelated line', () => {
    const pairs = [
      ['Described waking at 4 a.m. with worry about her mortgage.', 'Described waking at 4 a.m. with worry about his mortgage.'],
      ['Tried the role-play twice and said it felt less fake.', 'Tried the role play again and said it felt a bit less fake.'],
      ['Brought her sleep diary.', 'Asked about the bus schedule for Tuesday.'],
    ];
    for (const [a, b] of pairs) expect(diceSimilarity(a, b)).toBeCloseTo(stringSimilarity.compareTwoStrings(a, b), 12);
  });
});
