import { warn } from '../../util/warnings.js';
import { binaryClfCurve } from './binaryClfCurve.js';
import type { Label } from './types.js';

/** False and true positive rates with their thresholds (thresholds decreasing). */
export interface RocPoints {
  fpr: Float64Array;
  tpr: Float64Array;
  thresholds: Float64Array;
}

// np.diff(x, 2) != 0: the second difference, computed as NumPy does (difference of differences).
function isCorner(x: Float64Array, i: number): boolean {
  const d0 = (x[i + 1] as number) - (x[i] as number);
  const d1 = (x[i + 2] as number) - (x[i + 1] as number);
  return d1 - d0 !== 0;
}

/**
 * The ROC curve as scikit-learn 1.2's `roc_curve` computes it: optional dropping of collinear points, a first
 * point at (0, 0) with threshold `max + 1`, and NaN rates (with a warning) when a class is missing.
 */
export function rocPoints(
  fn: string,
  yTrue: readonly Label[],
  yScore: Float64Array,
  posLabel: Label | null | undefined,
  sampleWeight: Float64Array | undefined,
  dropIntermediate: boolean,
): RocPoints {
  let { fps, tps, thresholds } = binaryClfCurve(fn, yTrue, yScore, posLabel, sampleWeight);
  if (dropIntermediate && fps.length > 2) {
    const keep: number[] = [0];
    for (let i = 0; i + 2 < fps.length; i++) if (isCorner(fps, i) || isCorner(tps, i)) keep.push(i + 1);
    keep.push(fps.length - 1);
    fps = Float64Array.from(keep, (i) => fps[i] as number);
    tps = Float64Array.from(keep, (i) => tps[i] as number);
    thresholds = Float64Array.from(keep, (i) => thresholds[i] as number);
  }
  const m = fps.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const th = new Float64Array(m);
  th[0] = (thresholds[0] as number) + 1;
  th.set(thresholds, 1);
  const lastF = fps[fps.length - 1] as number;
  const lastT = tps[tps.length - 1] as number;
  if (lastF <= 0) {
    warn('UndefinedMetricWarning', 'No negative samples in y_true, false positive value should be meaningless');
    fpr.fill(NaN);
  } else {
    for (let i = 1; i < m; i++) fpr[i] = (fps[i - 1] as number) / lastF;
  }
  if (lastT <= 0) {
    warn('UndefinedMetricWarning', 'No positive samples in y_true, true positive value should be meaningless');
    tpr.fill(NaN);
  } else {
    for (let i = 1; i < m; i++) tpr[i] = (tps[i - 1] as number) / lastT;
  }
  return { fpr, tpr, thresholds: th };
}
