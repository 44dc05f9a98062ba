/** Writes the gradient of f at x into `grad` and returns f(x). */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

/** Settings of `lbfgs`. */
export interface LbfgsSettings {
  /** Most iterations. */
  maxIter: number;
  /** Stop when max |∇f| ≤ gtol (scipy's `pgtol`). */
  gtol: number;
  /** Stop when the relative decrease (fₖ − fₖ₊₁)/max(|fₖ|, |fₖ₊₁|, 1) ≤ ftol. Default 64·ε, scikit-learn's. */
  ftol?: number;
  /** Correction pairs kept. Default 10. */
  memory?: number;
  /** Most function evaluations per line search. Default 50. */
  maxLineSearch?: number;
}

/** Result of `lbfgs`. */
export interface LbfgsResult {
  x: Float64Array;
  f: number;
  nIter: number;
  /** Function evaluations. */
  nEval: number;
  converged: boolean;
  /** Why it stopped. */
  reason: 'gtol' | 'ftol' | 'maxIter' | 'lineSearch';
}

/**
 * Minimises a smooth function by limited-memory BFGS (Nocedal & Wright, "Numerical Optimization", 2nd ed.,
 * Algorithm 7.4 two-loop recursion, and Algorithms 3.5/3.6 for a line search satisfying the strong Wolfe
 * conditions with c₁ = 1e-4, c₂ = 0.9). All arithmetic is float64.
 * @param fg the objective and its gradient
 * @param x0 starting point (not modified)
 */
export function lbfgs(fg: ObjectiveWithGradient, x0: Float64Array, s: LbfgsSettings): LbfgsResult {
  const n = x0.length;
  const m = s.memory ?? 10;
  const ftol = s.ftol ?? 64 * 2.220446049250313e-16;
  const maxLs = s.maxLineSearch ?? 50;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fg(x, g);
  let nEval = 1;
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const alphaBuf = new Float64Array(m);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let it = 0;
  let reason: LbfgsResult['reason'] = 'maxIter';
  while (true) {
    if (maxAbs(g) <= s.gtol) {
      reason = 'gtol';
      break;
    }
    if (it >= s.maxIter) break;
    // two-loop recursion: d = −H·g
    for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
    const k = sHist.length;
    for (let j = k - 1; j >= 0; j--) {
      const a = (rho[j] as number) * dot(sHist[j] as Float64Array, d);
      alphaBuf[j] = a;
      axpy(-a, yHist[j] as Float64Array, d);
    }
    if (k > 0) {
      const yl = yHist[k - 1] as Float64Array;
      const gamma = dot(sHist[k - 1] as Float64Array, yl) / dot(yl, yl);
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) * gamma;
    }
    for (let j = 0; j < k; j++) {
      const b = (rho[j] as number) * dot(yHist[j] as Float64Array, d);
      axpy((alphaBuf[j] as number) - b, sHist[j] as Float64Array, d);
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // not a descent direction (numerical trouble): restart from steepest descent
      sHist.length = 0;
      yHist.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
      slope = dot(g, d);
    }
    const step0 = k === 0 ? Math.min(1, 1 / Math.sqrt(dot(g, g))) : 1;
    const ls = wolfeLineSearch(fg, x, f, slope, d, step0, xNew, gNew, maxLs);
    nEval += ls.nEval;
    if (ls.step === 0) {
      reason = 'lineSearch';
      break;
    }
    it++;
    const fOld = f;
    const sv = new Float64Array(n);
    const yv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sv[i] = (xNew[i] as number) - (x[i] as number);
      yv[i] = (gNew[i] as number) - (g[i] as number);
    }
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = ls.f;
    const sy = dot(sv, yv);
    if (sy > 1e-10 * dot(yv, yv)) {
      if (sHist.length === m) {
        sHist.shift();
        yHist.shift();
        rho.shift();
      }
      sHist.push(sv);
      yHist.push(yv);
      rho.push(1 / sy);
    }
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= ftol) {
      reason = 'ftol';
      break;
    }
  }
  return { x, f, nIter: it, nEval, converged: reason === 'gtol' || reason === 'ftol', reason };
}

interface LineSearchResult {
  step: number;
  f: number;
  nEval: number;
}

/**
 * Finds a step a along d with f(x + a·d) ≤ f(x) + c₁·a·slope and |∇f(x + a·d)·d| ≤ c₂·|slope|. The accepted point
 * and its gradient are left in xOut and gOut. Returns step 0 when none is found.
 */
function wolfeLineSearch(
  fg: ObjectiveWithGradient,
  x: Float64Array,
  f0: number,
  slope0: number,
  d: Float64Array,
  step0: number,
  xOut: Float64Array,
  gOut: Float64Array,
  maxEval: number,
): LineSearchResult {
  const c1 = 1e-4;
  const c2 = 0.9;
  let nEval = 0;
  const evalAt = (a: number): { f: number; slope: number } => {
    for (let i = 0; i < x.length; i++) xOut[i] = (x[i] as number) + a * (d[i] as number);
    const f = fg(xOut, gOut);
    nEval++;
    return { f, slope: dot(gOut, d) };
  };
  let aPrev = 0;
  let fPrev = f0;
  let sPrev = slope0;
  let a = step0;
  let best = { step: 0, f: f0, fresh: false };
  for (let i = 0; nEval < maxEval; i++) {
    const { f, slope } = evalAt(a);
    if (!Number.isFinite(f) || f > f0 + c1 * a * slope0 || (i > 0 && f >= fPrev)) {
      best = zoom(aPrev, fPrev, sPrev, a, Number.isFinite(f) ? f : Infinity, slope);
      break;
    }
    if (Math.abs(slope) <= -c2 * slope0) return { step: a, f, nEval };
    if (slope >= 0) {
      best = zoom(a, f, slope, aPrev, fPrev, sPrev);
      break;
    }
    aPrev = a;
    fPrev = f;
    sPrev = slope;
    a *= 2;
  }
  if (best.step > 0 && best.fresh) return { step: best.step, f: best.f, nEval };
  if (best.step > 0 && best.f < f0) {
    // the best point was not the last evaluated: evaluate it again so xOut / gOut hold it
    const again = evalAt(best.step);
    return { step: best.step, f: again.f, nEval };
  }
  return { step: 0, f: f0, nEval };

  function zoom(
    lo: number,
    fLo: number,
    sLo: number,
    hi: number,
    fHi: number,
    sHi: number,
  ): { step: number; f: number; fresh: boolean } {
    let bestStep = lo;
    let bestF = fLo;
    while (nEval < maxEval) {
      const width = hi - lo;
      let trial = cubicMin(lo, fLo, sLo, hi, fHi, sHi);
      const left = Math.min(lo, hi);
      const right = Math.max(lo, hi);
      // safeguard: stay inside the bracket, away from its ends
      if (!Number.isFinite(trial) || trial <= left + 0.1 * Math.abs(width) || trial >= right - 0.1 * Math.abs(width)) {
        trial = lo + 0.5 * width;
      }
      const { f, slope } = evalAt(trial);
      if (!Number.isFinite(f) || f > f0 + c1 * trial * slope0 || f >= fLo) {
        hi = trial;
        fHi = Number.isFinite(f) ? f : Infinity;
        sHi = slope;
      } else {
        if (f < bestF) {
          bestF = f;
          bestStep = trial;
        }
        if (Math.abs(slope) <= -c2 * slope0) return { step: trial, f, fresh: true };
        if (slope * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
          sHi = sLo;
        }
        lo = trial;
        fLo = f;
        sLo = slope;
      }
      if (Math.abs(hi - lo) < 1e-16 * Math.max(1, Math.abs(lo))) break;
    }
    return { step: bestStep, f: bestF, fresh: false };
  }
}

/** Minimiser of the cubic through (a, fa, ga) and (b, fb, gb) (Nocedal & Wright eq. 3.59). */
function cubicMin(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
  if (!Number.isFinite(fb)) return NaN;
  const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - ga * gb;
  if (disc < 0) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * ((gb + d2 - d1) / (gb - ga + 2 * d2));
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] = (y[i] as number) + alpha * (x[i] as number);
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
}
