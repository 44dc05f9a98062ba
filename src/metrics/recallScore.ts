import { computePrfs, type PrfsOptions } from './core/prfs.js';
import type { Average, LabelInput } from './core/types.js';

/**
 * Recall: the fraction of true positives that are found, tp / (tp + fn). Matches scikit-learn's `recall_score` (1.2).
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
 * recallScore([0, 1, 1, 0], [0, 1, 0, 1]); // 0.5
 */
export function recallScore(yTrue: LabelInput, yPred: LabelInput, options: PrfsOptions & { average: null }): number[];
export function recallScore(
  yTrue: LabelInput,
  yPred: LabelInput,
  options?: PrfsOptions & { average?: Exclude<Average, null> },
): number;
export function recallScore(yTrue: LabelInput, yPred: LabelInput, options?: PrfsOptions): number | number[];
export function recallScore(yTrue: LabelInput, yPred: LabelInput, options: PrfsOptions = {}): number | number[] {
  const r = computePrfs('recallScore', yTrue, yPred, options, 'binary', ['recall']);
  return typeof r.recall === 'number' ? r.recall : Array.from(r.recall);
}
