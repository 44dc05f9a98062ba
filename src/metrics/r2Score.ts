import { warn } from '../util/warnings.js';
import { averageAxis0 } from './core/average.js';
import { assembleR2 } from './core/assembleR2.js';
import { sumAxis0 } from '../util/pairwiseSum.js';
import {
  type Multioutput,
  type RawValues,
  type RegressionInput,
  type RegressionOptions,
  readRegressionTargets,
} from './core/regressionTargets.js';

/** Options of {@link r2Score}. */
export interface R2ScoreOptions extends RegressionOptions {
  /** Replace NaN and −Infinity (constant yTrue) by 1 (perfect fit) or 0 (default true). */
  forceFinite?: boolean;
}

/**
 * Coefficient of determination R² = 1 − Σ w(y − ŷ)² / Σ w(y − ȳ)² per output, as scikit-learn 1.2's
 * `r2_score` computes it. With fewer than two samples it is NaN (with an UndefinedMetricWarning).
 *
 * @param yTrue true values: a vector or `n × outputs`
 * @param yPred predicted values, same shape
 * @param options `sampleWeight`, `multioutput` ('uniform_average'; also 'variance_weighted'), `forceFinite` (true)
 * @returns R² (at most 1; can be negative), or one per output with `multioutput: 'raw_values'`
 * @throws ShapeError for mismatched shapes, ConfigError for unknown options, DataError for NaN
 * @example
 * r2Score([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.9486…
 */
export function r2Score(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: R2ScoreOptions & { multioutput: RawValues },
): number[];
export function r2Score(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options?: R2ScoreOptions & { multioutput?: Exclude<Multioutput, RawValues> },
): number;
export function r2Score(yTrue: RegressionInput, yPred: RegressionInput, options?: R2ScoreOptions): number | number[];
export function r2Score(
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: R2ScoreOptions = {},
): number | number[] {
  const fn = 'r2Score';
  const t = readRegressionTargets(fn, yTrue, yPred, options, true);
  const { rows, cols } = t.yTrue;
  if (rows < 2) {
    warn('UndefinedMetricWarning', 'R^2 score is not well-defined with less than two samples.');
    return NaN;
  }
  const w = t.sampleWeight;
  const mean = averageAxis0(fn, t.yTrue.data, rows, cols, w);
  const res = new Float64Array(rows * cols);
  const tot = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const wi = w === undefined ? 1 : (w[i] as number);
    for (let j = 0; j < cols; j++) {
      const a = i * cols + j;
      const d = (t.yTrue.data[a] as number) - (t.yPred.data[a] as number);
      const c = (t.yTrue.data[a] as number) - (mean[j] as number);
      res[a] = wi * (d * d);
      tot[a] = wi * (c * c);
    }
  }
  return assembleR2(
    fn,
    sumAxis0(res, rows, cols),
    sumAxis0(tot, rows, cols),
    t.multioutput,
    options.forceFinite ?? true,
  );
}
