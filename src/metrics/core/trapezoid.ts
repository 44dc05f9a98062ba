import { ValueError } from '../../errors/errors.js';
import { pairwiseSum } from '../../util/pairwiseSum.js';

/**
 * Area under a curve by the trapezoidal rule, as scikit-learn's `auc` computes it (`np.trapz`, with the sign
 * flipped for decreasing x).
 * @throws ValueError with fewer than 2 points or when x is neither increasing nor decreasing
 */
export function trapezoidArea(fn: string, x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) {
    throw new ValueError(`${fn}: at least 2 points are needed to compute the area under a curve; received ${n}.`, {
      fn,
      points: n,
    });
  }
  let anyDecrease = false;
  let allNonIncreasing = true;
  const terms = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    const d = (x[i + 1] as number) - (x[i] as number);
    if (d < 0) anyDecrease = true;
    if (!(d <= 0)) allNonIncreasing = false;
    terms[i] = (d * ((y[i + 1] as number) + (y[i] as number))) / 2;
  }
  let direction = 1;
  if (anyDecrease) {
    if (!allNonIncreasing) {
      throw new ValueError(`${fn}: "x" is neither increasing nor decreasing, so the area is not defined.`, { fn });
    }
    direction = -1;
  }
  return direction * pairwiseSum(terms);
}
