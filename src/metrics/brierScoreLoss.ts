import { ValueError } from '../errors/errors.js';
import { average } from './core/average.js';
import { checkNotEmpty, checkSameLength, readSampleWeight, readVector } from './core/input.js';
import { uniqueSorted } from './core/labels.js';
import { resolvePosLabel } from './core/posLabel.js';
import { checkTargetVector } from './core/scoreInputs.js';
import { targetType } from './core/targetType.js';
import type { Label, LabelInput, NumericVector, SampleWeight } from './core/types.js';

/** Options of {@link brierScoreLoss}. */
export interface BrierScoreLossOptions {
  /** Per-sample weights (default: all 1). */
  sampleWeight?: SampleWeight;
  /** The positive class (default: 1 for {0, 1} or {-1, 1} labels, else the greater numeric label). */
  posLabel?: Label | null;
}

/**
 * Brier score: the (weighted) mean squared difference between the predicted probability of the positive class
 * and the outcome (1 for the positive class, else 0), as scikit-learn 1.2's `brier_score_loss` computes it.
 *
 * @param yTrue true binary labels
 * @param yProb probabilities of the positive class, in [0, 1]
 * @param options `sampleWeight`, `posLabel`
 * @returns the loss in [0, 1]
 * @throws ValueError for non-binary targets, probabilities outside [0, 1], or string labels without posLabel
 * @example
 * brierScoreLoss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]); // 0.0375
 */
export function brierScoreLoss(yTrue: LabelInput, yProb: NumericVector, options: BrierScoreLossOptions = {}): number {
  const fn = 'brierScoreLoss';
  const y = checkTargetVector(fn, yTrue);
  const p = readVector(fn, 'yProb', yProb);
  checkSameLength(fn, ['yTrue', y.length], ['yProb', p.length]);
  checkNotEmpty(fn, 'yTrue', y.length);
  const sampleWeight = readSampleWeight(fn, options.sampleWeight, y.length);
  const isString = typeof y[0] === 'string';
  const type = targetType({ kind: 'labels', values: y, isString, length: y.length });
  if (type !== 'binary') {
    throw new ValueError(`${fn}: only binary targets are supported; "yTrue" is ${type}.`, { fn, type });
  }
  for (let i = 0; i < p.length; i++) {
    const v = p[i] as number;
    if (v > 1 || v < 0) {
      throw new ValueError(`${fn}: "yProb" must hold probabilities in [0, 1]; received ${v} at index ${i}.`, {
        fn,
        index: i,
        value: v,
      });
    }
  }
  let posLabel: Label;
  try {
    posLabel = resolvePosLabel(fn, options.posLabel, y);
  } catch (e) {
    // For numeric labels scikit-learn falls back to the greater label.
    if (isString) throw e;
    posLabel = uniqueSorted(y).at(-1) as Label;
  }
  const sq = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const d = (y[i] === posLabel ? 1 : 0) - (p[i] as number);
    sq[i] = d * d;
  }
  return average(fn, sq, sampleWeight);
}
