import { computePrfs, type PrfsOptions } from './core/prfs.js';
import type { Average, LabelInput } from './core/types.js';

/**
 * Precision: the fraction of predicted positives that are true, tp / (tp + fp). Matches scikit-learn's `precision_score` (1.2).
 *
 * @param yTrue true labels (a vector, or an `n × n_labels` indicator matrix for multi-label)
 * @param yPred predicted labels, same form
 * @param options `average` ('binary' by default: the score of `posLabel`; 'micro', 'macro', 'weighted',
 *   'samples' for multi-label, or null for one score per label), `labels`, `posLabel` (1), `sampleWeight`,
 *   `zeroDivision` ('warn': 0 and an UndefinedMetricWarning when a denominator is 0)
 * @returns the score, or one score per label when `average` is null
 * @throws ConfigError for unknown options, ShapeError for length mismatches, ValueError for unusable targets
 *   (e.g. multiclass targets with `average: 'binary'`)
 * @example
 * precisionScore([0, 1, 1, 0], [0, 1, 0, 1]); // 0.5
 */
export function precisionScore(
  yTrue: LabelInput,
  yPred: LabelInput,
  options: PrfsOptions & { average: null },
): number[];
export function precisionScore(
  yTrue: LabelInput,
  yPred: LabelInput,
  options?: PrfsOptions & { average?: Exclude<Average, null> },
): number;
export function precisionScore(yTrue: LabelInput, yPred: LabelInput, options?: PrfsOptions): number | number[];
export function precisionScore(yTrue: LabelInput, yPred: LabelInput, options: PrfsOptions = {}): number | number[] {
  const r = computePrfs('precisionScore', yTrue, yPred, options, 'binary', ['precision']);
  return typeof r.precision === 'number' ? r.precision : Array.from(r.precision);
}
