import { checkTargets } from './core/checkTargets.js';
import { checkNotEmpty, readSampleWeight } from './core/input.js';
import { checkBoolean } from './core/options.js';
import type { LabelInput, SampleWeight } from './core/types.js';
import { weightedSum } from './core/weightedSum.js';

/** Options of {@link accuracyScore}. */
export interface AccuracyScoreOptions {
  /** Return the fraction of correct samples (default true) or their (weighted) count. */
  normalize?: boolean;
  /** Per-sample weights (default: all 1). */
  sampleWeight?: SampleWeight;
}

/**
 * Accuracy: the (weighted) fraction of samples whose predicted label equals the true label; for multi-label
 * indicators a sample counts only when every label matches (subset accuracy). Matches scikit-learn's
 * `accuracy_score`.
 *
 * @param yTrue true labels (a vector, or an `n × n_labels` indicator matrix)
 * @param yPred predicted labels, same form
 * @param options `normalize` (true), `sampleWeight`
 * @returns the fraction in [0, 1], or the (weighted) number of correct samples when `normalize` is false
 * @throws ShapeError for length mismatches, ValueError for mixed or unsupported targets, DataError for NaN
 * @example
 * accuracyScore([0, 1, 2, 3], [0, 2, 1, 3]); // 0.5
 */
export function accuracyScore(yTrue: LabelInput, yPred: LabelInput, options: AccuracyScoreOptions = {}): number {
  const fn = 'accuracyScore';
  const normalize = checkBoolean(fn, 'normalize', options.normalize ?? true);
  const t = checkTargets(fn, yTrue, yPred);
  const n = t.type === 'multilabel-indicator' ? t.yTrue.rows : t.yTrue.length;
  checkNotEmpty(fn, 'yTrue', n);
  const sampleWeight = readSampleWeight(fn, options.sampleWeight, n);
  const score = new Float64Array(n);
  if (t.type === 'multilabel-indicator') {
    const k = t.yTrue.cols;
    for (let i = 0; i < n; i++) {
      let same = 1;
      for (let j = 0; j < k; j++) if (t.yTrue.data[i * k + j] !== t.yPred.data[i * k + j]) same = 0;
      score[i] = same;
    }
  } else {
    for (let i = 0; i < n; i++) score[i] = t.yTrue.values[i] === t.yPred.values[i] ? 1 : 0;
  }
  return weightedSum(fn, score, sampleWeight, normalize);
}
