import { ValueError } from '../../errors/errors.js';
import { warn } from '../../util/warnings.js';
import { average as npAverage } from './average.js';
import { checkTargets } from './checkTargets.js';
import { checkNotEmpty, readSampleWeight } from './input.js';
import { labelCounts } from './labelCounts.js';
import { pyRepr } from './labels.js';
import { checkNumber, checkZeroDivision, oneOf } from './options.js';
import { pairwiseSum } from '../../util/pairwiseSum.js';
import { type PrfMetric, prfDivide, warnPrf } from './prfDivide.js';
import { presentLabels, readLabelsOption } from './presentLabels.js';
import type { Average, Label, LabelInput, SampleWeight, ZeroDivision } from './types.js';

/** Options shared by precision, recall, F-scores and their support. */
export interface PrfsOptions {
  /** How per-label scores are combined (see each function for its default). */
  average?: Average;
  /** Labels to score, in this order (default: every label present, sorted). */
  labels?: readonly Label[] | null;
  /** The positive class when `average` is 'binary' (default 1). */
  posLabel?: Label | null;
  /** Per-sample weights (default: all 1). */
  sampleWeight?: SampleWeight;
  /** Value of a 0/0 ratio: 'warn' (0 and an UndefinedMetricWarning, default), 0, 1 or NaN. */
  zeroDivision?: ZeroDivision;
}

/** Per-label or averaged scores. */
export interface PrfsValues {
  precision: Float64Array | number;
  recall: Float64Array | number;
  fScore: Float64Array | number;
  support: Float64Array | null;
}

const AVERAGES: readonly Average[] = ['binary', 'micro', 'macro', 'weighted', 'samples', null];

// scikit-learn 1.3's `_nanaverage`: NaN entries (zeroDivision NaN) are left out of the average.
function nanAverage(fn: string, values: Float64Array, weights: Float64Array | undefined): number {
  const keep: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) keep.push(i);
  if (keep.length === 0) return NaN;
  const v = Float64Array.from(keep, (i) => values[i] as number);
  if (weights === undefined) return npAverage(fn, v);
  const w = Float64Array.from(keep, (i) => weights[i] as number);
  return pairwiseSum(w) === 0 ? npAverage(fn, v) : npAverage(fn, v, w);
}

/**
 * Precision, recall, F-beta and support as scikit-learn 1.2's `precision_recall_fscore_support` computes them,
 * including its warnings; `zeroDivision` NaN follows scikit-learn 1.3 (NaN entries are left out of averages).
 * @param defaultAverage the caller's default for `average`
 * @param warnFor which ill-defined scores warn
 */
export function computePrfs(
  fn: string,
  yTrueInput: LabelInput,
  yPredInput: LabelInput,
  options: PrfsOptions & { beta?: number },
  defaultAverage: Average,
  warnFor: readonly PrfMetric[],
): PrfsValues {
  const zeroDivision = checkZeroDivision(fn, options.zeroDivision ?? 'warn');
  const beta = checkNumber(fn, 'beta', options.beta ?? 1, { min: 0 });
  const average = oneOf(fn, 'average', options.average === undefined ? defaultAverage : options.average, AVERAGES);
  const posLabel = options.posLabel === undefined ? 1 : options.posLabel;
  const targets = checkTargets(fn, yTrueInput, yPredInput);
  const n = targets.type === 'multilabel-indicator' ? targets.yTrue.rows : targets.yTrue.length;
  checkNotEmpty(fn, 'yTrue', n);
  const sampleWeight = readSampleWeight(fn, options.sampleWeight, n);
  const isString = targets.type === 'multilabel-indicator' ? false : targets.yTrue.isString;
  let labels = options.labels == null ? undefined : readLabelsOption(fn, options.labels, isString);

  if (average === 'binary') {
    if (targets.type !== 'binary') {
      const choices =
        targets.type === 'multiclass' ? 'micro, macro, weighted or null' : 'micro, macro, weighted, samples or null';
      throw new ValueError(
        `${fn}: the target is ${targets.type} but "average" is 'binary'; choose another average: ${choices}.`,
        { fn, type: targets.type },
      );
    }
    const present = presentLabels(targets);
    if (posLabel === null || (!present.includes(posLabel) && present.length >= 2)) {
      throw new ValueError(
        `${fn}: "posLabel" is ${pyRepr(posLabel)}, which is not a valid label; it should be one of ` +
          `[${present.map(pyRepr).join(', ')}].`,
        { fn, posLabel, labels: present },
      );
    }
    labels = [posLabel];
  } else if (posLabel !== null && posLabel !== 1) {
    warn(
      'UserWarning',
      `Note that posLabel (set to ${pyRepr(posLabel)}) is ignored when average != 'binary' (got ${pyRepr(average)}). ` +
        'You may use labels=[posLabel] to specify a single positive class.',
    );
  }

  const counts = labelCounts(fn, targets, { sampleWeight, labels, samplewise: average === 'samples' });
  const m = counts.tp.length;
  let tpSum = counts.tp;
  let predSum = new Float64Array(m);
  let trueSum = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    predSum[k] = (counts.tp[k] as number) + (counts.fp[k] as number);
    trueSum[k] = (counts.tp[k] as number) + (counts.fn[k] as number);
  }
  if (average === 'micro') {
    tpSum = Float64Array.of(pairwiseSum(tpSum));
    predSum = Float64Array.of(pairwiseSum(predSum));
    trueSum = Float64Array.of(pairwiseSum(trueSum));
  }

  const beta2 = beta * beta;
  const precision = prfDivide(tpSum, predSum, 'precision', 'predicted', average, warnFor, zeroDivision);
  const recall = prfDivide(tpSum, trueSum, 'recall', 'true', average, warnFor, zeroDivision);
  if (zeroDivision === 'warn' && warnFor.length === 1 && warnFor[0] === 'f-score') {
    let both = false;
    for (let k = 0; k < trueSum.length; k++) if (trueSum[k] === 0 && predSum[k] === 0) both = true;
    if (both) warnPrf(average, 'true nor predicted', 'F-score is', trueSum.length);
  }
  const fScore = new Float64Array(precision.length);
  for (let k = 0; k < fScore.length; k++) {
    const p = precision[k] as number;
    const r = recall[k] as number;
    if (Number.isNaN(p) || Number.isNaN(r)) {
      // zeroDivision NaN: F is undefined only when the label has neither true nor predicted samples;
      // otherwise tp = 0 and F = 0.
      fScore[k] = trueSum[k] === 0 && predSum[k] === 0 ? NaN : 0;
    } else if (beta === Infinity) {
      fScore[k] = r;
    } else {
      let denom = beta2 * p + r;
      if (denom === 0) denom = 1;
      fScore[k] = ((1 + beta2) * p * r) / denom;
    }
  }

  if (average === null) return { precision, recall, fScore, support: trueSum };
  let weights: Float64Array | undefined;
  if (average === 'weighted') {
    weights = trueSum;
    if (pairwiseSum(weights) === 0) {
      const z = zeroDivision === 'warn' ? 0 : zeroDivision;
      if (pairwiseSum(predSum) === 0) return { precision: z, recall: z, fScore: z, support: null };
      return { precision: 0, recall: z, fScore: 0, support: null };
    }
  } else if (average === 'samples') {
    weights = sampleWeight;
  }
  const avg = (v: Float64Array): number =>
    Number.isNaN(zeroDivision) ? nanAverage(fn, v, weights) : npAverage(fn, v, weights);
  return { precision: avg(precision), recall: avg(recall), fScore: avg(fScore), support: null };
}
