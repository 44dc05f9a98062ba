import { averageAxis0 } from './average.js';
import { checkBoolean } from './options.js';
import {
  combineOutputs,
  type RegressionInput,
  type RegressionOptions,
  readRegressionTargets,
} from './regressionTargets.js';

/** Mean squared error per output (its root unless `squared`), combined as `multioutput` says. */
export function squaredError(
  fn: string,
  yTrue: RegressionInput,
  yPred: RegressionInput,
  options: RegressionOptions & { squared?: boolean },
  squared: boolean,
): number | number[] {
  checkBoolean(fn, 'squared', squared);
  const t = readRegressionTargets(fn, yTrue, yPred, options, false);
  const { rows, cols } = t.yTrue;
  const sq = new Float64Array(rows * cols);
  for (let i = 0; i < sq.length; i++) {
    const d = (t.yTrue.data[i] as number) - (t.yPred.data[i] as number);
    sq[i] = d * d;
  }
  const errors = averageAxis0(fn, sq, rows, cols, t.sampleWeight);
  if (!squared) for (let j = 0; j < cols; j++) errors[j] = Math.sqrt(errors[j] as number);
  return combineOutputs(fn, errors, t.multioutput);
}
