import { checkTargetVector } from './core/scoreInputs.js';
import { checkSameLength, readSampleWeight, readVector } from './core/input.js';
import { checkBoolean } from './core/options.js';
import { rocPoints } from './core/rocPoints.js';
import type { Label, LabelInput, NumericVector, SampleWeight } from './core/types.js';

/** Options of {@link rocCurve}. */
export interface RocCurveOptions {
  /** The positive class (default: 1 when the labels are {0, 1} or {-1, 1}; required otherwise). */
  posLabel?: Label | null;
  /** Per-sample weights (default: all 1); zero-weight samples are ignored. */
  sampleWeight?: SampleWeight;
  /** Drop thresholds whose points are collinear with their neighbours (default true). */
  dropIntermediate?: boolean;
}

/** A receiver operating characteristic curve. */
export interface RocCurveResult {
  /** False positive rates, increasing. */
  fpr: number[];
  /** True positive rates, increasing. */
  tpr: number[];
  /** Decreasing thresholds; the first is max(yScore) + 1 so the curve starts at (0, 0). */
  thresholds: number[];
}

/**
 * Receiver operating characteristic curve of a binary problem, as scikit-learn 1.2's `roc_curve` computes it.
 * A class missing from `yTrue` makes its rate NaN with an UndefinedMetricWarning.
 *
 * @param yTrue true binary labels
 * @param yScore scores of the positive class (probabilities or decision values)
 * @param options `posLabel`, `sampleWeight`, `dropIntermediate` (true)
 * @returns `{ fpr, tpr, thresholds }`
 * @throws ValueError for non-binary targets without `posLabel`, ShapeError for length mismatches, DataError for NaN
 * @example
 * rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [1.8, 0.8, 0.4, 0.35, 0.1]
 */
export function rocCurve(yTrue: LabelInput, yScore: NumericVector, options: RocCurveOptions = {}): RocCurveResult {
  const fn = 'rocCurve';
  const dropIntermediate = checkBoolean(fn, 'dropIntermediate', options.dropIntermediate ?? true);
  const labels = checkTargetVector(fn, yTrue);
  const scores = readVector(fn, 'yScore', yScore);
  checkSameLength(fn, ['yTrue', labels.length], ['yScore', scores.length]);
  const sampleWeight = readSampleWeight(fn, options.sampleWeight, labels.length);
  const r = rocPoints(fn, labels, scores, options.posLabel, sampleWeight, dropIntermediate);
  return { fpr: Array.from(r.fpr), tpr: Array.from(r.tpr), thresholds: Array.from(r.thresholds) };
}
