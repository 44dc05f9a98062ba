import type { Multioutput, RawValues, RegressionInput, RegressionOptions } from './core/regressionTargets.js';
import { squaredError } from './core/squaredError.js';

/**
 * Root mean squared error: the square root of each output's (weighted) MSE, then combined across outputs, as
 * scikit-learn 1.2's `mean_squared_error(..., squared=False)` computes it.
 *
 * @param yTrue true values: a vector or `n × outputs`
 * @param yPred predicted values, same shape
 * @param options `sampleWeight`, `multioutput` ('uniform_average')
 * @returns the error, or one per output with `multioutput: 'raw_values'`
 * @throws ShapeError for mismatched shapes, ConfigError for unknown options, DataError for NaN
 * @example
 * rootMeanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.6123…
 */
export function rootMeanSquaredError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: RegressionOptions & { multioutput: RawValues },
): number[];
export function rootMeanSquaredError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options?: RegressionOptions & { multioutput?: Exclude<Multioutput, RawValues> },
): number;
export function rootMeanSquaredError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options?: RegressionOptions,
): number | number[];
export function rootMeanSquaredError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: RegressionOptions = {},
): number | number[] {
  return squaredError('rootMeanSquaredError', yTrue, yPred, options, false);
}
