import { confusionCounts } from './core/confusion.js';
import { checkNotEmpty } from './core/input.js';
import { pairwiseSum, sumAxis0, sumAxis1 } from '../util/pairwiseSum.js';
import type { LabelInput, SampleWeight } from './core/types.js';

/** Options of {@link matthewsCorrcoef}. */
export interface MatthewsCorrcoefOptions {
  /** Per-sample weights (default: all 1). */
  sampleWeight?: SampleWeight;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/**
 * Matthews correlation coefficient (the multiclass R_K statistic of Gorodkin 2004), in [-1, 1], as
 * scikit-learn's `matthews_corrcoef` computes it; 0 when either marginal is constant.
 *
 * @param yTrue true labels
 * @param yPred predicted labels
 * @param options `sampleWeight`
 * @returns the coefficient
 * @throws ShapeError for length mismatches, ValueError for multi-label or unsupported targets
 * @example
 * matthewsCorrcoef([1, 1, 1, 0], [1, 0, 1, 1]); // -0.3333…
 */
export function matthewsCorrcoef(yTrue: LabelInput, yPred: LabelInput, options: MatthewsCorrcoefOptions = {}): number {
  const fn = 'matthewsCorrcoef';
  const { counts, k } = confusionCounts(fn, yTrue, yPred, undefined, options.sampleWeight);
  checkNotEmpty(fn, 'yTrue', k);
  const tSum = sumAxis1(counts, k, k);
  const pSum = sumAxis0(counts, k, k);
  const nCorrect = pairwiseSum(counts, 0, k, k + 1);
  const nSamples = pairwiseSum(pSum);
  const covYtYp = nCorrect * nSamples - dot(tSum, pSum);
  const covYpYp = nSamples * nSamples - dot(pSum, pSum);
  const covYtYt = nSamples * nSamples - dot(tSum, tSum);
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}
