import type { ObjectiveWithGradient } from './lbfgs.js';

/** Settings of `fista`. */
export interface FistaSettings {
  /** Strength λ of λ·‖x‖₁ over the penalised entries. */
  l1: number;
  /** 1 where the L1 penalty applies (coefficients), 0 where not (intercepts). */
  penalized: Uint8Array;
  maxIter: number;
  /** Stop when the gradient mapping L·‖x − prox(x − ∇f/L)‖∞ is at most `tol`. */
  tol: number;
}

/** Result of `fista`. */
export interface FistaResult {
  x: Float64Array;
  /** f(x) + λ‖x‖₁ at the end. */
  objective: number;
  nIter: number;
  converged: boolean;
}

/**
 * Minimises f(x) + λ‖x‖₁ (f smooth) by FISTA (Beck & Teboulle, "A Fast Iterative Shrinkage-Thresholding Algorithm
 * for Linear Inverse Problems", 2009) with backtracking on the Lipschitz constant and function-value adaptive
 * restart (O'Donoghue & Candès, 2015). The proximal step is soft-thresholding, which sets coefficients exactly to 0.
 * @param fg the smooth part and its gradient
 * @param x0 starting point (not modified)
 */
export function fista(fg: ObjectiveWithGradient, x0: Float64Array, s: FistaSettings): FistaResult {
  const n = x0.length;
  const l1Of = (v: Float64Array): number => {
    let t = 0;
    for (let i = 0; i < n; i++) if (s.penalized[i]) t += Math.abs(v[i] as number);
    return s.l1 * t;
  };
  let x = Float64Array.from(x0);
  const y = Float64Array.from(x0);
  const gy = new Float64Array(n);
  let xNew = new Float64Array(n);
  const gTmp = new Float64Array(n);
  let fx = fg(x, gTmp) + l1Of(x);
  let L = 1;
  let t = 1;
  let it = 0;
  let converged = false;
  while (it < s.maxIter) {
    const fy = fg(y, gy);
    let fNew = 0;
    // backtracking: grow L until the quadratic model majorises f at the prox point
    for (;;) {
      for (let i = 0; i < n; i++) {
        const v = (y[i] as number) - (gy[i] as number) / L;
        if (s.penalized[i]) {
          const thr = s.l1 / L;
          xNew[i] = v > thr ? v - thr : v < -thr ? v + thr : 0;
        } else xNew[i] = v;
      }
      fNew = fg(xNew, gTmp);
      let lin = 0;
      let sq = 0;
      for (let i = 0; i < n; i++) {
        const dlt = (xNew[i] as number) - (y[i] as number);
        lin += (gy[i] as number) * dlt;
        sq += dlt * dlt;
      }
      if (fNew <= fy + lin + 0.5 * L * sq + 1e-12 * Math.abs(fy) || L > 1e20) break;
      L *= 2;
    }
    it++;
    let mapping = 0;
    for (let i = 0; i < n; i++) mapping = Math.max(mapping, L * Math.abs((xNew[i] as number) - (y[i] as number)));
    const objNew = fNew + l1Of(xNew);
    if (mapping <= s.tol) {
      [x, xNew] = [xNew, x];
      fx = objNew;
      converged = true;
      break;
    }
    if (objNew > fx && t > 1) {
      // the momentum overshot: restart it from the last iterate (a plain proximal step is a descent step)
      t = 1;
      y.set(x);
      continue;
    }
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const beta = (t - 1) / tNext;
    for (let i = 0; i < n; i++) y[i] = (xNew[i] as number) + beta * ((xNew[i] as number) - (x[i] as number));
    [x, xNew] = [xNew, x];
    fx = objNew;
    t = tNext;
    // let the step grow back slowly, so one pessimistic backtrack does not slow every later iteration
    L *= 0.9;
  }
  return { x, objective: fx, nIter: it, converged };
}
