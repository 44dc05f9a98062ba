import { columnMeans, weightedMean } from './linalg/columnMeans.js';
import type { Design } from './linalg/Design.js';

/** Centres of a least-squares problem. */
export interface Centres {
  /** Weighted column means (zeros without an intercept). */
  xMean: Float64Array;
  /** Weighted target mean (0 without an intercept). */
  yMean: number;
}

/**
 * The centres that fold the intercept out of a least-squares problem: fitting centred data through the origin and
 * setting intercept = ȳ − x̄·coef gives the same model as fitting the intercept directly (scikit-learn's
 * `_preprocess_data`).
 */
export function leastSquaresCentres(X: Design, y: Float64Array, sw: Float64Array, fitIntercept: boolean): Centres {
  if (!fitIntercept) return { xMean: new Float64Array(X.cols), yMean: 0 };
  return { xMean: columnMeans(X, sw), yMean: weightedMean(y, sw) };
}

/** intercept = ȳ − x̄·coef. */
export function interceptFrom(centres: Centres, coef: Float64Array): number {
  let s = centres.yMean;
  for (let j = 0; j < coef.length; j++) s -= (centres.xMean[j] as number) * (coef[j] as number);
  return s;
}
