/**
 * Summation in the same order as NumPy (numpy/core/src/umath/loops_utils.h.src, `pairwise_sum`), so sums agree
 * with scikit-learn to the last bit rather than to a tolerance: blocks of 8192 elements (the ufunc buffer size)
 * are added one after the other, and each block is summed pairwise with 8 accumulators at the leaves.
 */

const BLOCK = 8192;

function pairwise(a: ArrayLike<number>, offset: number, n: number, stride: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[offset + i * stride] as number;
    return res;
  }
  if (n <= 128) {
    let r0 = a[offset] as number;
    let r1 = a[offset + stride] as number;
    let r2 = a[offset + 2 * stride] as number;
    let r3 = a[offset + 3 * stride] as number;
    let r4 = a[offset + 4 * stride] as number;
    let r5 = a[offset + 5 * stride] as number;
    let r6 = a[offset + 6 * stride] as number;
    let r7 = a[offset + 7 * stride] as number;
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      const p = offset + i * stride;
      r0 += a[p] as number;
      r1 += a[p + stride] as number;
      r2 += a[p + 2 * stride] as number;
      r3 += a[p + 3 * stride] as number;
      r4 += a[p + 4 * stride] as number;
      r5 += a[p + 5 * stride] as number;
      r6 += a[p + 6 * stride] as number;
      r7 += a[p + 7 * stride] as number;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[offset + i * stride] as number;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, offset, n2, stride) + pairwise(a, offset + n2 * stride, n - n2, stride);
}

/**
 * Sum of `n` values of `a` starting at `offset`, `stride` apart, as `np.sum` computes it.
 * @param a values
 * @param offset first index (default 0)
 * @param n number of values (default: the rest of `a`)
 * @param stride distance between values (default 1)
 */
export function pairwiseSum(a: ArrayLike<number>, offset = 0, n = a.length - offset, stride = 1): number {
  let res = 0;
  for (let start = 0; start < n; start += BLOCK) {
    res += pairwise(a, offset + start * stride, Math.min(BLOCK, n - start), stride);
  }
  return res;
}

/**
 * Column sums of a row-major `rows × cols` matrix as `np.sum(x, axis=0)` computes them: a single column is
 * summed pairwise; with several columns NumPy adds row after row, so the sums are sequential.
 */
export function sumAxis0(data: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(cols);
  if (cols === 1) {
    out[0] = pairwiseSum(data, 0, rows, 1);
    return out;
  }
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) out[j] = (out[j] as number) + (data[base + j] as number);
  }
  return out;
}

/** Row sums of a row-major `rows × cols` matrix as `np.sum(x, axis=1)` computes them (pairwise per row). */
export function sumAxis1(data: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = pairwiseSum(data, i * cols, cols, 1);
  return out;
}
