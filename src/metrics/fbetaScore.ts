import { ConfigError } from '../errors/errors.js';
import { computePrfs, type PrfsOptions } from './core/prfs.js';
import type { Average, LabelInput } from './core/types.js';

/** Options of {@link fbetaScore}: those of precision and recall plus the required `beta`. */
export interface FbetaScoreOptions extends PrfsOptions {
  /** Weight of recall: β < 1 favours precision, β > 1 recall; ≥ 0, Infinity gives recall. */
  beta: number;
}

/**
 * F-beta score, (1 + β²)·P·R / (β²·P + R), the weighted harmonic mean of precision and recall, as
 * scikit-learn's `fbeta_score` (1.2) computes it (it warns only when a label has neither true nor predicted
 * samples).
 *
 * @param yTrue true labels (a vector, or an `n × n_labels` indicator matrix for multi-label)
 * @param yPred predicted labels, same form
 * @param options `beta` (required), `average` ('binary'), `labels`, `posLabel` (1), `sampleWeight`,
 *   `zeroDivision` ('warn')
 * @returns the score, or one score per label when `average` is null
 * @throws ConfigError for unknown options or a negative beta, ShapeError for length mismatches, ValueError for
 *   unusable targets
 * @example
 * fbetaScore([0, 1, 1, 0], [0, 1, 0, 1], { beta: 2 }); // 0.5
 */
export function fbetaScore(
  yTrue: LabelInput,
  yPred: LabelInput,
  options: FbetaScoreOptions & { average: null },
): number[];
export function fbetaScore(
  yTrue: LabelInput,
  yPred: LabelInput,
  options: FbetaScoreOptions & { average?: Exclude<Average, null> },
): number;
export function fbetaScore(yTrue: LabelInput, yPred: LabelInput, options: FbetaScoreOptions): number | number[];
export function fbetaScore(yTrue: LabelInput, yPred: LabelInput, options: FbetaScoreOptions): number | number[] {
  if (options?.beta === undefined) {
    throw new ConfigError('fbetaScore: "beta" is required (a number ≥ 0; 1 gives the F1 score); received undefined.', {
      fn: 'fbetaScore',
      option: 'beta',
    });
  }
  const r = computePrfs('fbetaScore', yTrue, yPred, options, 'binary', ['f-score']);
  return typeof r.fScore === 'number' ? r.fScore : Array.from(r.fScore);
}
