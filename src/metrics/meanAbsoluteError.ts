import { averageAxis0 } from './core/average.js';
import {
  combineOutputs,
  type Multioutput,
  type RawValues,
  type RegressionInput,
  type RegressionOptions,
  readRegressionTargets,
} from './core/regressionTargets.js';

/**
 * Mean absolute error, the (weighted) mean of |yTrue − yPred| per output, as scikit-learn's
 * `mean_absolute_error` computes it.
 *
 * @param yTrue true values: a vector or `n × outputs`
 * @param yPred predicted values, same shape
 * @param options `sampleWeight`, `multioutput` ('uniform_average')
 * @returns the error, or one per output with `multioutput: 'raw_values'`
 * @throws ShapeError for mismatched shapes, ConfigError for unknown options, DataError for NaN
 * @example
 * meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.5
 */
export function meanAbsoluteError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: RegressionOptions & { multioutput: RawValues },
): number[];
export function meanAbsoluteError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options?: RegressionOptions & { multioutput?: Exclude<Multioutput, RawValues> },
): number;
export function meanAbsoluteError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options?: RegressionOptions,
): number | number[];
export function meanAbsoluteError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: RegressionOptions = {},
): number | number[] {
  const fn = 'meanAbsoluteError';
  const t = readRegressionTargets(fn, yTrue, yPred, options, false);
  const { rows, cols } = t.yTrue;
  const abs = new Float64Array(rows * cols);
  for (let i = 0; i < abs.length; i++) abs[i] = Math.abs((t.yPred.data[i] as number) - (t.yTrue.data[i] as number));
  return combineOutputs(fn, averageAxis0(fn, abs, rows, cols, t.sampleWeight), t.multioutput);
}
