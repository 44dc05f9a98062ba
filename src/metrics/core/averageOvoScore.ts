import { average as npAverage } from './average.js';
import type { NumericData } from './input.js';
import type { BinaryMetric } from './averageBinaryScore.js';

/**
 * One-vs-one average of a binary metric over all pairs of classes present (Hand & Till 2001), as
 * scikit-learn's `_average_multiclass_ovo_score` computes it: each pair scores the mean of "a vs b" and
 * "b vs a"; 'weighted' weighs pairs by their prevalence.
 * @param yTrue class index of each sample (column of `yScore`)
 */
export function averageOvoScore(
  fn: string,
  metric: BinaryMetric,
  yTrue: Int32Array,
  yScore: NumericData,
  average: 'macro' | 'weighted',
): number {
  const n = yTrue.length;
  const k = yScore.cols;
  const present = Array.from(new Set(yTrue)).sort((a, b) => a - b);
  const pairScores: number[] = [];
  const prevalence: number[] = [];
  for (let ia = 0; ia < present.length; ia++) {
    for (let ib = ia + 1; ib < present.length; ib++) {
      const a = present[ia] as number;
      const b = present[ib] as number;
      const aTrue: number[] = [];
      const bTrue: number[] = [];
      const aScore: number[] = [];
      const bScore: number[] = [];
      for (let i = 0; i < n; i++) {
        const y = yTrue[i];
        if (y !== a && y !== b) continue;
        aTrue.push(y === a ? 1 : 0);
        bTrue.push(y === b ? 1 : 0);
        aScore.push(yScore.data[i * k + a] as number);
        bScore.push(yScore.data[i * k + b] as number);
      }
      prevalence.push(aTrue.length / n);
      const sa = metric(aTrue, Float64Array.from(aScore), undefined);
      const sb = metric(bTrue, Float64Array.from(bScore), undefined);
      pairScores.push((sa + sb) / 2);
    }
  }
  return npAverage(fn, pairScores, average === 'weighted' ? prevalence : undefined);
}
