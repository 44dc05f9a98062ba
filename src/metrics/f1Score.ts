import { computePrfs, type PrfsOptions } from './core/prfs.js';
import type { Average, LabelInput } from './core/types.js';

/**
 * F1 score, the harmonic mean of precision and recall, 2·P·R / (P + R), as scikit-learn's `f1_score` (1.2)
 * computes it (it warns only when a label has neither true nor predicted samples).
 *
 * @param yTrue true labels (a vector, or an `n × n_labels` indicator matrix for multi-label)
 * @param yPred predicted labels, same form
 * @param options `average` ('binary'), `labels`, `posLabel` (1), `sampleWeight`, `zeroDivision` ('warn')
 * @returns the score, or one score per label when `average` is null
 * @throws ConfigError for unknown options, ShapeError for length mismatches, ValueError for unusable targets
 * @example
 * f1Score(['a', 'b', 'c', 'a'], ['a', 'c', 'c', 'a'], { average: 'macro' }); // 0.5555…
 */
export function f1Score(yTrue: LabelInput, yPred: LabelInput, options: PrfsOptions & { average: null }): number[];
export function f1Score(
  yTrue: LabelInput,
  yPred: LabelInput,
  options?: PrfsOptions & { average?: Exclude<Average, null> },
): number;
export function f1Score(yTrue: LabelInput, yPred: LabelInput, options?: PrfsOptions): number | number[];
export function f1Score(yTrue: LabelInput, yPred: LabelInput, options: PrfsOptions = {}): number | number[] {
  const r = computePrfs('f1Score', yTrue, yPred, { ...options, beta: 1 }, 'binary', ['f-score']);
  return typeof r.fScore === 'number' ? r.fScore : Array.from(r.fScore);
}
