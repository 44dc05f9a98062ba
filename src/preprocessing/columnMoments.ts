import type { CsrMatrix } from '../tensor/CsrMatrix.js';
import type { DenseMatrix } from '../estimators/base/DenseMatrix.js';

/** Per-column moments of one batch: weighted count, sum and unnormalised variance (NaN entries left out). */
export interface BatchMoments {
  count: Float64Array;
  sum: Float64Array;
  /** Σ w(x − T)² − (Σ w(x − T))² / count with T = sum / count: the corrected two-pass sum of squares. */
  unnormalizedVariance: Float64Array;
}

/**
 * Column sums of `values(i, j)` over rows in NumPy's order for `np.nansum(X, axis=0)`: a lone column pairwise
 * (as a 1-D sum), several columns row after row. NaN terms count as 0.
 */
export function columnSums(rows: number, cols: number, value: (i: number, j: number) => number): Float64Array {
  const out = new Float64Array(cols);
  if (cols === 1) {
    const col = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const v = value(i, 0);
      col[i] = Number.isNaN(v) ? 0 : v;
    }
    out[0] = pairwise(col, 0, rows);
    return out;
  }
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = value(i, j);
      if (!Number.isNaN(v)) out[j] = (out[j] as number) + v;
    }
  }
  return out;
}

// NumPy's pairwise summation of a contiguous vector (blocks of 8192, 8 accumulators at the leaves).
function pairwise(a: Float64Array, offset: number, n: number): number {
  if (n > 8192) {
    let res = 0;
    for (let s = 0; s < n; s += 8192) res += pairwise(a, offset + s, Math.min(8192, n - s));
    return res;
  }
  return pairwiseBlock(a, offset, n);
}

function pairwiseBlock(a: Float64Array, offset: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[offset + i] as number;
    return res;
  }
  if (n <= 128) {
    const r = Array.from(a.subarray(offset, offset + 8));
    let i = 8;
    for (; i + 8 <= n; i += 8) for (let k = 0; k < 8; k++) r[k] = (r[k] as number) + (a[offset + i + k] as number);
    let res =
      (r[0] as number) +
      (r[1] as number) +
      ((r[2] as number) + (r[3] as number)) +
      ((r[4] as number) + (r[5] as number) + ((r[6] as number) + (r[7] as number)));
    for (; i < n; i++) res += a[offset + i] as number;
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseBlock(a, offset, half) + pairwiseBlock(a, offset + half, n - half);
}

/**
 * Moments of a dense batch, as scikit-learn's `_incremental_mean_and_var` computes them for the new chunk.
 * @param weights per-row weights, or undefined for all ones
 */
export function denseMoments(X: DenseMatrix, weights?: Float64Array): BatchMoments {
  const { rows, cols, data } = X;
  const at = (i: number, j: number): number => data[i * cols + j] as number;
  const w = (i: number): number => (weights ? (weights[i] as number) : 1);
  const count = columnSums(rows, cols, (i, j) => (Number.isNaN(at(i, j)) ? 0 : w(i)));
  const sum = weights ? columnSums(rows, cols, (i, j) => w(i) * at(i, j)) : columnSums(rows, cols, at);
  const T = sum.map((s, j) => s / (count[j] as number));
  const correction = columnSums(rows, cols, (i, j) => w(i) * (at(i, j) - (T[j] as number)));
  const squares = columnSums(rows, cols, (i, j) => w(i) * (at(i, j) - (T[j] as number)) ** 2);
  const unnormalizedVariance = squares.map((s, j) => s - (correction[j] as number) ** 2 / (count[j] as number));
  return { count, sum, unnormalizedVariance };
}

/** Moments of a sparse batch: implicit entries are zeros (they count, and contribute (0 − T)). */
export function sparseMoments(X: CsrMatrix, weights?: Float64Array): BatchMoments {
  const { rows, cols } = X;
  const w = (i: number): number => (weights ? (weights[i] as number) : 1);
  let total = 0;
  for (let i = 0; i < rows; i++) total += w(i);
  const count = new Float64Array(cols).fill(total);
  const sum = new Float64Array(cols);
  const storedWeight = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let k = X.indptr[i] as number; k < (X.indptr[i + 1] as number); k++) {
      const j = X.indices[k] as number;
      const v = X.values[k] as number;
      if (Number.isNaN(v)) count[j] = (count[j] as number) - w(i);
      else {
        sum[j] = (sum[j] as number) + w(i) * v;
        storedWeight[j] = (storedWeight[j] as number) + w(i);
      }
    }
  }
  const T = sum.map((s, j) => s / (count[j] as number));
  const correction = new Float64Array(cols);
  const squares = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let k = X.indptr[i] as number; k < (X.indptr[i + 1] as number); k++) {
      const j = X.indices[k] as number;
      const v = X.values[k] as number;
      if (Number.isNaN(v)) continue;
      const d = v - (T[j] as number);
      correction[j] = (correction[j] as number) + w(i) * d;
      squares[j] = (squares[j] as number) + w(i) * d * d;
    }
  }
  for (let j = 0; j < cols; j++) {
    // the implicit zeros: weight (count − stored weight), each at distance −T
    const zeros = (count[j] as number) - (storedWeight[j] as number);
    const t = T[j] as number;
    correction[j] = (correction[j] as number) - zeros * t;
    squares[j] = (squares[j] as number) + zeros * t * t;
  }
  const unnormalizedVariance = squares.map((s, j) => s - (correction[j] as number) ** 2 / (count[j] as number));
  return { count, sum, unnormalizedVariance };
}

/** Running per-column mean and variance over every batch seen. */
export interface RunningMoments {
  count: Float64Array;
  mean: Float64Array;
  variance: Float64Array;
}

/**
 * Merges a batch into running moments (Chan, Golub & LeVeque's update, exactly as scikit-learn's
 * `_incremental_mean_and_var`): a column seen for the first time takes the batch's moments.
 */
export function mergeMoments(last: RunningMoments | null, batch: BatchMoments): RunningMoments {
  const cols = batch.count.length;
  const count = new Float64Array(cols);
  const mean = new Float64Array(cols);
  const variance = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    const lastCount = last ? (last.count[j] as number) : 0;
    const lastMean = last ? (last.mean[j] as number) : 0;
    const lastVar = last ? (last.variance[j] as number) : 0;
    const newCount = batch.count[j] as number;
    const newSum = batch.sum[j] as number;
    const lastSum = lastMean * lastCount;
    const updatedCount = lastCount + newCount;
    mean[j] = (lastSum + newSum) / updatedCount;
    const newUnnorm = batch.unnormalizedVariance[j] as number;
    let updatedUnnorm: number;
    if (lastCount === 0) updatedUnnorm = newUnnorm;
    else {
      const lastOverNew = lastCount / newCount;
      updatedUnnorm =
        lastVar * lastCount + newUnnorm + (lastOverNew / updatedCount) * (lastSum / lastOverNew - newSum) ** 2;
    }
    variance[j] = updatedUnnorm / updatedCount;
    count[j] = updatedCount;
  }
  return { count, mean, variance };
}
