/** Result of `conjugateGradient`. */
export interface CgResult {
  x: Float64Array;
  /** Iterations done. */
  nIter: number;
  /** True when ‖A·x − b‖ ≤ tol·‖b‖ was reached. */
  converged: boolean;
}

/**
 * Solves A·x = b for symmetric positive-definite A given only as a product v ↦ A·v, by conjugate gradients
 * (Hestenes & Stiefel 1952; Nocedal & Wright, "Numerical Optimization", Algorithm 5.2).
 * @param apply writes A·v into out
 * @param b right-hand side
 * @param tol relative residual tolerance
 * @param maxIter most iterations
 * @param x0 starting point; default zeros
 */
export function conjugateGradient(
  apply: (v: Float64Array, out: Float64Array) => void,
  b: Float64Array,
  tol: number,
  maxIter: number,
  x0?: Float64Array,
): CgResult {
  const n = b.length;
  const x = x0 ? Float64Array.from(x0) : new Float64Array(n);
  const r = new Float64Array(n);
  const ap = new Float64Array(n);
  apply(x, ap);
  let bNorm = 0;
  let rr = 0;
  for (let i = 0; i < n; i++) {
    r[i] = (b[i] as number) - (ap[i] as number);
    rr += (r[i] as number) ** 2;
    bNorm += (b[i] as number) ** 2;
  }
  bNorm = Math.sqrt(bNorm);
  const stop = tol * (bNorm === 0 ? 1 : bNorm);
  const p = Float64Array.from(r);
  let it = 0;
  while (Math.sqrt(rr) > stop && it < maxIter) {
    apply(p, ap);
    let pAp = 0;
    for (let i = 0; i < n; i++) pAp += (p[i] as number) * (ap[i] as number);
    if (!(pAp > 0)) break;
    const alpha = rr / pAp;
    let rrNew = 0;
    for (let i = 0; i < n; i++) {
      x[i] = (x[i] as number) + alpha * (p[i] as number);
      r[i] = (r[i] as number) - alpha * (ap[i] as number);
      rrNew += (r[i] as number) ** 2;
    }
    const beta = rrNew / rr;
    for (let i = 0; i < n; i++) p[i] = (r[i] as number) + beta * (p[i] as number);
    rr = rrNew;
    it++;
  }
  return { x, nIter: it, converged: Math.sqrt(rr) <= stop };
}
