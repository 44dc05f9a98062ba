import type { Label } from './labels.js';

/*
 * The default `score` of classifiers and regressors. The estimators layer sits below metrics/, so these two
 * definitions live here; they are the same as metrics' accuracyScore and r2Score (scikit-learn's).
 */

/** Weighted fraction of exact matches: Σ wᵢ·[yᵢ = ŷᵢ] / Σ wᵢ. */
export function accuracy(yTrue: readonly Label[], yPred: readonly Label[], weights: Float64Array): number {
  let hit = 0;
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const w = weights[i] as number;
    total += w;
    if (yTrue[i] === yPred[i]) hit += w;
  }
  return hit / total;
}

/**
 * Coefficient of determination R² = 1 − Σ w(y − ŷ)² / Σ w(y − ȳ)² with ȳ the weighted mean. A constant target
 * scores 1 when predicted exactly and 0 otherwise (scikit-learn's `force_finite=True`).
 */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, weights: Float64Array): number {
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < yTrue.length; i++) {
    sw += weights[i] as number;
    swy += (weights[i] as number) * (yTrue[i] as number);
  }
  const mean = swy / sw;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const w = weights[i] as number;
    const y = yTrue[i] as number;
    ssRes += w * (y - (yPred[i] as number)) ** 2;
    ssTot += w * (y - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}
