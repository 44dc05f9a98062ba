import { ValueError } from '../../errors/errors.js';
import { pairwiseSum, sumAxis0 } from '../../util/pairwiseSum.js';

/**
 * `np.average(values, weights=weights)`: the mean, or Σ values·weights / Σ weights, summed as NumPy does.
 * @throws ValueError when the weights sum to zero (NumPy raises ZeroDivisionError).
 */
export function average(fn: string, values: ArrayLike<number>, weights?: ArrayLike<number> | null): number {
  const n = values.length;
  if (weights === undefined || weights === null) return pairwiseSum(values) / n;
  const scale = pairwiseSum(weights);
  if (scale === 0) {
    throw new ValueError(`${fn}: the weights sum to zero, so the weighted average is undefined.`, { fn });
  }
  const prod = new Float64Array(n);
  for (let i = 0; i < n; i++) prod[i] = (values[i] as number) * (weights[i] as number);
  return pairwiseSum(prod) / scale;
}

/**
 * `np.average(x, axis=0, weights=w)` for a row-major `rows × cols` matrix and per-row weights.
 * @throws ValueError when the weights sum to zero.
 */
export function averageAxis0(
  fn: string,
  data: ArrayLike<number>,
  rows: number,
  cols: number,
  weights?: ArrayLike<number> | null,
): Float64Array {
  if (weights === undefined || weights === null) {
    const s = sumAxis0(data, rows, cols);
    for (let j = 0; j < cols; j++) s[j] = (s[j] as number) / rows;
    return s;
  }
  const scale = pairwiseSum(weights);
  if (scale === 0) {
    throw new ValueError(`${fn}: "sampleWeight" sums to zero, so the weighted average is undefined.`, { fn });
  }
  const prod = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const w = weights[i] as number;
    for (let j = 0; j < cols; j++) prod[i * cols + j] = (data[i * cols + j] as number) * w;
  }
  const s = sumAxis0(prod, rows, cols);
  for (let j = 0; j < cols; j++) s[j] = (s[j] as number) / scale;
  return s;
}

/** Running sum in order (`np.cumsum`, as scikit-learn's `stable_cumsum` uses it). */
export function cumsum(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    acc += values[i] as number;
    out[i] = acc;
  }
  return out;
}
