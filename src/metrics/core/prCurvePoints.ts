import { warn } from '../../util/warnings.js';
import { binaryClfCurve } from './binaryClfCurve.js';
import type { Label } from './types.js';

/**
 * Precision and recall at every threshold (scikit-learn 1.2's `precision_recall_curve`), reversed so recall
 * decreases, with the final point (recall 0, precision 1) appended.
 */
export function prCurvePoints(
  fn: string,
  labels: readonly Label[],
  scores: Float64Array,
  posLabel: Label | null | undefined,
  sampleWeight: Float64Array | undefined,
): { precision: Float64Array; recall: Float64Array; thresholds: Float64Array } {
  const { fps, tps, thresholds } = binaryClfCurve(fn, labels, scores, posLabel, sampleWeight);
  const m = tps.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const lastT = tps[m - 1] as number;
  if (lastT === 0) warn('UserWarning', 'No positive class found in y_true, recall is set to one for all thresholds.');
  for (let j = 0; j < m; j++) {
    const src = m - 1 - j; // reversed so that recall decreases
    const ps = (tps[src] as number) + (fps[src] as number);
    precision[j] = ps !== 0 ? (tps[src] as number) / ps : 0;
    recall[j] = lastT === 0 ? 1 : (tps[src] as number) / lastT;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: thresholds.slice().reverse() };
}
