import { ValueError } from '../errors/errors.js';
import { readRegressionTargets, type RegressionInput } from './core/regressionTargets.js';

/**
 * Maximum residual error, max |yTrue − yPred|, as scikit-learn's `max_error` computes it (one output only).
 *
 * @param yTrue true values (a vector)
 * @param yPred predicted values
 * @returns the largest absolute error
 * @throws ValueError for several outputs, ShapeError for mismatched lengths, DataError for NaN
 * @example
 * maxError([3, 2, 7, 1], [4, 2, 7, 1]); // 1
 */
export function maxError(yTrue: RegressionInput, yPred: RegressionInput): number {
  const fn = 'maxError';
  const t = readRegressionTargets(fn, yTrue, yPred, {}, false);
  if (t.yTrue.cols !== 1) {
    throw new ValueError(`${fn}: several outputs are not supported; received ${t.yTrue.cols} outputs.`, { fn });
  }
  let max = -Infinity;
  for (let i = 0; i < t.yTrue.rows; i++) {
    max = Math.max(max, Math.abs((t.yTrue.data[i] as number) - (t.yPred.data[i] as number)));
  }
  return max;
}
