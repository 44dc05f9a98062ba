/**
 * Stable ascending argsort of float64 values (ties keep their input order, like NumPy's
 * `argsort(kind='mergesort')`). Large inputs use an LSD radix sort on the IEEE-754 bits, which is stable by
 * construction and linear in n; small ones a comparison sort.
 */

const LITTLE_ENDIAN = new Uint32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000;

function comparisonArgsort(values: ArrayLike<number>): Uint32Array {
  const idx = Array.from({ length: values.length }, (_, i) => i);
  idx.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  return Uint32Array.from(idx);
}

/**
 * Indices that sort `values` in increasing order, equal values in input order. -0 and +0 are equal ties.
 * NaN is not supported (callers reject it first).
 */
export function stableArgsort(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  if (n < 512) return comparisonArgsort(values);
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    f[i] = v === 0 ? 0 : v; // -0 sorts as +0
  }
  const words = new Uint32Array(f.buffer);
  const hiAt = LITTLE_ENDIAN ? 1 : 0;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = words[2 * i + hiAt] as number;
    let l = words[2 * i + 1 - hiAt] as number;
    // Map the bits to unsigned keys in numeric order: negatives flip every bit, positives the sign bit.
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    hi[i] = h;
    lo[i] = l;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const count = new Uint32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const d = ((key[i] as number) >>> shift) & 0xffff;
      count[d + 1] = (count[d + 1] as number) + 1;
    }
    for (let d = 0; d < 65536; d++) count[d + 1] = (count[d + 1] as number) + (count[d] as number);
    for (let i = 0; i < n; i++) {
      const j = order[i] as number;
      const d = ((key[j] as number) >>> shift) & 0xffff;
      const pos = count[d] as number;
      next[pos] = j;
      count[d] = pos + 1;
    }
    [order, next] = [next, order];
  }
  return order;
}
