/**
 * The q-th percentile of ascending `sorted` values by linear interpolation between closest ranks: numpy's
 * default `method='linear'` (virtual index (n − 1)·q/100, and numpy's two-sided lerp so results match bit for bit).
 * @param sorted ascending values, at least one
 * @param percentile in [0, 100]
 */
export function percentileSorted(sorted: ArrayLike<number>, percentile: number): number {
  const n = sorted.length;
  const q = percentile / 100;
  const virtual = (n - 1) * q;
  const lo = Math.floor(virtual);
  const hi = Math.min(lo + 1, n - 1);
  const gamma = virtual - lo;
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  const diff = b - a;
  // numpy's _lerp: a + diff·t below t = 0.5, b − diff·(1 − t) from 0.5 up (exact at both ends)
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/** numpy's `median`: the middle value, or the mean of the two middle values. `sorted` ascending, non-empty. */
export function medianSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  const mid = n >> 1;
  if (n % 2 === 1) return sorted[mid] as number;
  return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Ascending float64 copy of `values`. */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * scikit-learn's lower weighted percentile (`sklearn.utils.stats._weighted_percentile`): sort by value, take the
 * first value whose cumulative weight reaches percentile/100 of the total (leading zero weights are skipped at 0).
 * @param values the data
 * @param weights one non-negative weight per value
 * @param percentile in [0, 100]
 */
export function weightedPercentile(values: ArrayLike<number>, weights: ArrayLike<number>, percentile: number): number {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (values[a] as number) - (values[b] as number) || a - b,
  );
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += weights[order[k] as number] as number;
    cdf[k] = acc;
  }
  let target = (percentile / 100) * acc;
  if (target === 0) target = Number.MIN_VALUE; // np.nextafter(0, 1)
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    // first k with cdf[k] >= target (np.searchsorted, side='left')
    const mid = (lo + hi) >> 1;
    if ((cdf[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return values[order[Math.min(lo, n - 1)] as number] as number;
}
