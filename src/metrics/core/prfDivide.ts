import { warn } from '../../util/warnings.js';
import type { Average, ZeroDivision } from './types.js';

/** The scores that `warnFor` can name. */
export type PrfMetric = 'precision' | 'recall' | 'f-score';

/**
 * Reports an ill-defined precision/recall/F-score as scikit-learn's `_warn_prf` words it (with `zeroDivision`
 * for the option's name).
 */
export function warnPrf(average: Average | undefined, modifier: string, msgStart: string, resultSize: number): void {
  let axis0 = 'sample';
  let axis1 = 'label';
  if (average === 'samples') [axis0, axis1] = [axis1, axis0];
  const where = resultSize === 1 ? 'due to' : `in ${axis1}s with`;
  warn(
    'UndefinedMetricWarning',
    `${msgStart} ill-defined and being set to 0.0 ${where} no ${modifier} ${axis0}s. ` +
      'Use `zeroDivision` parameter to control this behavior.',
  );
}

/**
 * `numerator / denominator` element by element; where the denominator is 0 the result is the `zeroDivision`
 * value, and with 'warn' an UndefinedMetricWarning names the metric (scikit-learn's `_prf_divide`).
 */
export function prfDivide(
  numerator: Float64Array,
  denominator: Float64Array,
  metric: PrfMetric,
  modifier: string,
  average: Average | undefined,
  warnFor: readonly PrfMetric[],
  zeroDivision: ZeroDivision,
): Float64Array {
  const n = numerator.length;
  const result = new Float64Array(n);
  const fill = zeroDivision === 'warn' ? 0 : zeroDivision;
  let anyZero = false;
  for (let i = 0; i < n; i++) {
    const d = denominator[i] as number;
    if (d === 0) {
      anyZero = true;
      result[i] = fill;
    } else {
      result[i] = (numerator[i] as number) / d;
    }
  }
  if (!anyZero || zeroDivision !== 'warn' || !warnFor.includes(metric)) return result;
  const title = metric.charAt(0).toUpperCase() + metric.slice(1);
  const msgStart = warnFor.includes('f-score') ? `${title} and F-score are` : `${title} is`;
  warnPrf(average, modifier, msgStart, n);
  return result;
}
