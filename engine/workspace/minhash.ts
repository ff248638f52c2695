// MinHash signatures and locality-sensitive hashing (LSH) over word shingles, so that
// near-duplicate member sections are found without comparing every pair (Gabriel 2018 used the
// same approach on clinical notes).

/** Words per shingle. */
export const SHINGLE_WORDS = 3;
/** Hash functions in a signature; BANDS x ROWS must equal it. */
export const SIGNATURE_SIZE = 64;
export const BANDS = 16;
export const ROWS = 4;

// 32-bit FNV-1a of a string (from another offset basis for a second, independent hash). `basis`
// can also be the hash of a preceding text: fnv1a(b, fnv1a(a)) === fnv1a(a + b).
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

/** The set of hashed word shingles of a normalised word list. */
export function shingles(words: string[]): Set<number> {
  const out = new Set<number>();
  if (words.length < SHINGLE_WORDS) {
    if (words.length) out.add(fnv1a(words.join(' ')));
    return out;
  }
  // the hash of the words joined by spaces, without building the joined text
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    let h = fnv1a(words[i]);
    for (let k = 1; k < SHINGLE_WORDS; k++) h = fnv1a(words[i + k], fnv1a(' ', h));
    out.add(h);
  }
  return out;
}

// Fixed seeds so signatures are stable across runs (the cache stores them).
const SEEDS_A = new Uint32Array(SIGNATURE_SIZE);
const SEEDS_B = new Uint32Array(SIGNATURE_SIZE);
{
  let x = 0x9e3779b9;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    SEEDS_A[i] = next() | 1;
    SEEDS_B[i] = next();
  }
}

export function signature(set: Set<number>): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const value of set) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = (Math.imul(value, SEEDS_A[i]) + SEEDS_B[i]) >>> 0;
      if (h < sig[i]) sig[i] = h;
    }
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
