import type { Random } from '../../../util/random.js';
import type { LinearRows } from './LinearRows.js';
import type { LinearResult, LinearSettings } from './LinearResult.js';

/**
 * Exact minimiser of one sample's block of the Crammer–Singer dual (Keerthi, Sundararajan, Chang, Hsieh & Lin,
 * "A sequential dual method for large scale multi-class linear SVMs", KDD 2008, Algorithm 2):
 * min_a ½ A ‖a − α‖² + Σ_m G_m (a_m − α_m)  s.t. Σ a = 0, a_m ≤ C_m, where C_m = Cy for m = yi and 0 otherwise.
 */
function subProblem(
  A: number,
  G: Float64Array,
  alpha: Float64Array,
  base: number,
  k: number,
  yi: number,
  Cy: number,
  B: Float64Array,
  D: Float64Array,
  out: Float64Array,
): void {
  for (let m = 0; m < k; m++) {
    B[m] = (G[m] as number) - A * (alpha[base + m] as number);
    D[m] = B[m] as number;
  }
  D[yi] = (D[yi] as number) + A * Cy;
  const sorted = D.subarray(0, k).sort().reverse();
  let beta = (sorted[0] as number) - A * Cy;
  let r = 1;
  for (; r < k && beta < r * (sorted[r] as number); r++) beta += sorted[r] as number;
  beta /= r;
  for (let m = 0; m < k; m++) {
    const v = (beta - (B[m] as number)) / A;
    out[m] = m === yi ? Math.min(Cy, v) : Math.min(0, v);
  }
}

/**
 * Multi-class linear SVM of Crammer & Singer (JMLR 2001) by the sequential dual method of Keerthi et al. (KDD 2008;
 * LIBLINEAR solver 4): one block of k dual variables per sample, each solved exactly in turn, samples in random
 * order. Stops when the largest KKT violation max_m G_m − min_{m: α_m < C_m} G_m over a pass is at most eps.
 * @param yIdx class of each sample
 * @param k number of classes
 * @param C per-sample penalty
 * @returns w feature-major: w[j·k + m] is the weight of feature j for class m (bias row last)
 */
export function crammerSinger(
  rows: LinearRows,
  yIdx: Int32Array,
  k: number,
  C: Float64Array,
  settings: LinearSettings,
  rng: Random,
): LinearResult {
  const l = rows.n;
  const w = new Float64Array(rows.width * k);
  const alpha = new Float64Array(l * k);
  const QD = new Float64Array(l);
  for (let i = 0; i < l; i++) QD[i] = rows.sqNorm(i);
  const G = new Float64Array(k);
  const B = new Float64Array(k);
  const D = new Float64Array(k);
  const next = new Float64Array(k);
  const delta = new Float64Array(k);
  const index = new Int32Array(l);
  for (let i = 0; i < l; i++) index[i] = i;
  let iter = 0;
  let converged = false;
  while (iter < settings.maxIter) {
    for (let s = 0; s < l; s++) {
      const r = s + (rng.nextUint32() % (l - s));
      const t = index[s] as number;
      index[s] = index[r] as number;
      index[r] = t;
    }
    let violation = 0;
    for (let s = 0; s < l; s++) {
      const i = index[s] as number;
      const A = QD[i] as number;
      if (A <= 0) continue;
      const yi = yIdx[i] as number;
      const Cy = C[i] as number;
      rows.dotMulti(i, w, k, G);
      for (let m = 0; m < k; m++) if (m !== yi) G[m] = (G[m] as number) + 1;
      let maxG = -Infinity;
      let minG = Infinity;
      const base = i * k;
      for (let m = 0; m < k; m++) {
        const g = G[m] as number;
        if (g > maxG) maxG = g;
        const a = alpha[base + m] as number;
        if ((m === yi ? a < Cy : a < 0) && g < minG) minG = g;
      }
      if (maxG - minG <= 1e-12) continue;
      if (maxG - minG > violation) violation = maxG - minG;
      subProblem(A, G, alpha, base, k, yi, Cy, B, D, next);
      let any = false;
      for (let m = 0; m < k; m++) {
        const dm = (next[m] as number) - (alpha[base + m] as number);
        delta[m] = dm;
        if (Math.abs(dm) > 1e-12) any = true;
        alpha[base + m] = next[m] as number;
      }
      if (any) rows.addMulti(i, delta, k, w);
    }
    iter++;
    if (violation < settings.eps) {
      converged = true;
      break;
    }
  }
  return { w, iterations: iter, converged };
}
