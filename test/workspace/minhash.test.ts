// Word shingles, one-permutation MinHash signatures and LSH bands (engine/workspace/minhash.ts),
// which member-note-cloned uses to find candidate pairs of sections.

import { describe, expect, it } from 'vitest';
import { BANDS, BandBuckets, SIGNATURE_SIZE, bandKey, lshBands, shingles, signature } from '../../engine/workspace/minhash.js';

/** A fixed pseudo-random sequence (xorshift32), so every run checks the same sets. */
function randomNumbers(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/** Two sets of `size` hashes sharing `shared` of them, sorted as shingles() returns them. */
function pairWithOverlap(next: () => number, size: number, shared: number): [Uint32Array, Uint32Array] {
  const common = Array.from({ length: shared }, next);
  const own = () => Array.from({ length: size - shared }, next);
  return [Uint32Array.from([...common, ...own()]).sort(), Uint32Array.from([...common, ...own()]).sort()];
}

const agreement = (a: Uint32Array, b: Uint32Array) => a.filter((value, i) => value === b[i]).length / a.length;

describe('shingles', () => {
  const words = 'she practised the breathing skill and she named the trigger'.split(' ');

  it('gives one sorted hash per distinct run of three words', () => {
    const hashes = shingles(words);
    expect(hashes.length).toBe(words.length - 2);
    expect([...hashes]).toEqual([...hashes].sort((a, b) => a - b));
    // "the trigger she" and "trigger she practised" are new; "she practised the" is not
    expect(shingles([...words, ...words.slice(0, 3)]).length).toBe(words.length - 2 + 2);
  });

  it('depends on word order and on where words break', () => {
    expect(shingles(['a', 'b', 'c'])).not.toEqual(shingles(['c', 'b', 'a']));
    expect(shingles(['ab', 'c', 'd'])).not.toEqual(shingles(['a', 'bc', 'd']));
    expect(shingles(words)).toEqual(shingles([...words]));
  });

  it('hashes a text of fewer than three words whole, and nothing to nothing', () => {
    expect(shingles(['alone']).length).toBe(1);
    expect(shingles(['two', 'words'])).not.toEqual(shingles(['two']));
    expect(shingles([]).length).toBe(0);
  });
});

describe('signature (one permutation, densified)', () => {
  it('fills every bin of a non-empty set, even a set of one', () => {
    const next = randomNumbers(7);
    for (const size of [1, 2, 5, 20, 200]) {
      const sig = signature(Uint32Array.from({ length: size }, next).sort());
      expect(sig.length).toBe(SIGNATURE_SIZE);
      expect(sig.every((value) => value !== 0xffffffff)).toBe(true);
    }
  });

  it('leaves every bin empty for an empty set', () => {
    expect(signature(new Uint32Array(0)).every((value) => value === 0xffffffff)).toBe(true);
  });

  it('gives equal sets equal signatures and bands', () => {
    const [a] = pairWithOverlap(randomNumbers(11), 60, 60);
    expect(signature(a)).toEqual(signature(Uint32Array.from(a)));
    const bands = lshBands(signature(a));
    for (let b = 0; b < BANDS; b++) expect(bandKey(bands, b)).toBe(bandKey(lshBands(signature(a)), b));
  });

  it('agrees in a share of bins close to the Jaccard similarity, for small and large sections', () => {
    const next = randomNumbers(2024);
    for (const size of [15, 60, 300]) {
      for (const jaccard of [0.3, 0.5, 0.7, 0.9]) {
        const shared = Math.round((2 * size * jaccard) / (1 + jaccard));
        const exact = shared / (2 * size - shared);
        let total = 0;
        const trials = 400;
        for (let t = 0; t < trials; t++) {
          const [a, b] = pairWithOverlap(next, size, shared);
          total += agreement(signature(a), signature(b));
        }
        // the mean of 400 trials lies within about 0.01 of the true similarity
        expect(Math.abs(total / trials - exact)).toBeLessThan(0.03);
      }
    }
  });

  it('makes alike sections share a band bucket and unrelated ones rarely', () => {
    const next = randomNumbers(99);
    const sharesBucket = (a: Uint32Array, b: Uint32Array) => {
      const [x, y] = [lshBands(signature(a)), lshBands(signature(b))];
      for (let band = 0; band < BANDS; band++) if (bandKey(x, band) === bandKey(y, band)) return true;
      return false;
    };
    let alike = 0;
    let unrelated = 0;
    for (let t = 0; t < 300; t++) {
      if (sharesBucket(...pairWithOverlap(next, 80, 76))) alike++; // Jaccard 0.90
      if (sharesBucket(...pairWithOverlap(next, 80, 0))) unrelated++;
    }
    expect(alike).toBe(300);
    expect(unrelated).toBeLessThan(3);
  });
});

describe('BandBuckets', () => {
  /** The buckets as a Map keyed by bandKey gives them: the definition BandBuckets must match. */
  function referenceBuckets(items: number[], bandsOf: (item: number) => Uint32Array): number[][] {
    const byKey = new Map<number, number[]>();
    for (const item of items) {
      for (let b = 0; b < BANDS; b++) {
        const key = bandKey(bandsOf(item), b);
        byKey.set(key, [...(byKey.get(key) ?? []), item]);
      }
    }
    return [...byKey.values()].filter((bucket) => bucket.length > 1);
  }

  it('gives the buckets of shared band keys, in the order a Map keyed by bandKey would', () => {
    const next = randomNumbers(7);
    const buckets = new BandBuckets();
    let shared = 0;
    // one object for calls of many sizes, as member-note-cloned uses it (one call per member)
    for (const count of [2, 40, 3, 300, 1, 25, 600, 5]) {
      // bands drawn from a small pool of key halves: keys recur within and across items and bands,
      // and many share one half only (same high word, another low word), which is not a match
      const highs = Array.from({ length: 2 }, next);
      const lows = Math.max(4, count);
      const bands = Array.from({ length: count }, () => Uint32Array.from({ length: 2 * BANDS }, (_, i) => (i % 2 === 0 ? highs[next() % highs.length] : next() % lows)));
      const items = Array.from({ length: count }, (_, i) => 1000 + i * 3);
      const bandsOf = (item: number) => bands[(item - 1000) / 3];
      const expected = referenceBuckets(items, bandsOf);
      shared += expected.length;
      expect(buckets.group(items, bandsOf)).toEqual(expected);
      // the table is left empty for the next call: the same items again give the same buckets
      expect(buckets.group(items, bandsOf)).toEqual(expected);
    }
    expect(shared).toBeGreaterThan(20);
  });

  it('keeps lone keys out and reads real signatures like the reference', () => {
    const next = randomNumbers(11);
    // twenty pairs of alike sections (Jaccard 0.90) among twenty unrelated ones
    const sections = [...Array.from({ length: 20 }, () => pairWithOverlap(next, 80, 76)).flat(), ...Array.from({ length: 20 }, () => pairWithOverlap(next, 80, 0)[0])];
    const bands = sections.map((s) => lshBands(signature(s)));
    const items = bands.map((_, i) => i);
    const expected = referenceBuckets(items, (i) => bands[i]);
    expect(expected.length).toBeGreaterThanOrEqual(20);
    expect(new BandBuckets().group(items, (i) => bands[i])).toEqual(expected);
    expect(new BandBuckets().group([0], (i) => bands[i])).toEqual([]);
  });
});
