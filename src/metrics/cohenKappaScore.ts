import { confusionCounts } from './core/confusion.js';
import { checkNotEmpty } from './core/input.js';
import { oneOf } from './core/options.js';
import { pairwiseSum, sumAxis0, sumAxis1 } from '../util/pairwiseSum.js';
import type { Label, LabelInput, SampleWeight } from './core/types.js';

/** Options of {@link cohenKappaScore}. */
export interface CohenKappaScoreOptions {
  /** Labels to use, in this order (default: all labels present, sorted). */
  labels?: readonly Label[] | null;
  /** Disagreement weights: null (all disagreements weigh 1, default), 'linear' |i − j| or 'quadratic' (i − j)². */
  weights?: 'linear' | 'quadratic' | null;
  /** Per-sample weights (default: all 1). */
  sampleWeight?: SampleWeight;
}

/**
 * Cohen's kappa, the agreement between two annotators corrected for chance, κ = 1 − Σ w·O / Σ w·E, as
 * scikit-learn's `cohen_kappa_score` computes it (NaN when the expected disagreement is 0).
 *
 * @param y1 labels of the first annotator
 * @param y2 labels of the second annotator
 * @param options `labels`, `weights` (null), `sampleWeight`
 * @returns κ, at most 1
 * @throws ConfigError for unknown weights, ShapeError for length mismatches, ValueError for unusable targets
 * @example
 * cohenKappaScore([0, 1, 1, 0], [0, 1, 0, 0]); // 0.5
 */
export function cohenKappaScore(y1: LabelInput, y2: LabelInput, options: CohenKappaScoreOptions = {}): number {
  const fn = 'cohenKappaScore';
  const weights = oneOf(fn, 'weights', options.weights ?? null, [null, 'linear', 'quadratic'] as const);
  const { counts, k } = confusionCounts(fn, y1, y2, options.labels, options.sampleWeight, ['y1', 'y2']);
  checkNotEmpty(fn, 'y1', k);
  const sum0 = sumAxis0(counts, k, k);
  const sum1 = sumAxis1(counts, k, k);
  const total = pairwiseSum(sum0);
  const observed = new Float64Array(k * k);
  const expected = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = weights === null ? (i === j ? 0 : 1) : weights === 'linear' ? Math.abs(i - j) : (i - j) * (i - j);
      observed[i * k + j] = w * (counts[i * k + j] as number);
      expected[i * k + j] = w * (((sum0[i] as number) * (sum1[j] as number)) / total);
    }
  }
  return 1 - pairwiseSum(observed) / pairwiseSum(expected);
}
