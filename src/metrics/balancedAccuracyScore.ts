import { warn } from '../util/warnings.js';
import { confusionCounts } from './core/confusion.js';
import { checkNotEmpty } from './core/input.js';
import { checkBoolean } from './core/options.js';
import { pairwiseSum, sumAxis1 } from '../util/pairwiseSum.js';
import type { LabelInput, SampleWeight } from './core/types.js';

/** Options of {@link balancedAccuracyScore}. */
export interface BalancedAccuracyScoreOptions {
  /** Per-sample weights (default: all 1). */
  sampleWeight?: SampleWeight;
  /** Rescale so that chance scores 0 and perfect 1 (default false). */
  adjusted?: boolean;
}

/**
 * Balanced accuracy: the mean over classes of the recall of each class, as scikit-learn's
 * `balanced_accuracy_score` computes it. Classes that are predicted but absent from `yTrue` are left out with a
 * warning.
 *
 * @param yTrue true labels
 * @param yPred predicted labels
 * @param options `sampleWeight`, `adjusted` (false)
 * @returns the score (in [0, 1] unless adjusted)
 * @throws ShapeError for length mismatches, ValueError for multi-label or unsupported targets
 * @example
 * balancedAccuracyScore([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]); // 0.625
 */
export function balancedAccuracyScore(
  yTrue: LabelInput,
  yPred: LabelInput,
  options: BalancedAccuracyScoreOptions = {},
): number {
  const fn = 'balancedAccuracyScore';
  const adjusted = checkBoolean(fn, 'adjusted', options.adjusted ?? false);
  const { counts, k } = confusionCounts(fn, yTrue, yPred, undefined, options.sampleWeight);
  checkNotEmpty(fn, 'yTrue', k);
  const rowSums = sumAxis1(counts, k, k);
  const perClass: number[] = [];
  let dropped = false;
  for (let i = 0; i < k; i++) {
    const r = (counts[i * k + i] as number) / (rowSums[i] as number);
    if (Number.isNaN(r)) dropped = true;
    else perClass.push(r);
  }
  if (dropped) warn('UserWarning', 'y_pred contains classes not in y_true');
  let score = pairwiseSum(perClass) / perClass.length;
  if (adjusted) {
    const chance = 1 / perClass.length;
    score -= chance;
    score /= 1 - chance;
  }
  return score;
}
