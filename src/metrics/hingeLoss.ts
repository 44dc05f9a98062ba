import { ShapeError, ValueError } from '../errors/errors.js';
import { average } from './core/average.js';
import { checkNotEmpty, checkSameLength, readNumeric, readSampleWeight } from './core/input.js';
import { labelIndex, pyRepr, uniqueSorted } from './core/labels.js';
import { readLabelsOption } from './core/presentLabels.js';
import { checkTargetVector } from './core/scoreInputs.js';
import type { Label, LabelInput, SampleWeight, ScoreInput } from './core/types.js';

/** Options of {@link hingeLoss}. */
export interface HingeLossOptions {
  /** All class labels of a multiclass problem, in the order of the columns of `predDecision`. */
  labels?: readonly Label[] | null;
  /** Per-sample weights (default: all 1). */
  sampleWeight?: SampleWeight;
}

/**
 * Average hinge loss, max(0, 1 − margin), as scikit-learn's `hinge_loss` computes it. Binary: the greater label
 * is +1, the other −1, and margin = y·decision. Multiclass (Crammer & Singer): margin = decision of the true
 * class − the largest decision of the other classes.
 *
 * @param yTrue true labels
 * @param predDecision decision values: a vector (binary) or `n × n_classes` (multiclass)
 * @param options `labels`, `sampleWeight`
 * @returns the mean loss (≥ 0)
 * @throws ShapeError when the decision shape does not fit the classes, ValueError for unknown labels
 * @example
 * hingeLoss([-1, 1, 1], [-2.18, 2.36, 0.09]); // 0.3033…
 */
export function hingeLoss(yTrue: LabelInput, predDecision: ScoreInput, options: HingeLossOptions = {}): number {
  const fn = 'hingeLoss';
  const y = checkTargetVector(fn, yTrue);
  const d = readNumeric(fn, 'predDecision', predDecision);
  checkSameLength(fn, ['yTrue', y.length], ['predDecision', d.rows]);
  checkNotEmpty(fn, 'yTrue', y.length);
  const sampleWeight = readSampleWeight(fn, options.sampleWeight, y.length);
  const isString = typeof y[0] === 'string';
  const labels = options.labels == null ? undefined : readLabelsOption(fn, options.labels, isString);
  const unique = uniqueSorted(labels ?? y);
  const n = y.length;
  const losses = new Float64Array(n);
  if (unique.length > 2) {
    if (d.ndim === 1 || d.cols !== unique.length) {
      const got = d.ndim === 1 ? 'a vector' : `shape [${d.rows}, ${d.cols}]`;
      throw new ShapeError(
        `${fn}: multiclass targets need "predDecision" of shape [${n}, ${unique.length}] (one column per class); ` +
          `received ${got}.` +
          (labels === undefined ? ' Pass all labels through "labels" if some are missing from yTrue.' : ''),
        { fn },
      );
    }
    const index = labelIndex(unique);
    const k = d.cols;
    for (let i = 0; i < n; i++) {
      const c = index.get(y[i] as Label);
      if (c === undefined) {
        throw new ValueError(`${fn}: "yTrue" contains ${pyRepr(y[i])}, which is not in "labels".`, { fn });
      }
      let other = -Infinity;
      for (let j = 0; j < k; j++) if (j !== c) other = Math.max(other, d.data[i * k + j] as number);
      const margin = (d.data[i * k + c] as number) - other;
      losses[i] = Math.max(1 - margin, 0);
    }
  } else {
    if (d.cols !== 1) {
      throw new ShapeError(`${fn}: binary targets need one decision value per sample; received ${d.cols} columns.`, {
        fn,
      });
    }
    // scikit-learn binarises yTrue on its own labels: the greater one is +1; a single label is all −1.
    const own = uniqueSorted(y);
    if (own.length > 2) {
      throw new ValueError(
        `${fn}: "yTrue" has ${own.length} classes but "labels" lists ${unique.length}; every label of yTrue must ` +
          'be in "labels".',
        { fn },
      );
    }
    const positive = own.length === 2 ? own[1] : undefined;
    for (let i = 0; i < n; i++) {
      const sign = y[i] === positive ? 1 : -1;
      losses[i] = Math.max(1 - sign * (d.data[i] as number), 0);
    }
  }
  return average(fn, losses, sampleWeight);
}
