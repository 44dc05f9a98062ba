import { pairwiseSum } from '../../util/pairwiseSum.js';

/** `np.mean` of a vector: NumPy's pairwise sum divided by n, so it agrees with scikit-learn to the last bit. */
export function numpyMean(a: ArrayLike<number>): number {
  return pairwiseSum(a) / a.length;
}

/** `np.std` (population, ddof = 0) of a vector, as NumPy computes it: √(mean((x − mean)²)). */
export function numpyStd(a: ArrayLike<number>): number {
  const m = numpyMean(a);
  const sq = Float64Array.from(a, (x) => (x - m) * (x - m));
  return Math.sqrt(pairwiseSum(sq) / a.length);
}
