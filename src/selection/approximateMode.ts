import type { Random } from '../util/random.js';

/**
 * How many of `nDraws` samples to take from each class so the proportions follow `counts` (scikit-learn's
 * `_approximate_mode`, an approximate mode of the multivariate hypergeometric): floor each class's share, then give
 * the remaining draws to the classes with the largest remainders, breaking ties at random.
 * @returns per-class draws summing to nDraws, each within one of its exact share
 */
export function approximateMode(counts: readonly number[], nDraws: number, rng: Random): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  const continuous = counts.map((c) => (c / total) * nDraws);
  const floored = continuous.map(Math.floor);
  let needToAdd = Math.round(nDraws - floored.reduce((s, c) => s + c, 0));
  if (needToAdd > 0) {
    const remainder = continuous.map((c, i) => c - (floored[i] as number));
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const inds = remainder.flatMap((r, i) => (r === value ? [i] : []));
      const addNow = Math.min(inds.length, needToAdd);
      rng.shuffle(inds);
      for (const i of inds.slice(0, addNow)) floored[i] = (floored[i] as number) + 1;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return floored;
}
