const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

let scratch = new Uint8Array(256);
const encoder = new TextEncoder();

/**
 * MurmurHash3_x86_32 (Austin Appleby, public domain; SMHasher) of a byte range, as a signed 32-bit integer —
 * scikit-learn's `murmurhash3_32(key, seed, positive=False)`.
 * @param bytes the key
 * @param length bytes to hash from the start; default all
 * @param seed 32-bit seed; default 0
 */
export function murmurhash3Bytes(bytes: Uint8Array, length = bytes.length, seed = 0): number {
  let h = seed | 0;
  const blocks = length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k =
      (bytes[i] as number) |
      ((bytes[i + 1] as number) << 8) |
      ((bytes[i + 2] as number) << 16) |
      ((bytes[i + 3] as number) << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = length & 3;
  if (tail > 0) {
    let k1 = 0;
    if (tail === 3) k1 ^= (bytes[blocks + 2] as number) << 16;
    if (tail >= 2) k1 ^= (bytes[blocks + 1] as number) << 8;
    k1 ^= bytes[blocks] as number;
    k1 = Math.imul(k1, C1);
    k1 = (k1 << 15) | (k1 >>> 17);
    k1 = Math.imul(k1, C2);
    h ^= k1;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * MurmurHash3_x86_32 of a string's UTF-8 bytes (no Unicode normalisation), signed — what scikit-learn's
 * FeatureHasher computes for a feature name.
 * @param seed 32-bit seed; default 0
 */
export function murmurhash3String(key: string, seed = 0): number {
  const n = key.length;
  if (scratch.length < 3 * n) scratch = new Uint8Array(Math.max(3 * n, 2 * scratch.length));
  let ascii = true;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c > 127) {
      ascii = false;
      break;
    }
    scratch[i] = c;
  }
  if (ascii) return murmurhash3Bytes(scratch, n, seed);
  const { written } = encoder.encodeInto(key, scratch);
  return murmurhash3Bytes(scratch, written, seed);
}
