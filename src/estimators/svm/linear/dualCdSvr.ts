import type { Random } from '../../../util/random.js';
import type { LinearRows } from './LinearRows.js';
import type { LinearResult, LinearSettings } from './LinearResult.js';

/**
 * Dual coordinate descent for L2-regularised L1- or L2-loss linear SVR (Ho & Lin, "Large-scale linear support
 * vector regression", JMLR 2012; LIBLINEAR solvers 12 and 13): one variable β_i = α_i − α*_i per sample,
 * |β_i| ≤ U_i, w = Σ β_i x_i, each step a one-dimensional Newton step on the piecewise quadratic. With shrinking;
 * stops when the summed violation ‖∇ᴾ‖₁ is at most eps times its value at β = 0 (LIBLINEAR's criterion).
 * @param z targets
 * @param C per-sample penalty
 * @param epsilon half-width of the insensitive tube
 * @param squaredLoss L2 loss (true) or L1 loss (false)
 */
export function dualCdSvr(
  rows: LinearRows,
  z: Float64Array,
  C: Float64Array,
  epsilon: number,
  squaredLoss: boolean,
  settings: LinearSettings,
  rng: Random,
): LinearResult {
  const l = rows.n;
  const w = new Float64Array(rows.width);
  const beta = new Float64Array(l);
  const QD = new Float64Array(l);
  const lambda = new Float64Array(l);
  const upper = new Float64Array(l);
  const index = new Int32Array(l);
  for (let i = 0; i < l; i++) {
    QD[i] = rows.sqNorm(i);
    lambda[i] = squaredLoss ? 0.5 / (C[i] as number) : 0;
    upper[i] = squaredLoss ? Infinity : (C[i] as number);
    index[i] = i;
  }
  let activeSize = l;
  let GmaxOld = Infinity;
  let Gnorm1Init = -1;
  let iter = 0;
  let converged = false;
  while (iter < settings.maxIter) {
    let GmaxNew = 0;
    let Gnorm1New = 0;
    for (let s = 0; s < activeSize; s++) {
      const r = s + (rng.nextUint32() % (activeSize - s));
      const t = index[s] as number;
      index[s] = index[r] as number;
      index[r] = t;
    }
    for (let s = 0; s < activeSize; s++) {
      const i = index[s] as number;
      const bi = beta[i] as number;
      const U = upper[i] as number;
      const G = -(z[i] as number) + (lambda[i] as number) * bi + rows.dot(i, w);
      const H = (QD[i] as number) + (lambda[i] as number);
      const Gp = G + epsilon;
      const Gn = G - epsilon;
      let violation = 0;
      let shrink = false;
      if (bi === 0) {
        if (Gp < 0) violation = -Gp;
        else if (Gn > 0) violation = Gn;
        else if (Gp > GmaxOld && Gn < -GmaxOld) shrink = true;
      } else if (bi >= U) {
        if (Gp > 0) violation = Gp;
        else if (Gp < -GmaxOld) shrink = true;
      } else if (bi <= -U) {
        if (Gn < 0) violation = -Gn;
        else if (Gn > GmaxOld) shrink = true;
      } else violation = bi > 0 ? Math.abs(Gp) : Math.abs(Gn);
      if (shrink) {
        activeSize--;
        index[s] = index[activeSize] as number;
        index[activeSize] = i;
        s--;
        continue;
      }
      if (violation > GmaxNew) GmaxNew = violation;
      Gnorm1New += violation;
      let d: number;
      if (Gp < H * bi) d = -Gp / H;
      else if (Gn > H * bi) d = -Gn / H;
      else d = -bi;
      if (Math.abs(d) < 1e-12) continue;
      const next = Math.min(Math.max(bi + d, -U), U);
      beta[i] = next;
      if (next !== bi) rows.addTo(i, next - bi, w);
    }
    if (iter === 0) Gnorm1Init = Gnorm1New;
    iter++;
    if (Gnorm1New <= settings.eps * Gnorm1Init) {
      if (activeSize === l) {
        converged = true;
        break;
      }
      activeSize = l;
      GmaxOld = Infinity;
      continue;
    }
    GmaxOld = GmaxNew;
  }
  return { w, iterations: iter, converged };
}
