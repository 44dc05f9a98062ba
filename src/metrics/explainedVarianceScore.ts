import { averageAxis0 } from './core/average.js';
import { assembleR2 } from './core/assembleR2.js';
import {
  type Multioutput,
  type RawValues,
  type RegressionInput,
  type RegressionOptions,
  readRegressionTargets,
} from './core/regressionTargets.js';

/** Options of {@link explainedVarianceScore}. */
export interface ExplainedVarianceScoreOptions extends RegressionOptions {
  /** Replace NaN and −Infinity (constant yTrue) by 1 (perfect fit) or 0 (default true). */
  forceFinite?: boolean;
}

/**
 * Explained variance 1 − Var(y − ŷ) / Var(y) per output (weighted variances), as scikit-learn 1.2's
 * `explained_variance_score` computes it. Unlike R² it ignores a constant bias in the predictions.
 *
 * @param yTrue true values: a vector or `n × outputs`
 * @param yPred predicted values, same shape
 * @param options `sampleWeight`, `multioutput` ('uniform_average'; also 'variance_weighted'), `forceFinite` (true)
 * @returns the score (at most 1), or one per output with `multioutput: 'raw_values'`
 * @throws ShapeError for mismatched shapes, ConfigError for unknown options, DataError for NaN
 * @example
 * explainedVarianceScore([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.9571…
 */
export function explainedVarianceScore(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: ExplainedVarianceScoreOptions & { multioutput: RawValues },
): number[];
export function explainedVarianceScore(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options?: ExplainedVarianceScoreOptions & { multioutput?: Exclude<Multioutput, RawValues> },
): number;
export function explainedVarianceScore(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options?: ExplainedVarianceScoreOptions,
): number | number[];
export function explainedVarianceScore(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: ExplainedVarianceScoreOptions = {},
): number | number[] {
  const fn = 'explainedVarianceScore';
  const t = readRegressionTargets(fn, yTrue, yPred, options, true);
  const { rows, cols } = t.yTrue;
  const w = t.sampleWeight;
  const yt = t.yTrue.data;
  const diff = new Float64Array(rows * cols);
  for (let a = 0; a < diff.length; a++) diff[a] = (yt[a] as number) - (t.yPred.data[a] as number);
  const diffMean = averageAxis0(fn, diff, rows, cols, w);
  const trueMean = averageAxis0(fn, yt, rows, cols, w);
  const num = new Float64Array(rows * cols);
  const den = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const a = i * cols + j;
      const e = (diff[a] as number) - (diffMean[j] as number);
      const c = (yt[a] as number) - (trueMean[j] as number);
      num[a] = e * e;
      den[a] = c * c;
    }
  }
  const numerator = averageAxis0(fn, num, rows, cols, w);
  const denominator = averageAxis0(fn, den, rows, cols, w);
  return assembleR2(fn, numerator, denominator, t.multioutput, options.forceFinite ?? true);
}
