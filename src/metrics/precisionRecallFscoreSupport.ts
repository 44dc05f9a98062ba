import { computePrfs, type PrfsOptions } from './core/prfs.js';
import { type PrfMetric } from './core/prfDivide.js';
import { oneOf } from './core/options.js';
import type { Average, LabelInput } from './core/types.js';

/** Options of {@link precisionRecallFscoreSupport}. */
export interface PrecisionRecallFscoreSupportOptions extends PrfsOptions {
  /** Weight of recall in the F-score, ≥ 0 (default 1; Infinity gives recall). */
  beta?: number;
  /** Which ill-defined scores raise an UndefinedMetricWarning (default all three). */
  warnFor?: readonly PrfMetric[];
}

/** Scores per label (`average: null`). */
export interface PrfsPerLabel {
  precision: number[];
  recall: number[];
  fScore: number[];
  /** Number (or total weight) of true samples of each label. */
  support: number[];
}

/** Averaged scores. */
export interface PrfsAveraged {
  precision: number;
  recall: number;
  fScore: number;
  support: null;
}

const METRICS: readonly PrfMetric[] = ['precision', 'recall', 'f-score'];

/**
 * Precision, recall, F-beta score and support for each label or averaged, as scikit-learn's
 * `precision_recall_fscore_support` (1.2) defines them. Precision is tp / (tp + fp), recall tp / (tp + fn),
 * F-beta (1 + β²)·P·R / (β²·P + R), support the (weighted) count of true samples per label.
 *
 * @param yTrue true labels (a vector, or an `n × n_labels` indicator matrix for multi-label)
 * @param yPred predicted labels, same form
 * @param options `average` (default null: per label), `beta` (1), `labels`, `posLabel` (1),
 *   `sampleWeight`, `zeroDivision` ('warn'), `warnFor`
 * @returns per-label arrays, or numbers with `support: null` when averaged
 * @throws ConfigError for unknown options, ShapeError for length mismatches, ValueError for unusable targets
 * @example
 * precisionRecallFscoreSupport([0, 1, 1], [0, 1, 0], { average: 'macro' }); // precision 0.75, recall 0.75, fScore 0.667
 */
export function precisionRecallFscoreSupport(
  yTrue: LabelInput,
  yPred: LabelInput,
  options?: PrecisionRecallFscoreSupportOptions & { average?: null },
): PrfsPerLabel;
export function precisionRecallFscoreSupport(
  yTrue: LabelInput,
  yPred: LabelInput,
  options: PrecisionRecallFscoreSupportOptions & { average: Exclude<Average, null> },
): PrfsAveraged;
export function precisionRecallFscoreSupport(
  yTrue: LabelInput,
  yPred: LabelInput,
  options?: PrecisionRecallFscoreSupportOptions,
): PrfsPerLabel | PrfsAveraged;
export function precisionRecallFscoreSupport(
  yTrue: LabelInput,
  yPred: LabelInput,
  options: PrecisionRecallFscoreSupportOptions = {},
): PrfsPerLabel | PrfsAveraged {
  const fn = 'precisionRecallFscoreSupport';
  const warnFor = (options.warnFor ?? METRICS).map((m) => oneOf(fn, 'warnFor', m, METRICS));
  const r = computePrfs(fn, yTrue, yPred, options, null, warnFor);
  if (r.support === null) {
    return { precision: r.precision as number, recall: r.recall as number, fScore: r.fScore as number, support: null };
  }
  return {
    precision: Array.from(r.precision as Float64Array),
    recall: Array.from(r.recall as Float64Array),
    fScore: Array.from(r.fScore as Float64Array),
    support: Array.from(r.support),
  };
}
