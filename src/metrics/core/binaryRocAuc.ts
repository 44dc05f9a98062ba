import { ValueError } from '../../errors/errors.js';
import { rocPoints } from './rocPoints.js';
import { trapezoidArea } from './trapezoid.js';
import type { Label } from './types.js';

/**
 * ROC AUC of one binary problem (scikit-learn 1.2's `_binary_roc_auc_score`), optionally the McClish-corrected
 * partial AUC up to `maxFpr`.
 * @throws ValueError when only one class is present or `maxFpr` is outside (0, 1]
 */
export function binaryRocAuc(
  fn: string,
  yTrue: readonly Label[],
  yScore: Float64Array,
  sampleWeight: Float64Array | undefined,
  maxFpr: number | null,
): number {
  if (new Set(yTrue).size !== 2) {
    throw new ValueError(`${fn}: only one class is present in "yTrue"; ROC AUC is not defined in that case.`, { fn });
  }
  const { fpr, tpr } = rocPoints(fn, yTrue, yScore, null, sampleWeight, true);
  if (maxFpr === null || maxFpr === 1) return trapezoidArea(fn, fpr, tpr);
  if (!(maxFpr > 0 && maxFpr <= 1)) {
    throw new ValueError(`${fn}: "maxFpr" must be in (0, 1]; received ${maxFpr}.`, { fn, maxFpr });
  }
  if (Number.isNaN(fpr[0])) return NaN; // no negative sample with non-zero weight
  // First index with fpr > maxFpr (np.searchsorted(..., 'right')).
  let stop = 0;
  while (stop < fpr.length && (fpr[stop] as number) <= maxFpr) stop++;
  const x0 = fpr[stop - 1] as number;
  const x1 = fpr[stop] as number;
  const y0 = tpr[stop - 1] as number;
  const y1 = tpr[stop] as number;
  // np.interp between the two points that bracket maxFpr.
  const yAt = x0 === maxFpr ? y0 : ((y1 - y0) / (x1 - x0)) * (maxFpr - x0) + y0;
  const xs = Float64Array.from([...fpr.subarray(0, stop), maxFpr]);
  const ys = Float64Array.from([...tpr.subarray(0, stop), yAt]);
  const partial = trapezoidArea(fn, xs, ys);
  // McClish correction: 0.5 for a non-discriminant classifier, 1 for a perfect one.
  const minArea = 0.5 * maxFpr * maxFpr;
  const maxArea = maxFpr;
  return 0.5 * (1 + (partial - minArea) / (maxArea - minArea));
}
