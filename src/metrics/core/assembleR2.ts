import { checkBoolean } from './options.js';
import { combineOutputs, type RegressionTargets } from './regressionTargets.js';

/**
 * 1 − numerator/denominator per output, combined across outputs (scikit-learn's
 * `_assemble_r2_explained_variance`). With `forceFinite`, a perfect prediction scores 1 and a constant yTrue
 * with imperfect predictions scores 0 instead of NaN or −Infinity.
 */
export function assembleR2(
  fn: string,
  numerator: Float64Array,
  denominator: Float64Array,
  multioutput: RegressionTargets['multioutput'],
  forceFiniteOption: unknown,
): number | number[] {
  const forceFinite = checkBoolean(fn, 'forceFinite', forceFiniteOption);
  const k = numerator.length;
  const scores = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const num = numerator[j] as number;
    const den = denominator[j] as number;
    if (!forceFinite) scores[j] = 1 - num / den;
    else if (num === 0) scores[j] = 1;
    else scores[j] = den !== 0 ? 1 - num / den : 0;
  }
  let weights: Float64Array | null = null;
  if (multioutput === 'variance') {
    // All-zero variances would make the weights sum to 0: fall back to a uniform mean.
    weights = denominator.some((d) => d !== 0) ? denominator : null;
    if (weights === null) return combineOutputs(fn, scores, 'uniform');
  }
  return combineOutputs(fn, scores, multioutput, weights);
}
