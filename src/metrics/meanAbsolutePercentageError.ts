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
 * Mean absolute percentage error, the (weighted) mean of |yTrue − yPred| / max(|yTrue|, ε) per output with ε
 * the float64 machine epsilon, as scikit-learn's `mean_absolute_percentage_error` computes it. It is a
 * fraction, not a percentage, and it is huge (not infinite) when yTrue is 0.
 *
 * @param yTrue true values: a vector or `n × outputs`
 * @param yPred predicted values, same shape
 * @param options `sampleWeight`, `multioutput` ('uniform_average')
 * @returns the error, or one per output with `multioutput: 'raw_values'`
 * @throws ShapeError for mismatched shapes, ConfigError for unknown options, DataError for NaN
 * @example
 * meanAbsolutePercentageError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.3273…
 */
export function meanAbsolutePercentageError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: RegressionOptions & { multioutput: RawValues },
): number[];
export function meanAbsolutePercentageError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options?: RegressionOptions & { multioutput?: Exclude<Multioutput, RawValues> },
): number;
export function meanAbsolutePercentageError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options?: RegressionOptions,
): number | number[];
export function meanAbsolutePercentageError(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: RegressionOptions = {},
): number | number[] {
  const fn = 'meanAbsolutePercentageError';
  const t = readRegressionTargets(fn, yTrue, yPred, options, false);
  const { rows, cols } = t.yTrue;
  const eps = 2 ** -52;
  const ape = new Float64Array(rows * cols);
  for (let i = 0; i < ape.length; i++) {
    const yt = t.yTrue.data[i] as number;
    ape[i] = Math.abs((t.yPred.data[i] as number) - yt) / Math.max(Math.abs(yt), eps);
  }
  return combineOutputs(fn, averageAxis0(fn, ape, rows, cols, t.sampleWeight), t.multioutput);
}
