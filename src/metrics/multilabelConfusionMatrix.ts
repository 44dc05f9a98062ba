import { checkTargets } from './core/checkTargets.js';
import { readSampleWeight } from './core/input.js';
import { labelCounts } from './core/labelCounts.js';
import { checkBoolean } from './core/options.js';
import { readLabelsOption } from './core/presentLabels.js';
import type { Label, LabelInput, SampleWeight } from './core/types.js';

/** Options of {@link multilabelConfusionMatrix}. */
export interface MultilabelConfusionMatrixOptions {
  /** Per-sample weights (default: all 1). */
  sampleWeight?: SampleWeight;
  /** Labels (column indices for indicators) to report, in this order (default: all, sorted). */
  labels?: readonly Label[] | null;
  /** One matrix per sample instead of per label (multi-label indicators only; default false). */
  samplewise?: boolean;
}

/**
 * One-vs-rest confusion matrices, one `[[tn, fp], [fn, tp]]` per label (or per sample), as scikit-learn's
 * `multilabel_confusion_matrix` computes them.
 *
 * @param yTrue true labels (a vector, or an `n × n_labels` indicator matrix)
 * @param yPred predicted labels, same form
 * @param options `sampleWeight`, `labels`, `samplewise` (false)
 * @returns an array of 2 × 2 matrices
 * @throws ValueError for `samplewise` on non-multi-label targets or out-of-range label columns
 * @example
 * multilabelConfusionMatrix([1, 0, 1], [1, 1, 0]); // [[[1, 1], [1, 0]], [[0, 1], [1, 1]]] (labels 0 and 1)
 */
export function multilabelConfusionMatrix(
  yTrue: LabelInput,
  yPred: LabelInput,
  options: MultilabelConfusionMatrixOptions = {},
): number[][][] {
  const fn = 'multilabelConfusionMatrix';
  const samplewise = checkBoolean(fn, 'samplewise', options.samplewise ?? false);
  const t = checkTargets(fn, yTrue, yPred);
  const n = t.type === 'multilabel-indicator' ? t.yTrue.rows : t.yTrue.length;
  const sampleWeight = readSampleWeight(fn, options.sampleWeight, n);
  const isString = t.type === 'multilabel-indicator' ? false : n > 0 ? t.yTrue.isString : null;
  const labels = options.labels == null ? undefined : readLabelsOption(fn, options.labels, isString);
  const c = labelCounts(fn, t, { sampleWeight, labels, samplewise });
  return Array.from(c.tp, (_, k) => [
    [c.tn[k] as number, c.fp[k] as number],
    [c.fn[k] as number, c.tp[k] as number],
  ]);
}
