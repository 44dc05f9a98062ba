import { stableArgsort } from './core/argsort.js';
import {
  combineOutputs,
  type Multioutput,
  type RawValues,
  type RegressionInput,
  type RegressionOptions,
  readRegressionTargets,
} from './core/regressionTargets.js';

// np.median of one column: the middle value, or the mean of the two middle values.
function median(values: Float64Array): number {
  const s = values.slice().sort();
  const h = s.length >> 1;
  return s.length % 2 === 1 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
}

// scikit-learn's `_weighted_percentile(..., 50)`: the lower weighted median.
function weightedMedian(values: Float64Array, weights: Float64Array): number {
  const order = stableArgsort(values);
  const cdf = new Float64Array(order.length);
  let acc = 0;
  order.forEach((i, k) => {
    acc += weights[i] as number;
    cdf[k] = acc;
  });
  let target = (50 / 100) * acc;
  if (target === 0) target = Number.MIN_VALUE; // np.nextafter(0, 1): skip leading zero weights
  let idx = 0;
  while (idx < cdf.length && (cdf[idx] as number) < target) idx++;
  idx = Math.min(idx, order.length - 1);
  return values[order[idx] as number] as number;
}

/**
 * Median absolute error per output, as scikit-learn 1.2's `median_absolute_error` computes it; with sample
 * weights the lower weighted median.
 *
 * @param yTrue true values: a vector or `n × outputs`
 * @param yPred predicted values, same shape
 * @param options `sampleWeight`, `multioutput` ('uniform_average')
 * @returns the error, or one per output with `multioutput: 'raw_values'`
 * @throws ShapeError for mismatched shapes, ConfigError for unknown options, DataError for NaN
 * @example
 * medianAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.5
 */
export function medianAbsoluteError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: RegressionOptions & { multioutput: RawValues },
): number[];
export function medianAbsoluteError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options?: RegressionOptions & { multioutput?: Exclude<Multioutput, RawValues> },
): number;
export function medianAbsoluteError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options?: RegressionOptions,
): number | number[];
export function medianAbsoluteError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: RegressionOptions = {},
): number | number[] {
  const fn = 'medianAbsoluteError';
  const t = readRegressionTargets(fn, yTrue, yPred, options, false);
  const { rows, cols } = t.yTrue;
  const errors = new Float64Array(cols);
  const column = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) {
      column[i] = Math.abs((t.yPred.data[i * cols + j] as number) - (t.yTrue.data[i * cols + j] as number));
    }
    errors[j] = t.sampleWeight === undefined ? median(column) : weightedMedian(column, t.sampleWeight);
  }
  return combineOutputs(fn, errors, t.multioutput);
}
