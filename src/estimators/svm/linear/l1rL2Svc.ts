import type { Random } from '../../../util/random.js';
import type { LinearRows } from './LinearRows.js';
import type { LinearResult, LinearSettings } from './LinearResult.js';

/**
 * L1-regularised L2-loss (squared hinge) linear SVC in the primal, min ‖w‖₁ + Σ C_i max(0, 1 − y_i wᵀx_i)², by
 * coordinate descent with one-dimensional Newton directions and Armijo line search (CDN of Yuan, Chang, Hsieh & Lin,
 * "A comparison of optimization methods and software for large-scale L1-regularized linear classification", JMLR
 * 2010; LIBLINEAR solver 5), features visited in random order with shrinking. Stops when the summed minimum-norm
 * subgradient ‖∇ᴾf(w)‖₁ falls to eps times its value at w = 0 (LIBLINEAR's criterion; the caller scales eps by
 * min(#pos, #neg)/l as LIBLINEAR does).
 * @param y ±1 labels
 * @param C per-sample penalty
 */
export function l1rL2Svc(
  rows: LinearRows,
  y: Int8Array,
  C: Float64Array,
  settings: LinearSettings,
  rng: Random,
): LinearResult {
  const l = rows.n;
  const cols = rows.columns();
  const { colptr, rowidx } = cols;
  const width = rows.width;
  // column values times y_i
  const xv = Float64Array.from(cols.values, (v, q) => v * (y[rowidx[q] as number] as number));
  const w = new Float64Array(width);
  const b = new Float64Array(l).fill(1);
  const xjSq = new Float64Array(width);
  for (let j = 0; j < width; j++) {
    let s = 0;
    for (let q = colptr[j] as number; q < (colptr[j + 1] as number); q++) {
      s += (C[rowidx[q] as number] as number) * (xv[q] as number) * (xv[q] as number);
    }
    xjSq[j] = s;
  }
  const index = new Int32Array(width);
  for (let j = 0; j < width; j++) index[j] = j;
  const sigma = 0.01;
  const maxLineSearch = 20;
  let activeSize = width;
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
      const j = index[s] as number;
      const qa = colptr[j] as number;
      const qb = colptr[j + 1] as number;
      let Gloss = 0;
      let H = 0;
      for (let q = qa; q < qb; q++) {
        const i = rowidx[q] as number;
        if ((b[i] as number) > 0) {
          const tmp = (C[i] as number) * (xv[q] as number);
          Gloss -= tmp * (b[i] as number);
          H += tmp * (xv[q] as number);
        }
      }
      Gloss *= 2;
      const G = Gloss;
      H = Math.max(2 * H, 1e-12);
      const Gp = G + 1;
      const Gn = G - 1;
      const wj = w[j] as number;
      let violation = 0;
      if (wj === 0) {
        if (Gp < 0) violation = -Gp;
        else if (Gn > 0) violation = Gn;
        else if (Gp > GmaxOld / l && Gn < -GmaxOld / l) {
          activeSize--;
          index[s] = index[activeSize] as number;
          index[activeSize] = j;
          s--;
          continue;
        }
      } else violation = wj > 0 ? Math.abs(Gp) : Math.abs(Gn);
      if (violation > GmaxNew) GmaxNew = violation;
      Gnorm1New += violation;

      let d: number;
      if (Gp < H * wj) d = -Gp / H;
      else if (Gn > H * wj) d = -Gn / H;
      else d = -wj;
      if (Math.abs(d) < 1e-12) continue;
      let delta = Math.abs(wj + d) - Math.abs(wj) + G * d;
      let dOld = 0;
      let lossOld = 0;
      let steps = 0;
      for (; steps < maxLineSearch; steps++) {
        const dDiff = dOld - d;
        let cond = Math.abs(wj + d) - Math.abs(wj) - sigma * delta;
        const appxcond = (xjSq[j] as number) * d * d + Gloss * d + cond;
        if (appxcond <= 0) {
          for (let q = qa; q < qb; q++)
            b[rowidx[q] as number] = (b[rowidx[q] as number] as number) + dDiff * (xv[q] as number);
          break;
        }
        let lossNew = 0;
        for (let q = qa; q < qb; q++) {
          const i = rowidx[q] as number;
          const bi = b[i] as number;
          if (steps === 0 && bi > 0) lossOld += (C[i] as number) * bi * bi;
          const bNew = bi + dDiff * (xv[q] as number);
          b[i] = bNew;
          if (bNew > 0) lossNew += (C[i] as number) * bNew * bNew;
        }
        cond += lossNew - lossOld;
        if (cond <= 0) break;
        dOld = d;
        d *= 0.5;
        delta *= 0.5;
      }
      w[j] = wj + d;
      if (steps >= maxLineSearch) {
        // the line search failed: rebuild b = 1 − y wᵀx from scratch to shed rounding drift
        b.fill(1);
        for (let f = 0; f < width; f++) {
          const wf = w[f] as number;
          if (wf === 0) continue;
          for (let q = colptr[f] as number; q < (colptr[f + 1] as number); q++) {
            b[rowidx[q] as number] = (b[rowidx[q] as number] as number) - wf * (xv[q] as number);
          }
        }
      }
    }
    if (iter === 0) Gnorm1Init = Gnorm1New;
    iter++;
    if (Gnorm1New <= settings.eps * Gnorm1Init) {
      if (activeSize === width) {
        converged = true;
        break;
      }
      activeSize = width;
      GmaxOld = Infinity;
      continue;
    }
    GmaxOld = GmaxNew;
  }
  return { w, iterations: iter, converged };
}
