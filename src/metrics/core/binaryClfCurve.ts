import { ValueError } from '../../errors/errors.js';
import { stableArgsort } from './argsort.js';
import { cumsum } from './average.js';
import { checkNotEmpty, checkSameLength } from './input.js';
import { resolvePosLabel } from './posLabel.js';
import { targetType } from './targetType.js';
import type { Label } from './types.js';

/** Cumulative false and true positives at each distinct score threshold, highest threshold first. */
export interface ClfCurve {
  readonly fps: Float64Array;
  readonly tps: Float64Array;
  readonly thresholds: Float64Array;
}

/**
 * Indices that sort `scores` in decreasing order the way scikit-learn does it: a stable ascending sort,
 * reversed (so tied scores come out in reverse sample order).
 */
export function argsortDescending(scores: ArrayLike<number>): Uint32Array {
  return stableArgsort(scores).reverse();
}

/**
 * scikit-learn's `_binary_clf_curve`: samples with zero weight are dropped, scores sorted in decreasing order,
 * and the (weighted) true and false positives counted at every distinct score.
 * @throws ValueError when the target is not binary (multiclass needs `posLabel`) or `posLabel` is ambiguous
 */
export function binaryClfCurve(
  fn: string,
  yTrue: readonly Label[],
  yScore: Float64Array,
  posLabelOption: Label | null | undefined,
  sampleWeight: Float64Array | undefined,
): ClfCurve {
  const isString = yTrue.length > 0 && typeof yTrue[0] === 'string';
  const type = targetType({ kind: 'labels', values: yTrue, isString, length: yTrue.length });
  const hasPos = posLabelOption !== null && posLabelOption !== undefined;
  if (!(type === 'binary' || (type === 'multiclass' && hasPos))) {
    throw new ValueError(
      `${fn}: ${type} "yTrue" is not supported; expected binary labels` +
        (type === 'multiclass' ? ' (or multiclass labels with "posLabel")' : '') +
        '.',
      { fn, type },
    );
  }
  checkSameLength(fn, ['yTrue', yTrue.length], ['yScore', yScore.length]);
  if (sampleWeight !== undefined) checkSameLength(fn, ['yTrue', yTrue.length], ['sampleWeight', sampleWeight.length]);
  let labels = yTrue;
  let scores = yScore;
  let weights = sampleWeight;
  if (sampleWeight !== undefined) {
    const keep: number[] = [];
    for (let i = 0; i < sampleWeight.length; i++) if (sampleWeight[i] !== 0) keep.push(i);
    labels = keep.map((i) => yTrue[i] as Label);
    scores = Float64Array.from(keep, (i) => yScore[i] as number);
    weights = Float64Array.from(keep, (i) => sampleWeight[i] as number);
  }
  checkNotEmpty(fn, 'yTrue', labels.length);
  const posLabel = resolvePosLabel(fn, posLabelOption, labels);
  const order = argsortDescending(scores);
  const n = order.length;
  const sortedScore = Float64Array.from(order, (i) => scores[i] as number);
  const positive = new Float64Array(n);
  const negative = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const w = weights === undefined ? 1 : (weights[i] as number);
    const isPos = labels[i] === posLabel ? 1 : 0;
    positive[k] = isPos * w;
    negative[k] = (1 - isPos) * w;
  }
  const idx: number[] = [];
  for (let k = 0; k + 1 < n; k++) if (sortedScore[k + 1] !== sortedScore[k]) idx.push(k);
  idx.push(n - 1);
  const tpsAll = cumsum(positive);
  const fpsAll = weights === undefined ? null : cumsum(negative);
  const m = idx.length;
  const tps = new Float64Array(m);
  const fps = new Float64Array(m);
  const thresholds = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const k = idx[j] as number;
    tps[j] = tpsAll[k] as number;
    fps[j] = fpsAll === null ? 1 + k - (tps[j] as number) : (fpsAll[k] as number);
    thresholds[j] = sortedScore[k] as number;
  }
  return { fps, tps, thresholds };
}
