import type { DenseBatch } from '../Batch.js';

/** A generated data set: a dense batch holding every row (Float32 features), plus what generated it. */
export type GeneratedData<Extra = object> = DenseBatch & { readonly y: Int32Array | Float64Array } & Extra;

/** Rearranges the rows of `x` (rows × cols) and `y` by `perm`: new row i is old row perm[i]. */
export function permuteRows<Y extends Int32Array | Float64Array>(
  x: Float64Array,
  y: Y,
  cols: number,
  perm: Int32Array,
): { x: Float64Array; y: Y } {
  const nx = new Float64Array(x.length);
  const ny = y.slice() as Y;
  for (let i = 0; i < perm.length; i++) {
    const src = perm[i] as number;
    nx.set(x.subarray(src * cols, src * cols + cols), i * cols);
    ny[i] = y[src] as number;
  }
  return { x: nx, y: ny };
}

/** Rearranges the columns of `x` (rows × cols) by `perm`: new column j is old column perm[j]. */
export function permuteColumns(x: Float64Array, rows: number, cols: number, perm: Int32Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = x[i * cols + (perm[j] as number)] as number;
  }
  return out;
}
