import type { SparseVector } from '../Batch.js';

/** Options of `hashTokens`. */
export interface HashTokensOptions {
  /** Vector length (default 2^18), the number of hash buckets. */
  nFeatures?: number;
  /** Lower-case before tokenising (default true). */
  lowercase?: boolean;
  /** Store 1 for a present token instead of its count (default false). */
  binary?: boolean;
}

const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/**
 * The hashing trick: splits `text` into word tokens (runs of two or more letters, digits or underscores) and
 * counts each in bucket FNV-1a(token) mod nFeatures. Needs no vocabulary, so it streams; collisions are rare
 * when nFeatures is much larger than the vocabulary.
 */
export function hashTokens(text: string, options: HashTokensOptions = {}): SparseVector {
  const size = options.nFeatures ?? 1 << 18;
  const counts = new Map<number, number>();
  const s = (options.lowercase ?? true) ? text.toLowerCase() : text;
  for (const m of s.matchAll(TOKEN)) {
    const bucket = fnv1a(m[0]) % size;
    counts.set(bucket, options.binary ? 1 : (counts.get(bucket) ?? 0) + 1);
  }
  const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = Float32Array.from(indices, (i) => counts.get(i) as number);
  return { indices, values, size };
}

/** 32-bit FNV-1a hash of the UTF-16 code units of `s`. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
