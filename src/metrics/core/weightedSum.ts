import { average } from './average.js';
import { pairwiseSum } from '../../util/pairwiseSum.js';

/**
 * scikit-learn's `_weighted_sum`: the (weighted) mean of per-sample scores when `normalize`, else their
 * (weighted) sum. The weighted sum is a dot product in NumPy (BLAS order), here summed pairwise, so it may
 * differ in the last bit.
 */
export function weightedSum(
  fn: string,
  scores: Float64Array,
  sampleWeight: Float64Array | undefined,
  normalize: boolean,
): number {
  if (normalize) return average(fn, scores, sampleWeight);
  if (sampleWeight === undefined) return pairwiseSum(scores);
  const prod = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) prod[i] = (scores[i] as number) * (sampleWeight[i] as number);
  return pairwiseSum(prod);
}
