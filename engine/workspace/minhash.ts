// MinHash signatures and locality-sensitive hashing (LSH) over word shingles, so that
// near-duplicate member sections are found without comparing every pair (Gabriel 2018 used the
// same approach on clinical notes).

/** Words per shingle. */
export const SHINGLE_WORDS = 3;
/** Values (bins) in a signature: a power of two, since a hash's top bits pick the bin; BANDS x ROWS must equal it. */
export const SIGNATURE_SIZE = 64;
export const BANDS = 16;
export const ROWS = 4;

// 32-bit FNV-1a of a string (from another offset basis for a second, independent hash).
function fnv1a(text: string, basis = 0x811c9dc5): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 64-bit hash of a text, as 16 hex digits: for comparing texts that are not kept. */
export function textHash(text: string): string {
  return fnv1a(text).toString(16).padStart(8, '0') + fnv1a(text, 0x050c5d1f).toString(16).padStart(8, '0');
}

/** murmur3's 32-bit finaliser: spreads every input bit over the whole hash. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The hashed word shingles of a normalised word list, sorted, without repeats. Each word is hashed
 * once and a shingle's hash combines its words' hashes in order, so a word is read once, not once
 * per shingle it is in.
 */
export function shingles(words: string[]): Uint32Array {
  if (words.length < SHINGLE_WORDS) return words.length ? Uint32Array.of(fnv1a(words.join(' '))) : new Uint32Array(0);
  const wordHashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) wordHashes[i] = fnv1a(words[i]);
  const out = new Uint32Array(words.length - SHINGLE_WORDS + 1);
  for (let i = 0; i < out.length; i++) {
    let h = wordHashes[i];
    for (let k = 1; k < SHINGLE_WORDS; k++) h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ wordHashes[i + k];
    out[i] = mix32(h);
  }
  out.sort();
  let unique = 0;
  for (let i = 0; i < out.length; i++) if (unique === 0 || out[i] !== out[unique - 1]) out[unique++] = out[i];
  return out.slice(0, unique);
}

/** A bin of a signature that no shingle fell into (bin values have fewer bits). */
const EMPTY_BIN = 0xffffffff;
const BIN_BITS = Math.log2(SIGNATURE_SIZE);
const VALUE_MASK = 2 ** (32 - BIN_BITS) - 1;
/** Random bins an empty bin tries to borrow from before it takes the next filled bin. */
const BORROW_TRIES = 32;

/**
 * MinHash signature by one permutation (Li, Owen and Zhang 2012): each shingle's hash picks one of
 * SIGNATURE_SIZE bins and each bin keeps its smallest value, so a shingle costs one hash, not one
 * per bin. An empty bin borrows the value of a filled bin found by a fixed random walk from its own
 * number (optimal densification, Shrivastava 2017), so two sections agree in a bin with a chance
 * equal to their Jaccard similarity, as with independent hash functions.
 */
export function signature(shingleHashes: ArrayLike<number>): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(EMPTY_BIN);
  if (shingleHashes.length === 0) return sig;
  for (let i = 0; i < shingleHashes.length; i++) {
    const h = mix32(shingleHashes[i] ^ 0x9e3779b9);
    const bin = h >>> (32 - BIN_BITS);
    const value = h & VALUE_MASK;
    if (value < sig[bin]) sig[bin] = value;
  }
  const filled = sig.slice();
  for (let bin = 0; bin < SIGNATURE_SIZE; bin++) {
    if (filled[bin] !== EMPTY_BIN) continue;
    let from = -1;
    for (let attempt = 1; attempt <= BORROW_TRIES && from < 0; attempt++) {
      const candidate = mix32(Math.imul(bin + 1, 0x01000193) ^ Math.imul(attempt, 0x5bd1e995)) >>> (32 - BIN_BITS);
      if (filled[candidate] !== EMPTY_BIN) from = candidate;
    }
    for (let step = 1; from < 0; step++) if (filled[(bin + step) % SIGNATURE_SIZE] !== EMPTY_BIN) from = (bin + step) % SIGNATURE_SIZE;
    sig[bin] = filled[from];
  }
  return sig;
}

/**
 * The LSH bands of a signature: each band's number and rows hashed by two independent 32-bit
 * mixes, kept as pairs [h1, h2 & 0x1fffff] (2 x BANDS numbers). Kept instead of the signature:
 * half its size, and bucket keys come from it without hashing again.
 */
export function lshBands(sig: ArrayLike<number>): Uint32Array {
  const bands = new Uint32Array(2 * BANDS);
  for (let b = 0; b < BANDS; b++) {
    let h1 = 0x811c9dc5 ^ b;
    let h2 = 0x050c5d1f ^ b;
    for (let r = b * ROWS; r < b * ROWS + ROWS; r++) {
      h1 = Math.imul(h1 ^ sig[r], 0x01000193);
      h1 ^= h1 >>> 15;
      h2 = Math.imul(h2 ^ sig[r], 0x5bd1e995);
      h2 ^= h2 >>> 13;
    }
    bands[2 * b] = h1 >>> 0;
    bands[2 * b + 1] = (h2 >>> 0) & 0x1fffff;
  }
  return bands;
}

/** Band `b`'s bucket key: a 53-bit integer, so buckets are keyed by numbers, not strings. */
export function bandKey(bands: Uint32Array, b: number): number {
  return bands[2 * b] * 0x200000 + bands[2 * b + 1];
}

/**
 * Groups items whose bands share a bucket key (bandKey): the buckets of two or more items, each
 * in the order items were given, buckets in the order their keys first appeared. A Map keyed by
 * the number (a hash table in typed arrays stood here for a while; it measured no gain on the
 * folder benchmark and was removed: docs/performance.md, "Every optimisation earns its place").
 */
export class BandBuckets {
  group(items: readonly number[], bandsOf: (item: number) => Uint32Array): number[][] {
    const byKey = new Map<number, number[]>();
    for (const item of items) {
      const bands = bandsOf(item);
      for (let b = 0; b < BANDS; b++) {
        const key = bandKey(bands, b);
        const bucket = byKey.get(key);
        if (bucket) bucket.push(item);
        else byKey.set(key, [item]);
      }
    }
    const buckets: number[][] = [];
    for (const bucket of byKey.values()) if (bucket.length > 1) buckets.push(bucket);
    return buckets;
  }
}
