import { ShapeError, ValueError } from '../errors/errors.js';
import { warn } from '../util/warnings.js';
import { checkNotEmpty, checkSameLength, readNumeric, readSampleWeight } from './core/input.js';
import { compareLabels, labelIndex, pyRepr, uniqueSorted } from './core/labels.js';
import { checkBoolean, checkNumber } from './core/options.js';
import { readLabelsOption } from './core/presentLabels.js';
import { checkTargetVector } from './core/scoreInputs.js';
import { targetType } from './core/targetType.js';
import type { Label, LabelInput, SampleWeight, ScoreInput } from './core/types.js';
import { weightedSum } from './core/weightedSum.js';

/** Options of {@link topKAccuracyScore}. */
export interface TopKAccuracyScoreOptions {
  /** Number of top-scored classes that may contain the true one (integer ≥ 1, default 2). */
  k?: number;
  /** Fraction of hits (default true) or their (weighted) count. */
  normalize?: boolean;
  /** Per-sample weights (default: all 1). */
  sampleWeight?: SampleWeight;
  /** All class labels, in the order of the columns of `yScore` (default: the sorted labels of yTrue). */
  labels?: readonly Label[] | null;
}

/**
 * Top-k accuracy: the (weighted) fraction of samples whose true class is among the `k` highest-scored classes,
 * as scikit-learn's `top_k_accuracy_score` computes it (ties broken towards the later column).
 *
 * @param yTrue true labels
 * @param yScore scores: `n × n_classes` (columns in sorted-label order), or a vector for binary targets
 * @param options `k` (2), `normalize` (true), `sampleWeight`, `labels`
 * @returns the fraction of hits, or their (weighted) count when `normalize` is false
 * @throws ValueError for targets that are not class labels or labels that do not fit yScore
 * @example
 * topKAccuracyScore([0, 1, 2, 2], [[0.5, 0.2, 0.2], [0.3, 0.4, 0.2], [0.2, 0.4, 0.3], [0.7, 0.2, 0.1]]); // 0.75
 */
export function topKAccuracyScore(
  yTrue: LabelInput,
  yScore: ScoreInput,
  options: TopKAccuracyScoreOptions = {},
): number {
  const fn = 'topKAccuracyScore';
  const k = checkNumber(fn, 'k', options.k ?? 2, { min: 1, integer: true });
  const normalize = checkBoolean(fn, 'normalize', options.normalize ?? true);
  const y = checkTargetVector(fn, yTrue);
  checkNotEmpty(fn, 'yTrue', y.length);
  const isString = typeof y[0] === 'string';
  let type = targetType({ kind: 'labels', values: y, isString, length: y.length });
  const labels = options.labels == null ? undefined : readLabelsOption(fn, options.labels, isString);
  if (type === 'binary' && labels !== undefined && labels.length > 2) type = 'multiclass';
  if (type !== 'binary' && type !== 'multiclass') {
    throw new ValueError(`${fn}: "yTrue" must be binary or multiclass labels; received ${type} targets.`, { fn, type });
  }
  const s = readNumeric(fn, 'yScore', yScore);
  if (type === 'binary' && s.ndim === 2 && s.cols !== 1) {
    throw new ShapeError(
      `${fn}: "yTrue" is binary but "yScore" has ${s.cols} columns; if yTrue does not contain all the labels, ` +
        'pass them through "labels".',
      { fn },
    );
  }
  checkSameLength(fn, ['yTrue', y.length], ['yScore', s.rows]);
  const sampleWeight = readSampleWeight(fn, options.sampleWeight, y.length);
  const scoreClasses = type === 'binary' || s.ndim === 1 ? 2 : s.cols;
  let classes: Label[];
  if (labels === undefined) {
    classes = uniqueSorted(y);
    if (classes.length !== scoreClasses) {
      throw new ShapeError(
        `${fn}: "yTrue" has ${classes.length} classes but "yScore" has ${scoreClasses}; pass all known classes ` +
          'through "labels".',
        { fn, expected: scoreClasses, received: classes.length },
      );
    }
  } else {
    classes = labels;
    const sorted = uniqueSorted(labels);
    if (sorted.length !== labels.length) throw new ValueError(`${fn}: "labels" must be unique.`, { fn });
    if (labels.some((l, i) => compareLabels(l, sorted[i] as Label) !== 0)) {
      throw new ValueError(`${fn}: "labels" must be sorted in increasing order.`, { fn });
    }
    if (classes.length !== scoreClasses) {
      throw new ShapeError(`${fn}: "labels" has ${classes.length} classes but "yScore" has ${scoreClasses}.`, {
        fn,
        expected: scoreClasses,
        received: classes.length,
      });
    }
  }
  const index = labelIndex(classes);
  const encoded = y.map((v) => {
    const c = index.get(v);
    if (c === undefined)
      throw new ValueError(`${fn}: "yTrue" contains ${pyRepr(v)}, which is not in "labels".`, { fn });
    return c;
  });
  if (k >= classes.length) {
    warn(
      'UndefinedMetricWarning',
      `'k' (${k}) greater than or equal to 'n_classes' (${classes.length}) will result in a perfect score and is ` +
        'therefore meaningless.',
    );
  }
  const n = y.length;
  const hits = new Float64Array(n);
  if (type === 'binary') {
    if (k === 1) {
      let min = Infinity;
      let max = -Infinity;
      for (const v of s.data) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      const threshold = min >= 0 && max <= 1 ? 0.5 : 0;
      for (let i = 0; i < n; i++) hits[i] = ((s.data[i] as number) > threshold ? 1 : 0) === encoded[i] ? 1 : 0;
    } else {
      hits.fill(1);
    }
  } else {
    const m = s.cols;
    for (let i = 0; i < n; i++) {
      // Rank columns by score, highest first; among ties the later column ranks higher
      // (np.argsort(kind='mergesort')[::-1]).
      const c = encoded[i] as number;
      const own = s.data[i * m + c] as number;
      let better = 0;
      for (let j = 0; j < m; j++) {
        const v = s.data[i * m + j] as number;
        if (v > own || (v === own && j > c)) better++;
      }
      hits[i] = better < k ? 1 : 0;
    }
  }
  return weightedSum(fn, hits, sampleWeight, normalize);
}
