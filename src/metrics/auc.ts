import { checkSameLength, readVector } from './core/input.js';
import { trapezoidArea } from './core/trapezoid.js';
import type { NumericVector } from './core/types.js';

/**
 * Area under a curve given by points (x, y), by the trapezoidal rule, as scikit-learn's `auc` computes it.
 * `x` must be monotonic (increasing or decreasing).
 *
 * @param x x coordinates, monotonic
 * @param y y coordinates
 * @returns the area
 * @throws ValueError with fewer than 2 points or non-monotonic x, ShapeError for length mismatches
 * @example
 * auc([0, 0.5, 1], [0, 1, 1]); // 0.75
 */
export function auc(x: NumericVector, y: NumericVector): number {
  const fn = 'auc';
  const xs = readVector(fn, 'x', x);
  const ys = readVector(fn, 'y', y);
  checkSameLength(fn, ['x', xs.length], ['y', ys.length]);
  return trapezoidArea(fn, xs, ys);
}
