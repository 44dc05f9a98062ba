import type { Multioutput, RawValues, RegressionInput, RegressionOptions } from './core/regressionTargets.js';
import { squaredError } from './core/squaredError.js';

/** Options of {@link meanSquaredError}. */
export interface MeanSquaredErrorOptions extends RegressionOptions {
  /** Return the MSE (default true) or its square root, the RMSE. */
  squared?: boolean;
}

/**
 * Mean squared error, the (weighted) mean of (yTrue − yPred)² per output, as scikit-learn 1.2's
 * `mean_squared_error` computes it; with `squared: false` the root of each output's MSE.
 *
 * @param yTrue true values: a vector or `n × outputs`
 * @param yPred predicted values, same shape
 * @param options `sampleWeight`, `multioutput` ('uniform_average'), `squared` (true)
 * @returns the error, or one per output with `multioutput: 'raw_values'`
 * @throws ShapeError for mismatched shapes, ConfigError for unknown options, DataError for NaN
 * @example
 * meanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.375
 */
export function meanSquaredError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: MeanSquaredErrorOptions & { multioutput: RawValues },
): number[];
export function meanSquaredError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options?: MeanSquaredErrorOptions & { multioutput?: Exclude<Multioutput, RawValues> },
): number;
export function meanSquaredError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options?: MeanSquaredErrorOptions,
): number | number[];
export function meanSquaredError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: MeanSquaredErrorOptions = {},
): number | number[] {
  return squaredError('meanSquaredError', yTrue, yPred, options, options.squared ?? true);
}
