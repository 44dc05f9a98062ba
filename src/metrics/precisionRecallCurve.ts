import { checkSameLength, readSampleWeight, readVector } from './core/input.js';
import { prCurvePoints } from './core/prCurvePoints.js';
import { checkTargetVector } from './core/scoreInputs.js';
import type { Label, LabelInput, NumericVector, SampleWeight } from './core/types.js';

/** Options of {@link precisionRecallCurve}. */
export interface PrecisionRecallCurveOptions {
  /** The positive class (default: 1 when the labels are {0, 1} or {-1, 1}; required otherwise). */
  posLabel?: Label | null;
  /** Per-sample weights (default: all 1); zero-weight samples are ignored. */
  sampleWeight?: SampleWeight;
}

/** A precision-recall curve. */
export interface PrecisionRecallCurveResult {
  /** Precision at each threshold, ending with 1. */
  precision: number[];
  /** Recall at each threshold (decreasing), ending with 0. */
  recall: number[];
  /** Increasing distinct scores; one fewer than precision and recall. */
  thresholds: number[];
}

/**
 * Precision-recall pairs for every distinct score threshold of a binary problem, as scikit-learn 1.2's
 * `precision_recall_curve` computes them (all thresholds kept; precision 0 where nothing is predicted
 * positive; recall 1 everywhere, with a warning, when `yTrue` has no positive).
 *
 * @param yTrue true binary labels
 * @param probasPred scores of the positive class
 * @param options `posLabel`, `sampleWeight`
 * @returns `{ precision, recall, thresholds }`
 * @throws ValueError for non-binary targets without `posLabel`, ShapeError for length mismatches, DataError for NaN
 * @example
 * precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // precision [0.5, 0.667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8]
 */
export function precisionRecallCurve(
  yTrue: LabelInput,
  probasPred: NumericVector,
  options: PrecisionRecallCurveOptions = {},
): PrecisionRecallCurveResult {
  const fn = 'precisionRecallCurve';
  const labels = checkTargetVector(fn, yTrue);
  const scores = readVector(fn, 'probasPred', probasPred);
  checkSameLength(fn, ['yTrue', labels.length], ['probasPred', scores.length]);
  const sampleWeight = readSampleWeight(fn, options.sampleWeight, labels.length);
  const r = prCurvePoints(fn, labels, scores, options.posLabel, sampleWeight);
  return { precision: Array.from(r.precision), recall: Array.from(r.recall), thresholds: Array.from(r.thresholds) };
}
