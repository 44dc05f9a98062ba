import { ShapeError, ValueError } from '../errors/errors.js';
import { averageBinaryScore } from './core/averageBinaryScore.js';
import { checkNotEmpty, checkSameLength, readNumeric, readSampleWeight, readTarget } from './core/input.js';
import { pyRepr, uniqueSorted } from './core/labels.js';
import { oneOf } from './core/options.js';
import { pairwiseSum } from '../util/pairwiseSum.js';
import { prCurvePoints } from './core/prCurvePoints.js';
import { targetType } from './core/targetType.js';
import type { Label, LabelInput, SampleWeight, ScoreInput } from './core/types.js';

/** Options of {@link averagePrecisionScore}. */
export interface AveragePrecisionScoreOptions {
  /** Multi-label averaging (default 'macro'): 'micro', 'macro', 'weighted', 'samples' or null (per label). */
  average?: 'micro' | 'macro' | 'weighted' | 'samples' | null;
  /** The positive class of binary targets (default 1; must stay 1 for multi-label). */
  posLabel?: Label;
  /** Per-sample weights (default: all 1). */
  sampleWeight?: SampleWeight;
}

/**
 * Average precision, AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ over the thresholds of the precision-recall curve (no
 * interpolation), as scikit-learn 1.2's `average_precision_score` computes it, for binary or multi-label targets.
 *
 * @param yTrue true binary labels, or an `n × n_labels` indicator matrix
 * @param yScore scores of the positive class (vector), or one column per label
 * @param options `average` ('macro'), `posLabel` (1), `sampleWeight`
 * @returns AP in [0, 1], or one AP per label when `average` is null
 * @throws ValueError for multiclass targets or a `posLabel` that is not a label; ShapeError for size mismatches
 * @example
 * averagePrecisionScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.8333…
 */
export function averagePrecisionScore(
  yTrue: LabelInput,
  yScore: ScoreInput,
  options: AveragePrecisionScoreOptions & { average: null },
): number[];
export function averagePrecisionScore(
  yTrue: LabelInput,
  yScore: ScoreInput,
  options?: AveragePrecisionScoreOptions & { average?: 'micro' | 'macro' | 'weighted' | 'samples' },
): number;
export function averagePrecisionScore(
  yTrue: LabelInput,
  yScore: ScoreInput,
  options?: AveragePrecisionScoreOptions,
): number | number[];
export function averagePrecisionScore(
  yTrue: LabelInput,
  yScore: ScoreInput,
  options: AveragePrecisionScoreOptions = {},
): number | number[] {
  const fn = 'averagePrecisionScore';
  const t = readTarget(fn, 'yTrue', yTrue);
  const scores = readNumeric(fn, 'yScore', yScore);
  checkSameLength(fn, ['yTrue', t.length], ['yScore', scores.rows]);
  checkNotEmpty(fn, 'yTrue', t.length);
  const sampleWeight = readSampleWeight(fn, options.sampleWeight, t.length);
  const posLabel = options.posLabel ?? 1;
  const type = targetType(t);
  if (type === 'multilabel-indicator' && posLabel !== 1) {
    throw new ValueError(
      `${fn}: "posLabel" is fixed to 1 for multi-label indicator targets; received ${pyRepr(posLabel)}.`,
      { fn, posLabel },
    );
  }
  if (t.kind === 'labels' && type === 'binary') {
    const present = uniqueSorted(t.values);
    if (present.length === 2 && !present.includes(posLabel)) {
      throw new ValueError(
        `${fn}: "posLabel" is ${pyRepr(posLabel)}, which is not a valid label; it should be one of ` +
          `[${present.map(pyRepr).join(', ')}].`,
        { fn, posLabel, labels: present },
      );
    }
  }
  const average = oneOf(fn, 'average', options.average === undefined ? 'macro' : options.average, [
    'micro',
    'macro',
    'weighted',
    'samples',
    null,
  ] as const);
  const metric = (yt: readonly Label[], ys: Float64Array, w: Float64Array | undefined): number => {
    const { precision, recall } = prCurvePoints(fn, yt, ys, posLabel, w);
    const terms = new Float64Array(recall.length - 1);
    for (let i = 0; i < terms.length; i++)
      terms[i] = ((recall[i + 1] as number) - (recall[i] as number)) * (precision[i] as number);
    return -pairwiseSum(terms);
  };
  if (t.kind === 'labels' && type === 'binary') {
    if (scores.cols !== 1) {
      throw new ShapeError(`${fn}: binary targets need one score per sample; received ${scores.cols} columns.`, { fn });
    }
    return metric(t.values, scores.data, sampleWeight);
  }
  if (t.kind !== 'matrix' || type !== 'multilabel-indicator') {
    throw new ValueError(`${fn}: ${type} "yTrue" is not supported; expected binary or multi-label indicator targets.`, {
      fn,
      type,
    });
  }
  if (scores.ndim !== 2 || scores.cols !== t.matrix.cols) {
    throw new ShapeError(`${fn}: "yScore" must have one column per label (${t.matrix.cols}).`, { fn });
  }
  const r = averageBinaryScore(fn, metric, t.matrix, scores, average, sampleWeight);
  return typeof r === 'number' ? r : Array.from(r);
}
