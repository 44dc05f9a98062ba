import { ConfigError, ShapeError, ValueError } from '../errors/errors.js';
import { formatValue } from '../util/format.js';
import { averageBinaryScore } from './core/averageBinaryScore.js';
import { averageOvoScore } from './core/averageOvoScore.js';
import { binaryRocAuc } from './core/binaryRocAuc.js';
import {
  checkNotEmpty,
  checkSameLength,
  type NumericData,
  readNumeric,
  readSampleWeight,
  readTarget,
} from './core/input.js';
import { compareLabels, labelIndex, uniqueSorted } from './core/labels.js';
import { oneOf } from './core/options.js';
import { readLabelsOption } from './core/presentLabels.js';
import { targetType } from './core/targetType.js';
import type { Label, LabelInput, SampleWeight, ScoreInput } from './core/types.js';

/** Options of {@link rocAucScore}. */
export interface RocAucScoreOptions {
  /**
   * How scores of several labels or classes are combined (default 'macro'): 'micro', 'macro', 'weighted',
   * 'samples' (multi-label only) or null (one score per label; not with 'ovo').
   */
  average?: 'micro' | 'macro' | 'weighted' | 'samples' | null;
  /** Per-sample weights (default: all 1; not with 'ovo'). */
  sampleWeight?: SampleWeight;
  /** Standardised partial AUC over FPR in [0, maxFpr] (binary and multi-label only; default null: full AUC). */
  maxFpr?: number | null;
  /** Multiclass strategy: 'ovr' (one-vs-rest) or 'ovo' (one-vs-one); required for multiclass targets. */
  multiClass?: 'raise' | 'ovr' | 'ovo';
  /** Class labels in the order of the columns of `yScore` (multiclass only; default: the sorted labels of yTrue). */
  labels?: readonly Label[] | null;
}

const AVERAGES = ['micro', 'macro', 'weighted', 'samples', null] as const;

function multiclassRocAuc(
  fn: string,
  yTrue: readonly Label[],
  isString: boolean,
  yScore: NumericData,
  options: RocAucScoreOptions,
  sampleWeight: Float64Array | undefined,
): number | number[] {
  const multiClass = oneOf(fn, 'multiClass', options.multiClass ?? 'raise', ['raise', 'ovr', 'ovo'] as const);
  if (multiClass === 'raise') {
    throw new ValueError(`${fn}: multiclass targets need "multiClass" 'ovr' or 'ovo'; received 'raise'.`, { fn });
  }
  const k = yScore.cols;
  for (let i = 0; i < yScore.rows; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += yScore.data[i * k + j] as number;
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
      throw new ValueError(
        `${fn}: multiclass "yScore" must hold probabilities that sum to 1 over the classes; row ${i} sums to ${s}.`,
        { fn, row: i, sum: s },
      );
    }
  }
  const average =
    multiClass === 'ovr'
      ? oneOf(fn, 'average', options.average === undefined ? 'macro' : options.average, [
          'micro',
          'macro',
          'weighted',
          null,
        ] as const)
      : oneOf(fn, 'average', options.average === undefined ? 'macro' : options.average, ['macro', 'weighted'] as const);
  let classes: Label[];
  if (options.labels != null) {
    classes = readLabelsOption(fn, options.labels, isString);
    const sorted = uniqueSorted(classes);
    if (sorted.length !== classes.length) throw new ValueError(`${fn}: "labels" must be unique.`, { fn });
    if (classes.some((c, i) => compareLabels(c, sorted[i] as Label) !== 0)) {
      throw new ValueError(`${fn}: "labels" must be sorted in increasing order.`, { fn });
    }
    if (classes.length !== k) {
      throw new ShapeError(
        `${fn}: "labels" has ${classes.length} classes but "yScore" has ${k} columns; they must match.`,
        { fn, expected: k, received: classes.length },
      );
    }
    const known = new Set(classes);
    const unknown = yTrue.find((y) => !known.has(y));
    if (unknown !== undefined) {
      throw new ValueError(`${fn}: "yTrue" contains ${formatValue(unknown)}, which is not in "labels".`, { fn });
    }
  } else {
    classes = uniqueSorted(yTrue);
    if (classes.length !== k) {
      throw new ShapeError(
        `${fn}: "yTrue" has ${classes.length} classes but "yScore" has ${k} columns; pass "labels" when some ` +
          'classes are missing from yTrue.',
        { fn, expected: k, received: classes.length },
      );
    }
  }
  const index = labelIndex(classes);
  const encoded = Int32Array.from(yTrue, (y) => index.get(y) as number);
  const metric = (t: readonly Label[], s: Float64Array, w: Float64Array | undefined): number =>
    binaryRocAuc(fn, t, s, w, null);
  if (multiClass === 'ovo') {
    if (sampleWeight !== undefined) {
      throw new ConfigError(`${fn}: "sampleWeight" is not supported with multiClass 'ovo'.`, { fn });
    }
    return averageOvoScore(fn, metric, encoded, yScore, average as 'macro' | 'weighted');
  }
  const indicator = new Float64Array(yScore.rows * k);
  encoded.forEach((c, i) => {
    indicator[i * k + c] = 1;
  });
  const r = averageBinaryScore(
    fn,
    metric,
    { data: indicator, rows: yScore.rows, cols: k, ndim: 2 },
    yScore,
    average,
    sampleWeight,
  );
  return typeof r === 'number' ? r : Array.from(r);
}

/**
 * Area under the ROC curve, as scikit-learn 1.2's `roc_auc_score` computes it: binary targets with scores of
 * the greater label; multiclass targets with an `n × n_classes` matrix of probabilities, one-vs-rest ('ovr') or
 * one-vs-one ('ovo', Hand & Till); multi-label indicator targets with one score column per label.
 *
 * @param yTrue true labels (vector) or an `n × n_labels` indicator matrix
 * @param yScore scores: a vector for binary targets, else an `n × n_classes` matrix
 * @param options `average` ('macro'), `sampleWeight`, `maxFpr` (null), `multiClass` ('raise'), `labels`
 * @returns the AUC, or one AUC per label when `average` is null
 * @throws ValueError when a class is missing (AUC undefined), probabilities do not sum to 1 (multiclass) or
 *   `multiClass` is not set for multiclass targets; ConfigError for unknown options; ShapeError for mismatched
 *   sizes
 * @example
 * rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 */
export function rocAucScore(
  yTrue: LabelInput,
  yScore: ScoreInput,
  options: RocAucScoreOptions & { average: null },
): number[];
export function rocAucScore(
  yTrue: LabelInput,
  yScore: ScoreInput,
  options?: RocAucScoreOptions & { average?: 'micro' | 'macro' | 'weighted' | 'samples' },
): number;
export function rocAucScore(yTrue: LabelInput, yScore: ScoreInput, options?: RocAucScoreOptions): number | number[];
export function rocAucScore(
  yTrue: LabelInput,
  yScore: ScoreInput,
  options: RocAucScoreOptions = {},
): number | number[] {
  const fn = 'rocAucScore';
  const t = readTarget(fn, 'yTrue', yTrue);
  const scores = readNumeric(fn, 'yScore', yScore);
  checkSameLength(fn, ['yTrue', t.length], ['yScore', scores.rows]);
  checkNotEmpty(fn, 'yTrue', t.length);
  const sampleWeight = readSampleWeight(fn, options.sampleWeight, t.length);
  const type = targetType(t);
  const maxFpr = options.maxFpr ?? null;
  if (t.kind === 'labels' && (type === 'multiclass' || (type === 'binary' && scores.ndim === 2 && scores.cols > 2))) {
    if (maxFpr !== null && maxFpr !== 1) {
      throw new ConfigError(
        `${fn}: partial AUC ("maxFpr") is not available for multiclass targets; received ${maxFpr}.`,
        {
          fn,
        },
      );
    }
    if (scores.ndim !== 2) {
      throw new ShapeError(`${fn}: multiclass targets need an n × n_classes "yScore" matrix; received a vector.`, {
        fn,
      });
    }
    return multiclassRocAuc(fn, t.values, t.isString, scores, options, sampleWeight);
  }
  const average = oneOf(fn, 'average', options.average === undefined ? 'macro' : options.average, AVERAGES);
  const metric = (yt: readonly Label[], ys: Float64Array, w: Float64Array | undefined): number =>
    binaryRocAuc(fn, yt, ys, w, maxFpr);
  if (t.kind === 'labels' && type === 'binary') {
    if (scores.cols !== 1) {
      throw new ShapeError(
        `${fn}: binary targets need one score per sample (of the greater label); received a matrix with ` +
          `${scores.cols} columns.`,
        { fn },
      );
    }
    const classes = uniqueSorted(t.values);
    const positive = classes[1];
    return metric(
      t.values.map((y) => (y === positive ? 1 : 0)),
      scores.data,
      sampleWeight,
    );
  }
  if (t.kind !== 'matrix' || type !== 'multilabel-indicator') {
    throw new ValueError(
      `${fn}: ${type} "yTrue" is not supported; expected binary, multiclass or multi-label targets.`,
      {
        fn,
        type,
      },
    );
  }
  if (scores.ndim !== 2 || scores.cols !== t.matrix.cols) {
    throw new ShapeError(
      `${fn}: "yScore" must have one column per label (${t.matrix.cols}); received ` +
        `${scores.ndim === 2 ? `${scores.cols} columns` : 'a vector'}.`,
      { fn },
    );
  }
  const r = averageBinaryScore(fn, metric, t.matrix, scores, average, sampleWeight);
  return typeof r === 'number' ? r : Array.from(r);
}
